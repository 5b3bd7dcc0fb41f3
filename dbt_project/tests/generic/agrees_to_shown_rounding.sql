{#- Fails for every row whose reported percentage (`column_name`, as the report shows it) is not
    the computed one rounded to the decimals shown: "đạt 84%" holds for 83.7 (5.078 / 6.065),
    "36,6%" for 36.598. Half a unit of the last decimal shown is allowed either way; rows where
    either value is absent are not checked. -#}
{% test agrees_to_shown_rounding(model, column_name, computed) %}
{{ config(store_failures=true) }}

with both_stated as (
    select
        *,
        case
            when {{ column_name }} = round({{ column_name }}) then 0
            when {{ column_name }} * 10 = round({{ column_name }} * 10) then 1
            else 2
        end as decimals_shown
    from {{ model }}
    where {{ column_name }} is not null and {{ computed }} is not null
)

select
    *,
    '{{ column_name }} ' || {{ number_text(column_name) }} || ' but {{ computed }} is '
    || {{ number_text(computed) }} as details
from both_stated
where abs({{ computed }} - {{ column_name }}) > 0.5 * pow(10, -decimals_shown) + 1e-9

{% endtest %}
