{#- Fails for every row whose `columns` have no matching row in `to` (its `fields`, by default
    the same names, restricted by `to_where`): a relationship on several columns at once
    (programme and project), or on a part of a lookup (a crop must be a category of the `crop`
    dimension, not just any category). Rows with a null in `columns` are not checked. -#}
{% test exists_in(model, columns, to, fields=none, to_where='true') %}
{{ config(store_failures=true) }}
{%- set fields = fields or columns -%}

with children as (
    select * from {{ model }}
),

parents as (
    select distinct {{ fields | join(', ') }}
    from {{ to }}
    where {{ to_where }}
)

select
    child.*,
    'no {{ to.identifier }} row for ' || concat_ws(
        ', ',
        {%- for column in columns %}
        '{{ column }} ' || cast(child.{{ column }} as varchar){{ ',' if not loop.last }}
        {%- endfor %}
    ) as details
from children as child
where
    {%- for column in columns %}
    child.{{ column }} is not null and
    {%- endfor %}
    not exists (
        select 1
        from parents
        where
            {%- for column in columns %}
            {{ 'and ' if not loop.first }}parents.{{ fields[loop.index0] }} = child.{{ column }}
            {%- endfor %}
    )

{% endtest %}
