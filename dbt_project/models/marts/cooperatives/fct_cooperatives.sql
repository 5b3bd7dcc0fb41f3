{{ latest_report_figures(ref('int_cooperatives__figures'), 'fct_cooperatives') }},

cooperative_figures as (
    select * from figures_of_latest_report
)

select
    period,
    report_period,
    province_code,
    area_code,
    scope,
    category as sector,
    cast(value as integer) as cooperatives,
    status,
    qualifier,
    submission_id,
    source_line,
    source_text
from cooperative_figures
