{#- Incremental strategy `replace_window`: delete every row of the run's months from the target,
    then insert the months again. dbt's delete+insert only deletes target rows whose unique_key
    is in the new batch, so a figure dropped from a corrected resubmission (or a month whose
    newest version states nothing for the table) would survive; microbatch would replace whole
    months too but runs one batch per month (a full build is ~130 batches per model). -#}
{% macro get_incremental_replace_window_sql(arg_dict) -%}
    {%- set target = arg_dict['target_relation'] -%}
    {%- set source = arg_dict['temp_relation'] -%}
    {%- set columns = get_quoted_csv(arg_dict['dest_columns'] | map(attribute='name')) -%}
    delete from {{ target }}
    where {{ run_window('period') }};

    insert into {{ target }} ({{ columns }})
    select {{ columns }}
    from {{ source }}
    where {{ run_window('period') }};
{%- endmacro %}
