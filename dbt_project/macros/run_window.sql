{#- The months the run loaded, as a half-open window on `column`: the vars `period_start` /
    `period_end` when given (`dbt build --vars ...`, dbt unit tests), else the environment's
    AGRISTAT_PERIOD_START / AGRISTAT_PERIOD_END (Dagster sets them to the run's partition
    window), else all history. Dagster does not pass the window as vars: dbt parses the whole
    project again whenever its vars change, and only runs, never parsing, read the environment. -#}
{% macro run_window(column='period') -%}
    {{ column }} >= cast('{{ run_window_bound("period_start", "2015-01-01") }}' as date)
    and {{ column }} < cast('{{ run_window_bound("period_end", "2100-01-01") }}' as date)
{%- endmacro %}


{% macro run_window_bound(name, default) -%}
    {{- var(name, env_var('AGRISTAT_' ~ name | upper, default)) -}}
{%- endmacro %}


{#- The rows an incremental fact reads: the run's window when it updates an existing table, every
    month when it builds the table (first build, --full-refresh), so both give the same rows. -#}
{% macro in_run_window(column='period') -%}
    {%- if is_incremental() -%}
        {{ run_window(column) }}
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}
