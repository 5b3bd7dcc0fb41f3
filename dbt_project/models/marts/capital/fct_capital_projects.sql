with project_figures as (
    select * from {{ ref('int_capital__figures') }}
    where
        fact_table = 'fct_capital_projects'
        and {{ in_run_window() }}
)

select
    period,
    province_code,
    area_code,
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
group by period, province_code, area_code, program, project, ref_year, category, submission_id, repeat_rank
