with certification_figures as (
    select * from {{ ref('int_hightech__figures') }}
    where
        fact_table = 'fct_certifications'
        and {{ in_run_window() }}
)

select
    period,
    province_code,
    area_code,
    category as certification,
    cast(max(value) filter (where measure = 'facilities') as integer) as facilities,
    max(value) filter (where measure = 'area_ha') as area_ha,
    max(value) filter (where measure = 'volume_m3') as volume_m3,
    first(status order by source_line, measure) as status,
    submission_id,
    min(source_line) as source_line,
    first(source_text order by source_line, measure) as source_text
from certification_figures
group by period, province_code, area_code, category, submission_id, repeat_rank
