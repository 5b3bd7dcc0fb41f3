with submissions as (
    select * from {{ ref('stg_audit__submissions') }}
),

figures_per_submission as (
    select
        submission_id,
        count(*) as figures
    from {{ ref('stg_reports__figures') }}
    group by submission_id
)

select
    submissions.submission_id,
    submissions.province_code,
    submissions.period,
    submissions.version,
    count(*) over (partition by submissions.province_code, submissions.period) as versions_of_month,
    submissions.submission_status,
    submissions.submission_status = 'loaded' as is_used_by_marts,
    coalesce(figures_per_submission.figures, 0) as figures,
    submissions.source_path,
    submissions.sha256,
    submissions.size_bytes,
    submissions.received_at,
    submissions.rejection_reason
from submissions
left join figures_per_submission on submissions.submission_id = figures_per_submission.submission_id
