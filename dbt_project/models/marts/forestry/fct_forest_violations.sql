{{ latest_report_figures(ref('int_forestry__figures'), 'fct_forest_violations') }},

violation_figures as (
    select * from figures_of_latest_report
)

select
    period,
    report_period,
    province_code,
    area_code,
    scope,
    category as violation_type,
    cast(max(value) filter (where measure = 'cases') as integer) as cases,
    max(value) filter (where measure = 'damaged_area_ha') as damaged_area_ha,
    max(value) filter (where measure = 'timber_m3') as timber_m3,
    first(status order by source_line, measure) as status,
    submission_id,
    min(source_line) as source_line,
    first(source_text order by source_line, measure) as source_text
from violation_figures
group by period, report_period, province_code, area_code, scope, category, submission_id, repeat_rank
