with protection_figures as (
    select * from {{ ref('int_forestry__figures') }}
    where
        fact_table = 'fct_forest_protection'
        and {{ in_run_window() }}
)

select
    period,
    province_code,
    area_code,
    measure as activity,
    value as quantity,
    unit,
    status,
    qualifier,
    submission_id,
    source_line,
    source_text
from protection_figures
