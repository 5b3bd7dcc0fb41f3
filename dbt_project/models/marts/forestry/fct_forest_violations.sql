with violation_figures as (
    select
        *,
        -- A figure stated twice gets rank 2 and a row of its own, which the grain test catches
        -- instead of one value silently winning.
        row_number() over (
            partition by period, province_code, area_code, category, indicator
            order by source_line
        ) as repeat_rank
    from {{ ref('int_figures__latest') }}
    where indicator in (
        'forest_violation_cases', 'forest_violation_damaged_area', 'forest_violation_timber'
    )
),

violations_by_type as (
    select
        period,
        province_code,
        area_code,
        category as violation_type,
        cast(max(value) filter (where indicator = 'forest_violation_cases') as integer) as cases,
        max(value) filter (where indicator = 'forest_violation_damaged_area') as damaged_area_ha,
        max(value) filter (where indicator = 'forest_violation_timber') as timber_m3,
        first(status order by source_line, indicator) as status,
        submission_id,
        min(source_line) as source_line,
        first(source_text order by source_line, indicator) as source_text
    from violation_figures
    group by period, province_code, area_code, category, submission_id, repeat_rank
)

select * from violations_by_type
