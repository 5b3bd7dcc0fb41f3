with indicators as (
    select * from {{ ref('indicators') }}
),

units as (
    select * from {{ ref('units') }}
),

fact_columns as (
    select * from {{ ref('int_indicators__fact_columns') }}
)

select
    indicators.indicator,
    indicators.domain,
    indicators.label_vi,
    indicators.label_en,
    indicators.definition,
    indicators.unit,
    units.label_vi as unit_label_vi,
    units.label_en as unit_label_en,
    indicators.category_dimension,
    fact_columns.fact_table,
    fact_columns.measure as fact_measure
from indicators
left join units on indicators.unit = units.unit
left join fact_columns on indicators.indicator = fact_columns.indicator
