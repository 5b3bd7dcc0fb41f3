{{ latest_report_figures(ref('int_hightech__figures'), 'fct_certifications') }},

certification_figures as (
    select * from figures_of_latest_report
)

select
    period,
    report_period,
    province_code,
    area_code,
    scope,
    category as certification,
    cast(max(value) filter (where measure = 'facilities') as integer) as facilities,
    max(value) filter (where measure = 'area_ha') as area_ha,
    max(value) filter (where measure = 'volume_m3') as volume_m3,
    first(status order by source_line, measure) as status,
    submission_id,
    min(source_line) as source_line,
    first(source_text order by source_line, measure) as source_text
from certification_figures
group by period, report_period, province_code, area_code, scope, category, submission_id, repeat_rank
