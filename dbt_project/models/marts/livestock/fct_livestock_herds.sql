{{ latest_report_figures(ref('int_livestock__figures'), 'fct_livestock_herds') }},

herd_figures as (
    select * from figures_of_latest_report
)

select
    period,
    report_period,
    province_code,
    area_code,
    scope,
    category as species,
    cast(value as bigint) as head_count,
    status,
    qualifier,
    submission_id,
    source_line,
    source_text
from herd_figures
