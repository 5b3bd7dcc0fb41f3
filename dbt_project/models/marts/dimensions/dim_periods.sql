-- Every month from the first partition (January 2000) to the December after the later of today
-- and the newest month staged, so every fact's period has its row.
with staged_months as (
    select max(period) as newest_period
    from {{ ref('stg_reports__figures') }}
),

bounds as (
    select
        date '2000-01-01' as first_period,
        make_date(cast(greatest(year(current_date), coalesce(year(newest_period), 0)) + 1 as integer), 12, 1)
            as last_period
    from staged_months
),

months as (
    select cast(month_start as date) as period
    from bounds,
        generate_series(bounds.first_period, bounds.last_period, interval 1 month) as months (month_start)
)

select
    period,
    cast(period + interval 1 month as date) as next_period,
    cast(period - interval 1 month as date) as previous_period,
    cast(period - interval 1 year as date) as same_period_last_year,
    cast(year(period) as integer) as year,
    cast(quarter(period) as integer) as quarter,
    cast(month(period) as integer) as month,
    strftime(period, '%Y-%m') as month_key,
    'tháng ' || strftime(period, '%m/%Y') as label_vi,
    strftime(period, '%B %Y') as label_en
from months
