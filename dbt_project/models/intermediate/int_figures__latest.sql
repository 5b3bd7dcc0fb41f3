with loaded_submissions as (
    select
        submission_id,
        province_code,
        period,
        version
    from {{ ref('stg_audit__submissions') }}
    where submission_status = 'loaded'
),

newest_loaded_submissions as (
    select submission_id
    from loaded_submissions
    qualify row_number() over (partition by province_code, period order by version desc) = 1
),

figures as (
    select * from {{ ref('stg_reports__figures') }}
)

select figures.*
from figures
where figures.submission_id in (select newest.submission_id from newest_loaded_submissions as newest)
