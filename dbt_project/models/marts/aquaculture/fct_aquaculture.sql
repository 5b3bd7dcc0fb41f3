{{ latest_report_figures(ref('int_aquaculture__figures'), 'fct_aquaculture') }},

aquaculture_figures as (
    select * from figures_of_latest_report
)

select
    period,
    report_period,
    province_code,
    area_code,
    scope,
    category as aquaculture_category,
    max(value) filter (where measure = 'area_ha') as area_ha,
    max(value) filter (where measure = 'volume_m3') as volume_m3,
    max(value) filter (where measure = 'production_tons') as production_tons,
    first(status order by source_line, measure) as status,
    submission_id,
    min(source_line) as source_line,
    first(source_text order by source_line, measure) as source_text
from aquaculture_figures
group by period, report_period, province_code, area_code, scope, category, submission_id, repeat_rank
