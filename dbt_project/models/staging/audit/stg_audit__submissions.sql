with source as (
    select * from {{ source('audit', 'submissions') }}
),

renamed as (
    select
        submission_id,
        path as source_path,
        sha256,
        bytes as size_bytes,
        province_code,
        cast(period as date) as period,
        received_at,
        version,
        status as submission_status,
        error as rejection_reason
    from source
)

select * from renamed
