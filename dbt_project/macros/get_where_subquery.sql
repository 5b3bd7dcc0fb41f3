{#- dbt's `where` test config, plus one placeholder: `__loaded_period__` stands for the months
    the current run loaded (the half-open window of the `period_start` / `period_end` vars).
    Months outside the window did not change in the run, so their tests passed before. -#}
{% macro get_where_subquery(relation) -%}
    {%- set where = config.get('where', '') -%}
    {%- if where -%}
        {%- set loaded_period -%}
            period >= cast('{{ var("period_start") }}' as date)
            and period < cast('{{ var("period_end") }}' as date)
        {%- endset -%}
        {%- set where = where | replace('__loaded_period__', loaded_period) -%}
        {%- set filtered -%}
            (select * from {{ relation }} where {{ where }}) dbt_subquery
        {%- endset -%}
        {%- do return(filtered) -%}
    {%- else -%}
        {%- do return(relation) -%}
    {%- endif -%}
{%- endmacro %}
