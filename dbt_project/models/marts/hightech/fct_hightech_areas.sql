with hightech_figures as (
    select * from {{ ref('int_hightech__figures') }}
    where
        fact_table = 'fct_hightech_areas'
        and {{ in_run_window() }}
)

select
    period,
    province_code,
    area_code,
    max(value) filter (where measure = 'greenhouse_ha') as greenhouse_ha,
    max(value) filter (where measure = 'efficient_irrigation_ha') as efficient_irrigation_ha,
    first(status order by source_line, measure) as status,
    submission_id,
    min(source_line) as source_line,
    first(source_text order by source_line, measure) as source_text
from hightech_figures
group by period, province_code, area_code, submission_id, repeat_rank
