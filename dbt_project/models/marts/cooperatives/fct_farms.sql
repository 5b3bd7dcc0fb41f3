with farm_figures as (
    select * from {{ ref('int_cooperatives__figures') }}
    where
        fact_table = 'fct_farms'
        and {{ in_run_window() }}
)

select
    period,
    province_code,
    area_code,
    category as sector,
    cast(max(value) filter (where measure = 'farms') as integer) as farms,
    max(value) filter (where measure = 'farm_area_ha') as farm_area_ha,
    cast(max(value) filter (where measure = 'farm_jobs') as integer) as farm_jobs,
    first(status order by source_line, measure) as status,
    submission_id,
    min(source_line) as source_line,
    first(source_text order by source_line, measure) as source_text
from farm_figures
group by period, province_code, area_code, category, submission_id, repeat_rank
