{#- dbt's `where` test config, plus three placeholders: `__loaded_period__` stands for the rows of
    the reports the current run loaded (the half-open window of the `period_start` /
    `period_end` vars on `report_period`, the month of the report a row came from),
    `__loaded_submission_period__` for the same window on `period` (audit.submissions, whose
    period is the report's month), and `__all_periods__` for no filter at all (lookups without
    months, checks that need the months before the window). Reports outside the window did not
    change in the run, so their tests passed before. -#}
{% macro get_where_subquery(relation) -%}
    {%- set where = config.get('where', '') -%}
    {%- if where and where != '__all_periods__' -%}
        {%- set where = where
            | replace('__loaded_submission_period__', run_window('period'))
            | replace('__loaded_period__', run_window('report_period')) -%}
        {%- set filtered -%}
            (select * from {{ relation }} where {{ where }}) dbt_subquery
        {%- endset -%}
        {%- do return(filtered) -%}
    {%- else -%}
        {%- do return(relation) -%}
    {%- endif -%}
{%- endmacro %}
