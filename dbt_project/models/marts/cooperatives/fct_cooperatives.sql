with cooperative_figures as (
    select * from {{ ref('int_cooperatives__figures') }}
    where
        fact_table = 'fct_cooperatives'
        and {{ in_run_window() }}
)

select
    period,
    province_code,
    area_code,
    category as sector,
    cast(value as integer) as cooperatives,
    status,
    qualifier,
    submission_id,
    source_line,
    source_text
from cooperative_figures
