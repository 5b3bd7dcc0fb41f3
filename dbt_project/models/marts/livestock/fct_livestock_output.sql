with meat_figures as (
    select * from {{ ref('int_livestock__figures') }}
    where
        fact_table = 'fct_livestock_output'
        and {{ in_run_window() }}
)

select
    period,
    province_code,
    area_code,
    category as meat_type,
    value as output_tons,
    status,
    qualifier,
    submission_id,
    source_line,
    source_text
from meat_figures
