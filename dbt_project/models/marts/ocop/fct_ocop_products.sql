{{ latest_report_figures(ref('int_ocop__figures'), 'fct_ocop_products') }},

ocop_figures as (
    select * from figures_of_latest_report
)

select
    period,
    report_period,
    province_code,
    area_code,
    scope,
    category as measure,
    stars,
    cast(value as integer) as products,
    status,
    qualifier,
    submission_id,
    source_line,
    source_text
from ocop_figures
