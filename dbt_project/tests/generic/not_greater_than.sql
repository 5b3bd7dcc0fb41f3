{#- Fails for every row where `column_name` exceeds `other` (both stated), e.g. more capital
    disbursed than was allocated. -#}
{% test not_greater_than(model, column_name, other) %}
{{ config(store_failures=true) }}

select
    *,
    '{{ column_name }} ' || {{ number_text(column_name) }} || ' is more than {{ other }} '
    || {{ number_text(other) }} as details
from {{ model }}
where {{ column_name }} > {{ other }}

{% endtest %}
