{{ latest_report_figures(ref('int_forest_environment_services__figures'), 'fct_forest_environment_services', measure_in_grain=true) }},

service_figures as (
    select * from figures_of_latest_report
)

select
    period,
    report_period,
    province_code,
    area_code,
    scope,
    measure,
    ref_year as plan_year,
    value as amount_mvnd,
    status,
    qualifier,
    submission_id,
    source_line,
    source_text
from service_figures
