with aquaculture_figures as (
    select * from {{ ref('int_aquaculture__figures') }}
    where
        fact_table = 'fct_aquaculture'
        and {{ in_run_window() }}
)

select
    period,
    province_code,
    area_code,
    category as aquaculture_category,
    max(value) filter (where measure = 'area_ha') as area_ha,
    max(value) filter (where measure = 'volume_m3') as volume_m3,
    max(value) filter (where measure = 'production_tons') as production_tons,
    first(status order by source_line, measure) as status,
    submission_id,
    min(source_line) as source_line,
    first(source_text order by source_line, measure) as source_text
from aquaculture_figures
group by period, province_code, area_code, category, submission_id, repeat_rank
