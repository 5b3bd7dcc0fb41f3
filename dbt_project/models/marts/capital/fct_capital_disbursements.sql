with capital_figures as (
    select * from {{ ref('int_capital__figures') }}
    where
        fact_table = 'fct_capital_disbursements'
        and {{ in_run_window() }}
),

capital_by_project_year as (
    select
        period,
        province_code,
        area_code,
        program,
        project,
        ref_year as allocation_year,
        max(value) filter (where measure = 'allocated_mvnd') as allocated_mvnd,
        max(value) filter (where measure = 'disbursed_mvnd') as disbursed_mvnd,
        max(value) filter (where measure = 'reported_rate_pct') as reported_rate_pct,
        first(status order by source_line, measure) as status,
        submission_id,
        min(source_line) as source_line,
        first(source_text order by source_line, measure) as source_text
    from capital_figures
    group by period, province_code, area_code, program, project, ref_year, submission_id, repeat_rank
)

select
    period,
    province_code,
    area_code,
    program,
    project,
    allocation_year,
    allocated_mvnd,
    disbursed_mvnd,
    reported_rate_pct,
    case
        when allocated_mvnd > 0 and disbursed_mvnd is not null
            then disbursed_mvnd / allocated_mvnd * 100
    end as computed_rate_pct,
    status,
    submission_id,
    source_line,
    source_text
from capital_by_project_year
