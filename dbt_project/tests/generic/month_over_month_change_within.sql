{#- Fails for every row of the run's reports whose `column_name` changed by more than
    `max_change_pct` percent since the month before (same `grain`), with both values: a herd
    does not halve in a month, a misread multiplier ("nghìn") or a typo does that. Rows whose
    month before is absent, or was below `min_previous`, are not checked.

    Needs the month before, which the run may not have loaded: use it with
    `where: __all_periods__`; the test restricts the current rows to the run's window itself. -#}
{% test month_over_month_change_within(model, column_name, grain, max_change_pct, min_previous=1) %}
{{ config(store_failures=true) }}

with all_months as (
    select * from {{ model }}
),

this_run as (
    select * from all_months
    where {{ run_window('report_period') }}
),

compared as (
    select
        this_run.*,
        month_before.{{ column_name }} as value_month_before,
        (this_run.{{ column_name }} - month_before.{{ column_name }}) * 100.0
        / month_before.{{ column_name }} as change_pct
    from this_run
    inner join all_months as month_before
        on
            month_before.period = cast(this_run.period - interval 1 month as date)
            {%- for column in grain %}
            and month_before.{{ column }} is not distinct from this_run.{{ column }}
            {%- endfor %}
    where month_before.{{ column_name }} >= {{ min_previous }}
)

select
    *,
    concat_ws(
        ', ',
        {%- for column in grain if column not in ('province_code',) %}
        {%- if column == 'scope' %}
        case when scope <> 'month' then 'scope ' || scope end,
        {%- else %}
        '{{ column }} ' || coalesce(cast({{ column }} as varchar), 'null'),
        {%- endif %}
        {%- endfor %}
        '{{ column_name }} ' || {{ number_text(column_name) }} || ' after '
        || {{ number_text('value_month_before') }} || ' the month before ('
        || {{ number_text('change_pct') }} || '%, more than {{ max_change_pct }}%)'
    ) as details
from compared
where abs(change_pct) > {{ max_change_pct }}

{% endtest %}
