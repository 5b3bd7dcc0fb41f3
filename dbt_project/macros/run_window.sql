{#- The months the run loaded, as a half-open window on `column`: the vars `period_start` /
    `period_end` when given (`dbt build --vars ...`, dbt unit tests), else the environment's
    AGRISTAT_PERIOD_START / AGRISTAT_PERIOD_END (Dagster sets them to the run's partition
    window), else all history. Dagster does not pass the window as vars: dbt parses the whole
    project again whenever its vars change, and only runs, never parsing, read the environment.

    The window is one of reports' months: apply it to `report_period` (the month of the report
    that stated a figure), never to a figure's own `period`, which for an annual or earlier
    month's figure lies before the report. -#}
{% macro run_window(column='report_period') -%}
    {{ column }} >= cast('{{ run_window_bound("period_start", "2000-01-01") }}' as date)
    and {{ column }} < cast('{{ run_window_bound("period_end", "2100-01-01") }}' as date)
{%- endmacro %}


{% macro run_window_bound(name, default) -%}
    {{- var(name, env_var('AGRISTAT_' ~ name | upper, default)) -}}
{%- endmacro %}


{#- The rows an incremental model reads: the run's window when it updates an existing table, every
    month when it builds the table (first build, --full-refresh), so both give the same rows. -#}
{% macro in_run_window(column='report_period') -%}
    {%- if is_incremental() -%}
        {{ run_window(column) }}
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}
