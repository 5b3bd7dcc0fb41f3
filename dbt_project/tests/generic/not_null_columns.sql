{#- Fails for every row with a null in any of `columns` (a fact's keys and required measures), and
    names the null columns: one test for what would be a not_null test per column, so a fact's
    keys cost one query instead of six. -#}
{% test not_null_columns(model, columns) %}
{{ config(store_failures=true) }}

select
    *,
    'null ' || concat_ws(
        ', ',
        {%- for column in columns %}
        case when {{ column }} is null then '{{ column }}' end{{ ',' if not loop.last }}
        {%- endfor %}
    ) as details
from {{ model }}
where
    {%- for column in columns %}
    {{ 'or ' if not loop.first }}{{ column }} is null
    {%- endfor %}

{% endtest %}
