{{ latest_report_figures(ref('int_hightech__figures'), 'fct_hightech_areas') }},

hightech_figures as (
    select * from figures_of_latest_report
)

select
    period,
    report_period,
    province_code,
    area_code,
    scope,
    max(value) filter (where measure = 'greenhouse_ha') as greenhouse_ha,
    max(value) filter (where measure = 'efficient_irrigation_ha') as efficient_irrigation_ha,
    first(status order by source_line, measure) as status,
    submission_id,
    min(source_line) as source_line,
    first(source_text order by source_line, measure) as source_text
from hightech_figures
group by period, report_period, province_code, area_code, scope, submission_id, repeat_rank
