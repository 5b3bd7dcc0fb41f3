{{ latest_report_figures(ref('int_animal_disease__figures'), 'fct_animal_disease') }},

disease_figures as (
    select * from figures_of_latest_report
)

select
    period,
    report_period,
    province_code,
    area_code,
    scope,
    category as disease,
    cast(max(value) filter (where measure = 'outbreak_households') as integer) as outbreak_households,
    cast(max(value) filter (where measure = 'culled_head') as bigint) as culled_head,
    max(value) filter (where measure = 'culled_kg') as culled_kg,
    first(status order by source_line, measure) as status,
    submission_id,
    min(source_line) as source_line,
    first(source_text order by source_line, measure) as source_text
from disease_figures
group by period, report_period, province_code, area_code, scope, category, submission_id, repeat_rank
