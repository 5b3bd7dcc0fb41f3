{#- The months the run loaded, as a half-open window on `column`: the `period_start` /
    `period_end` vars (Dagster passes the run's partition window; the defaults span all history). -#}
{% macro run_window(column='period') -%}
    {{ column }} >= cast('{{ var("period_start") }}' as date)
    and {{ column }} < cast('{{ var("period_end") }}' as date)
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
