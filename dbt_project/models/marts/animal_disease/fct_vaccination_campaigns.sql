{{ latest_report_figures(ref('int_animal_disease__figures'), 'fct_vaccination_campaigns') }},

vaccination_figures as (
    select * from figures_of_latest_report
)

select
    period,
    report_period,
    province_code,
    area_code,
    scope,
    cast(max(value) filter (where measure = 'districts_completed') as integer) as districts_completed,
    cast(max(value) filter (where measure = 'districts_total') as integer) as districts_total,
    first(status order by source_line, measure) as status,
    submission_id,
    min(source_line) as source_line,
    first(source_text order by source_line, measure) as source_text
from vaccination_figures
group by period, report_period, province_code, area_code, scope, submission_id, repeat_rank
