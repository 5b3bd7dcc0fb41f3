with violation_figures as (
    select * from {{ ref('int_forestry__figures') }}
    where
        fact_table = 'fct_forest_violations'
        and {{ in_run_window() }}
)

select
    period,
    province_code,
    area_code,
    category as violation_type,
    cast(max(value) filter (where measure = 'cases') as integer) as cases,
    max(value) filter (where measure = 'damaged_area_ha') as damaged_area_ha,
    max(value) filter (where measure = 'timber_m3') as timber_m3,
    first(status order by source_line, measure) as status,
    submission_id,
    min(source_line) as source_line,
    first(source_text order by source_line, measure) as source_text
from violation_figures
group by period, province_code, area_code, category, submission_id, repeat_rank
