with areas as (
    select * from {{ ref('areas') }}
),

provinces as (
    select
        code as province_code,
        name as province_name
    from areas
    where level = 'province'
),

districts as (
    select
        code as district_code,
        parent_code as province_code
    from areas
    where level = 'district'
),

areas_in_provinces as (
    -- A district's parent is its province, a commune's its district.
    select
        areas.*,
        case areas.level
            when 'province' then areas.code
            when 'district' then areas.parent_code
            else districts.province_code
        end as province_code,
        case areas.level
            when 'district' then areas.code
            when 'commune' then areas.parent_code
        end as district_code
    from areas
    left join districts on areas.parent_code = districts.district_code
)

select
    areas_in_provinces.code as area_code,
    areas_in_provinces.name as area_name,
    areas_in_provinces.kind as area_kind,
    areas_in_provinces.level as area_level,
    areas_in_provinces.province_code,
    provinces.province_name,
    areas_in_provinces.district_code,
    areas_in_provinces.province_slug,
    areas_in_provinces.province_code_2025,
    areas_in_provinces.province_name_2025
from areas_in_provinces
inner join provinces on areas_in_provinces.province_code = provinces.province_code
