{#- A number as the check details show it: 353350, not 353350.0; 36.598, not 36.59793814432. -#}
{% macro number_text(value) -%}
    case
        when {{ value }} = round({{ value }}) then cast(cast({{ value }} as bigint) as varchar)
        else cast(round({{ value }}, 3) as varchar)
    end
{%- endmacro %}
