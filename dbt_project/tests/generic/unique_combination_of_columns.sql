{#- Fails for every combination of the columns that occurs more than once: the grain of a
    table. Nulls compare equal, so "all years together" (null) is one value of the grain. -#}
{% test unique_combination_of_columns(model, combination_of_columns) %}
{{ config(store_failures=true) }}

with grain as (
    select
        {{ combination_of_columns | join(',\n        ') }},
        count(*) as rows_in_grain
    from {{ model }}
    group by all
)

select * from grain
where rows_in_grain > 1

{% endtest %}
