with service_figures as (
    select * from {{ ref('int_forest_environment_services__figures') }}
    where
        fact_table = 'fct_forest_environment_services'
        and {{ in_run_window() }}
)

select
    period,
    province_code,
    area_code,
    measure,
    ref_year as plan_year,
    value as amount_mvnd,
    status,
    qualifier,
    submission_id,
    source_line,
    source_text
from service_figures
