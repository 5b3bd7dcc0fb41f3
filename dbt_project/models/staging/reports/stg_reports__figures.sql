with source as (
    select * from {{ source('reports', 'figures') }}
),

renamed as (
    select
        submission_id,
        -- The month of the report that states the figure (staging and the incremental windows go
        -- by it), and the last month the figure covers (December 2025 for "Năm 2025 ..." in a
        -- January 2026 report): the facts' period.
        cast(period as date) as report_period,
        cast(figure_period as date) as period,
        province_code,
        area_code,
        scope,
        kind,
        change_base,
        domain,
        indicator,
        category,
        program,
        project,
        cast(ref_year as integer) as ref_year,
        cast(stars as integer) as stars,
        cast(value as double) as value,
        unit,
        status,
        qualifier,
        section,
        cast(line_start as integer) as source_line,
        cast(line_end as integer) as source_line_end,
        source_text,
        rule as parser_rule
    from source
)

select * from renamed
