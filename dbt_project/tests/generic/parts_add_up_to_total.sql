{#- Fails for every stated total whose stated parts do not add up to it, with the numbers.

    Rows are grouped by `group_by` (which includes period, province_code and scope, and
    report_period so a report's parts meet its own total); in a group, the rows
    matching `total_where` are the total and those matching `parts_where` its parts. A report
    leaves out parts that are zero, so the parts it states must add up to the total exactly
    (within `tolerance`). Where a breakdown may be partial, `complete_when` (an aggregate over the
    parts, e.g. "every species of the total is there") says when it is whole; a partial one only
    fails when its parts exceed the total. A total without parts, or parts without a total, is
    not checked. -#}
{% test parts_add_up_to_total(
    model, measure, group_by, total_where, parts_where, part_label,
    complete_when='true', tolerance=0.001
) %}
{{ config(store_failures=true) }}

with stated as (
    select * from {{ model }}
    where {{ measure }} is not null
),

totals as (
    select
        {{ group_by | join(', ') }},
        any_value(submission_id) as submission_id,
        sum({{ measure }}) as stated_total
    from stated
    where {{ total_where }}
    group by {{ group_by | join(', ') }}
),

parts as (
    select
        {{ group_by | join(', ') }},
        sum({{ measure }}) as parts_sum,
        string_agg(
            {{ part_label }} || ' ' || {{ number_text(measure) }}, ' + ' order by {{ part_label }}
        ) as parts_listed,
        {{ complete_when }} as parts_complete
    from stated
    where {{ parts_where }}
    group by {{ group_by | join(', ') }}
),

compared as (
    select
        totals.*,
        parts.parts_sum,
        parts.parts_listed,
        parts.parts_complete,
        totals.stated_total - parts.parts_sum as difference
    from totals
    inner join parts
        on
            {%- for column in group_by %}
            {{ 'and ' if not loop.first }}totals.{{ column }} is not distinct from parts.{{ column }}
            {%- endfor %}
)

select
    *,
    concat_ws(
        ', ',
        {%- for column in group_by if column not in ('period', 'report_period', 'province_code') %}
        {%- if column == 'scope' %}
        case when scope <> 'month' then 'scope ' || scope end,
        {%- else %}
        '{{ column }} ' || coalesce(cast({{ column }} as varchar), 'null'),
        {%- endif %}
        {%- endfor %}
        'stated {{ measure }} ' || {{ number_text('stated_total') }}
        || ' but the parts add up to ' || {{ number_text('parts_sum') }}
        || ' (' || parts_listed || ')'
        || case when parts_complete then '' else ', more than the total although some are not stated' end
    ) as details
from compared
where
    (parts_complete and abs(difference) > {{ tolerance }})
    or (not parts_complete and parts_sum > stated_total + {{ tolerance }})

{% endtest %}
