with ocop_figures as (
    select * from {{ ref('int_figures__latest') }}
    where indicator = 'ocop_products'
)

select
    period,
    province_code,
    area_code,
    category as measure,
    stars,
    cast(value as integer) as products,
    status,
    submission_id,
    source_line,
    source_text
from ocop_figures
