{{ latest_report_figures(ref('int_capital__figures'), 'fct_capital_projects') }},

project_figures as (
    select * from figures_of_latest_report
)

select
    period,
    report_period,
    province_code,
    area_code,
    scope,
    program,
    project,
    ref_year as allocation_year,
    category as project_kind,
    cast(max(value) filter (where measure = 'projects') as integer) as projects,
    cast(max(value) filter (where measure = 'households') as integer) as households,
    first(status order by source_line, measure) as status,
    submission_id,
    min(source_line) as source_line,
    first(source_text order by source_line, measure) as source_text
from project_figures
group by period, report_period, province_code, area_code, scope, program, project, ref_year, category, submission_id, repeat_rank
