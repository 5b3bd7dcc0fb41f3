with training_figures as (
    select * from {{ ref('int_training__figures') }}
    where
        fact_table = 'fct_vocational_training'
        and {{ in_run_window() }}
)

select
    period,
    province_code,
    area_code,
    cast(max(value) filter (where measure = 'classes') as integer) as classes,
    cast(max(value) filter (where measure = 'trainees') as integer) as trainees,
    max(value) filter (where measure = 'plan_achieved_pct') as plan_achieved_pct,
    first(status order by source_line, measure) as status,
    submission_id,
    min(source_line) as source_line,
    first(source_text order by source_line, measure) as source_text
from training_figures
group by period, province_code, area_code, submission_id, repeat_rank
