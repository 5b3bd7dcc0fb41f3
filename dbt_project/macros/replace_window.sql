{#- Incremental strategy `replace_window`: delete every row of the run's reports from the target
    (rows whose `report_period`, the month of the report that stated them, is in the run's
    window), then insert the new rows. dbt's delete+insert only deletes target rows whose
    unique_key is in the new batch, so a figure dropped from a corrected resubmission (or a month
    whose newest version states nothing for the table) would survive; microbatch would replace
    whole months too but runs one batch per month (a full build is ~130 batches per model).

    A fact also holds figures of earlier months (an annual 2025 figure in the January 2026
    report has period 2025-12), and of two reports stating one slot the later one wins. A fact
    configured with `meta: {restates_months: true}` (every fact, dbt_project.yml) therefore rebuilds, for each province, every month its
    rows are about (`latest_report_figures` selects them): the delete also removes the target's
    rows of the months the new rows cover, whichever report they came from. -#}
{% macro get_incremental_replace_window_sql(arg_dict) -%}
    {%- set target = arg_dict['target_relation'] -%}
    {%- set source = arg_dict['temp_relation'] -%}
    {%- set columns = get_quoted_csv(arg_dict['dest_columns'] | map(attribute='name')) -%}
    {%- set restates = (config.get('meta') or {}).get('restates_months', false) -%}
    delete from {{ target }} as existing
    where
        {{ run_window('existing.report_period') }}
        {%- if restates %}
        or exists (
            select 1 from {{ source }} as restated
            where restated.province_code = existing.province_code and restated.period = existing.period
        )
        {%- endif %};

    insert into {{ target }} ({{ columns }})
    select {{ columns }}
    from {{ source }}
    {%- if not restates %}
    where {{ run_window('report_period') }}
    {%- endif %};
{%- endmacro %}
