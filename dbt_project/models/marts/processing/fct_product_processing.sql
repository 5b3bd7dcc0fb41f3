{{ latest_report_figures(ref('int_processing__figures'), 'fct_product_processing', measure_in_grain=true) }},

processing_figures as (
    select * from figures_of_latest_report
)

select
    period,
    report_period,
    province_code,
    area_code,
    scope,
    category as product,
    measure,
    value as quantity_tons,
    status,
    qualifier,
    submission_id,
    source_line,
    source_text
from processing_figures
