{{ latest_report_figures(ref('int_capital__figures'), 'fct_capital_disbursements') }},

capital_figures as (
    select * from figures_of_latest_report
),

capital_by_project_year as (
    select
        period,
        report_period,
        province_code,
        area_code,
        scope,
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
    group by period, report_period, province_code, area_code, scope, program, project, ref_year, submission_id, repeat_rank
)

select
    period,
    report_period,
    province_code,
    area_code,
    scope,
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
