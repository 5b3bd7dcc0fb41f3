-- Reported changes ("giảm 12 vụ so với cùng kỳ", "(+1.824 con)", "bằng 101,2% so với cùng kỳ"):
-- figures of kind `change`, kept apart from the levels. They never become facts; a check can hold
-- them against the warehouse's own trend.
with figures as (
    select * from {{ ref('stg_reports__figures') }}
)

select
    submission_id,
    report_period,
    period,
    province_code,
    area_code,
    scope,
    change_base,
    domain,
    indicator,
    category,
    program,
    project,
    ref_year,
    stars,
    value as change_value,
    unit,
    status,
    qualifier,
    section,
    source_line,
    source_line_end,
    source_text,
    parser_rule
from figures
where kind = 'change'
