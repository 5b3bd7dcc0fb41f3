{{ latest_report_figures(ref('int_training__figures'), 'fct_vocational_training') }},

training_figures as (
    select * from figures_of_latest_report
)

select
    period,
    report_period,
    province_code,
    area_code,
    scope,
    cast(max(value) filter (where measure = 'classes') as integer) as classes,
    cast(max(value) filter (where measure = 'trainees') as integer) as trainees,
    max(value) filter (where measure = 'plan_achieved_pct') as plan_achieved_pct,
    first(status order by source_line, measure) as status,
    submission_id,
    min(source_line) as source_line,
    first(source_text order by source_line, measure) as source_text
from training_figures
group by period, report_period, province_code, area_code, scope, submission_id, repeat_rank
