{#- Use a model's configured schema verbatim (`marts`, not `main_marts`): the warehouse
    contract names the schemas analysts query. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
