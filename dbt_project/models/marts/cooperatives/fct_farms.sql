{{ latest_report_figures(ref('int_cooperatives__figures'), 'fct_farms') }},

farm_figures as (
    select * from figures_of_latest_report
)

select
    period,
    report_period,
    province_code,
    area_code,
    scope,
    category as sector,
    cast(max(value) filter (where measure = 'farms') as integer) as farms,
    max(value) filter (where measure = 'farm_area_ha') as farm_area_ha,
    cast(max(value) filter (where measure = 'farm_jobs') as integer) as farm_jobs,
    first(status order by source_line, measure) as status,
    submission_id,
    min(source_line) as source_line,
    first(source_text order by source_line, measure) as source_text
from farm_figures
group by period, report_period, province_code, area_code, scope, category, submission_id, repeat_rank
