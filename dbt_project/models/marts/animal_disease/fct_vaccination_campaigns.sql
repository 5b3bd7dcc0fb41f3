with vaccination_figures as (
    select * from {{ ref('int_animal_disease__figures') }}
    where
        fact_table = 'fct_vaccination_campaigns'
        and {{ in_run_window() }}
)

select
    period,
    province_code,
    area_code,
    cast(max(value) filter (where measure = 'districts_completed') as integer) as districts_completed,
    cast(max(value) filter (where measure = 'districts_total') as integer) as districts_total,
    first(status order by source_line, measure) as status,
    submission_id,
    min(source_line) as source_line,
    first(source_text order by source_line, measure) as source_text
from vaccination_figures
group by period, province_code, area_code, submission_id, repeat_rank
