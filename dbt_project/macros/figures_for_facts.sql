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
    figures.report_period,
    figures.province_code,
    figures.area_code,
    figures.scope,
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


{#- The figures of one fact table that its run rebuilds, from the domain model `figures`, with a
    later report winning over an earlier one for the same slot.

    A slot is a row of the fact: period, province, area, scope and the fact's other grain columns
    (category, programme, project, year, stars, and the measure where it is part of the grain,
    `measure_in_grain`). When two reports state it (annual 2025 in the December 2025 and the
    January 2026 report), the figures of the later report are kept, all measures of the row
    together. Updating the table, the run rebuilds every month (of each province) that a report
    of its window states figures about, now or in the table before: the strategy
    (replace_window with restates_months) replaces those months whole, so the later report wins
    whichever of them was rerun, and a figure a corrected report no longer states gives its slot
    back to the earlier report. -#}
{% macro latest_report_figures(figures, fact_table, measure_in_grain=false) %}
with figures_of_fact as (
    select * from {{ figures }}
    where fact_table = '{{ fact_table }}'
),
{%- if is_incremental() %}

months_restated as (
    select distinct province_code, period from figures_of_fact
    where {{ run_window('report_period') }}
    union
    select distinct province_code, period from {{ this }}
    where {{ run_window('report_period') }}
),

figures_of_months as (
    select figures_of_fact.*
    from figures_of_fact
    inner join months_restated
        on
            figures_of_fact.province_code = months_restated.province_code
            and figures_of_fact.period = months_restated.period
),
{%- else %}

figures_of_months as (
    select * from figures_of_fact
),
{%- endif %}

figures_of_latest_report as (
    select *
    from figures_of_months
    qualify dense_rank() over (
        partition by
            period, province_code, area_code, scope, category, program, project, ref_year, stars
            {%- if measure_in_grain %}, measure{% endif %}
        order by report_period desc
    ) = 1
)
{% endmacro %}
