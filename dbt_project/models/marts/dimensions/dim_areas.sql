with areas as (
    select * from {{ ref('areas') }}
),

provinces as (
    select
        code as province_code,
        name as province_name
    from areas
    where level = 'province'
)

select
    areas.code as area_code,
    areas.name as area_name,
    areas.kind as area_kind,
    areas.level as area_level,
    coalesce(areas.parent_code, areas.code) as province_code,
    provinces.province_name,
    areas.province_slug,
    areas.province_code_2025,
    areas.province_name_2025
from areas
inner join provinces on coalesce(areas.parent_code, areas.code) = provinces.province_code
