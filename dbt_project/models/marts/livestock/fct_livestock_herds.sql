with herd_figures as (
    select * from {{ ref('int_livestock__figures') }}
    where
        fact_table = 'fct_livestock_herds'
        and {{ in_run_window() }}
)

select
    period,
    province_code,
    area_code,
    category as species,
    cast(value as bigint) as head_count,
    status,
    qualifier,
    submission_id,
    source_line,
    source_text
from herd_figures
