with meat_figures as (
    select * from {{ ref('int_figures__latest') }}
    where indicator = 'meat_output'
)

select
    period,
    province_code,
    area_code,
    category as meat_type,
    value as output_tons,
    status,
    submission_id,
    source_line,
    source_text
from meat_figures
