{{ latest_report_figures(ref('int_forestry__figures'), 'fct_forest_protection', measure_in_grain=true) }},

protection_figures as (
    select * from figures_of_latest_report
)

select
    period,
    report_period,
    province_code,
    area_code,
    scope,
    measure as activity,
    value as quantity,
    unit,
    status,
    qualifier,
    submission_id,
    source_line,
    source_text
from protection_figures
