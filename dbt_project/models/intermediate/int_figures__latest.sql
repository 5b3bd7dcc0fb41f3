-- A table, incremental by the report's month like the facts: every fact reads it, and as a view
-- each of them would rank all history's figures again.
{{ config(materialized='incremental', incremental_strategy='replace_window', on_schema_change='sync_all_columns') }}

with loaded_submissions as (
    select
        submission_id,
        province_code,
        period,
        version
    from {{ ref('stg_audit__submissions') }}
    where
        submission_status = 'loaded'
        and {{ in_run_window('period') }}
),

newest_loaded_submissions as (
    select submission_id
    from loaded_submissions
    qualify row_number() over (partition by province_code, period order by version desc) = 1
),

levels_of_newest_versions as (
    -- Levels only: a reported change stays in staging (stg_reports__changes).
    select figures.*
    from {{ ref('stg_reports__figures') }} as figures
    inner join newest_loaded_submissions as newest
        on figures.submission_id = newest.submission_id
    where
        figures.kind = 'level'
        and {{ in_run_window('figures.report_period') }}
),

figures_stated_once as (
    -- A report that states the same figure twice with the same value states one figure: keep
    -- its first mention.
    select *
    from levels_of_newest_versions
    qualify row_number() over (
        partition by
            report_period, period, province_code, area_code, scope, indicator, category,
            program, project, ref_year, stars, value
        order by source_line, source_text
    ) = 1
)

select
    *,
    -- Two different values for one figure get ranks 1 and 2: the marts keep both as rows of
    -- their own, so the grain test fails instead of one value silently winning.
    row_number() over (
        partition by
            report_period, period, province_code, area_code, scope, indicator, category,
            program, project, ref_year, stars
        order by source_line, source_text
    ) as repeat_rank
from figures_stated_once
