{{ latest_report_figures(ref('int_crops__figures'), 'fct_crop_progress') }},

crop_figures as (
    select * from figures_of_latest_report
)

select
    period,
    report_period,
    province_code,
    area_code,
    scope,
    category as crop,
    max(value) filter (where measure = 'land_prepared_ha') as land_prepared_ha,
    max(value) filter (where measure = 'seedbed_ha') as seedbed_ha,
    max(value) filter (where measure = 'planted_ha') as planted_ha,
    max(value) filter (where measure = 'harvested_ha') as harvested_ha,
    max(value) filter (where measure = 'seedbed_covered_pct') as seedbed_covered_pct,
    first(status order by source_line, measure) as status,
    submission_id,
    min(source_line) as source_line,
    first(source_text order by source_line, measure) as source_text
from crop_figures
group by period, report_period, province_code, area_code, scope, category, submission_id, repeat_rank
