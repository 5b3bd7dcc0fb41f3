with herd_figures as (
    select * from {{ ref('int_figures__latest') }}
    where indicator = 'livestock_herd'
)

select
    period,
    province_code,
    area_code,
    category as species,
    cast(value as bigint) as head_count,
    status,
    submission_id,
    source_line,
    source_text
from herd_figures
