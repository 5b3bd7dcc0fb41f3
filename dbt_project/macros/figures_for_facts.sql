{#- The newest figures that land in the given fact tables, with the measure column each fills:
    the body of every int_<domain>__figures model, which differ only in their fact tables. -#}
{% macro figures_for_facts(fact_tables) %}
with fact_columns as (
    select
        indicator,
        fact_table,
        measure
    from {{ ref('int_indicators__fact_columns') }}
    where fact_table in ('{{ fact_tables | join("', '") }}')
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
{% endmacro %}
