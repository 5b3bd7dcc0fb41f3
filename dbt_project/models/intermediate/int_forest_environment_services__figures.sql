with fact_columns as (
    select
        indicator,
        fact_table,
        measure
    from {{ ref('int_indicators__fact_columns') }}
    where fact_table in ('fct_forest_environment_services')
),

figures as (
    select * from {{ ref('int_figures__latest') }}
)

select
    figures.period,
    figures.province_code,
    figures.area_code,
    fact_columns.fact_table,
    fact_columns.measure,
    figures.indicator,
    figures.category,
    figures.program,
    figures.project,
    figures.ref_year,
    figures.stars,
    figures.value,
    figures.unit,
    figures.status,
    figures.qualifier,
    figures.submission_id,
    figures.source_line,
    figures.source_text,
    figures.repeat_rank
from figures
inner join fact_columns on figures.indicator = fact_columns.indicator
