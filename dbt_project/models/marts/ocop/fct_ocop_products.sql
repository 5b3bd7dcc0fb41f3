with ocop_figures as (
    select * from {{ ref('int_ocop__figures') }}
    where
        fact_table = 'fct_ocop_products'
        and {{ in_run_window() }}
)

select
    period,
    province_code,
    area_code,
    category as measure,
    stars,
    cast(value as integer) as products,
    status,
    qualifier,
    submission_id,
    source_line,
    source_text
from ocop_figures
