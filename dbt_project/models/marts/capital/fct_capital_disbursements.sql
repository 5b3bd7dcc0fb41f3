with capital_figures as (
    select
        *,
        -- A figure stated twice gets rank 2 and a row of its own, which the grain test catches
        -- instead of one value silently winning.
        row_number() over (
            partition by period, province_code, area_code, program, project, ref_year, indicator
            order by source_line
        ) as repeat_rank
    from {{ ref('int_figures__latest') }}
    where
        indicator in ('capital_allocated', 'capital_disbursed', 'capital_disbursement_rate')
        and category = 'all'
),

capital_by_project_year as (
    select
        period,
        province_code,
        area_code,
        program,
        project,
        ref_year as allocation_year,
        max(value) filter (where indicator = 'capital_allocated') as allocated_mvnd,
        max(value) filter (where indicator = 'capital_disbursed') as disbursed_mvnd,
        max(value) filter (where indicator = 'capital_disbursement_rate') as reported_rate_pct,
        first(status order by source_line, indicator) as status,
        submission_id,
        min(source_line) as source_line,
        first(source_text order by source_line, indicator) as source_text
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
