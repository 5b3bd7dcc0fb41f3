{{ latest_report_figures(ref('int_livestock__figures'), 'fct_livestock_output') }},

meat_figures as (
    select * from figures_of_latest_report
)

select
    period,
    report_period,
    province_code,
    area_code,
    scope,
    category as meat_type,
    value as output_tons,
    status,
    qualifier,
    submission_id,
    source_line,
    source_text
from meat_figures
