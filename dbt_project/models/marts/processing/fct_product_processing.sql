with processing_figures as (
    select * from {{ ref('int_processing__figures') }}
    where
        fact_table = 'fct_product_processing'
        and {{ in_run_window() }}
)

select
    period,
    province_code,
    area_code,
    category as product,
    measure,
    value as quantity_tons,
    status,
    qualifier,
    submission_id,
    source_line,
    source_text
from processing_figures
