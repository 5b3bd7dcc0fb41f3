{#- A fact with the change of its main measure on the month before and on the same month a year
    before, absolute and in percent. The earlier row is joined on the grain, scope included
    (like with like: a year-to-date count with the year-to-date count, an annual figure with
    the year before's annual figure, never a month's figure with a year's) (not taken with lag()
    over rows, which would compare with whatever month came before when one is missing), so a
    change is null where the earlier month, or the figure in it, is absent; a percentage is also
    null where the earlier value is zero. -#}
{% macro trends(fact, measure, grain) -%}
with facts as (
    select * from {{ fact }}
)

select
    this_month.*,
    this_month.{{ measure }} - month_before.{{ measure }} as mom_change,
    {{ change_pct('this_month.' ~ measure, 'month_before.' ~ measure) }} as mom_change_pct,
    this_month.{{ measure }} - year_before.{{ measure }} as yoy_change,
    {{ change_pct('this_month.' ~ measure, 'year_before.' ~ measure) }} as yoy_change_pct
from facts as this_month
left join facts as month_before
    on
        month_before.period = cast(this_month.period - interval 1 month as date)
        {%- for column in grain %}
        and month_before.{{ column }} is not distinct from this_month.{{ column }}
        {%- endfor %}
left join facts as year_before
    on
        year_before.period = cast(this_month.period - interval 1 year as date)
        {%- for column in grain %}
        and year_before.{{ column }} is not distinct from this_month.{{ column }}
        {%- endfor %}
{%- endmacro %}


{% macro change_pct(value, earlier) -%}
    case when {{ earlier }} <> 0 then ({{ value }} - {{ earlier }}) * 100.0 / {{ earlier }} end
{%- endmacro %}
