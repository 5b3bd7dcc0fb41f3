with provinces as (
    select * from {{ ref('areas') }}
    where level = 'province'
)

select
    province_code_2025,
    province_name_2025,
    count(*) as former_province_count,
    string_agg(code, ', ' order by code) as former_province_codes,
    string_agg(name, ', ' order by code) as former_province_names
from provinces
group by province_code_2025, province_name_2025
