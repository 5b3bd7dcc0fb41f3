with cooperative_figures as (
    select * from {{ ref('int_figures__latest') }}
    where indicator = 'cooperatives'
)

select
    period,
    province_code,
    area_code,
    category as sector,
    cast(value as integer) as cooperatives,
    status,
    submission_id,
    source_line,
    source_text
from cooperative_figures
