{{ latest_report_figures(ref('int_ocop__figures'), 'fct_ocop_cooperative_ownership') }},

ownership_figures as (
    select * from figures_of_latest_report
),

ownership as (
    select
        period,
        report_period,
        province_code,
        area_code,
        scope,
        cast(max(value) filter (where measure = 'cooperatives_owning_ocop') as integer)
            as cooperatives_owning_ocop,
        max(value) filter (where measure = 'reported_share_pct') as reported_share_pct,
        first(status order by source_line, measure) as status,
        submission_id,
        min(source_line) as source_line,
        first(source_text order by source_line, measure) as source_text
    from ownership_figures
    group by period, report_period, province_code, area_code, scope, submission_id, repeat_rank
),

-- The products the share is a share of: owned by cooperatives out of all certified (any stars),
-- as the same report states them for the same month, area and scope.
product_counts as (
    select
        submission_id,
        period,
        province_code,
        area_code,
        scope,
        max(value) filter (where category = 'owned_by_cooperatives' and stars is null)
            as products_owned_by_cooperatives,
        max(value) filter (where category = 'certified_total' and stars is null) as products_certified_total
    from {{ ref('int_ocop__figures') }}
    where
        fact_table = 'fct_ocop_products'
        and repeat_rank = 1
        and submission_id in (select distinct submission_id from ownership)
    group by submission_id, period, province_code, area_code, scope
)

select
    ownership.period,
    ownership.report_period,
    ownership.province_code,
    ownership.area_code,
    ownership.scope,
    ownership.cooperatives_owning_ocop,
    ownership.reported_share_pct,
    case
        when product_counts.products_certified_total > 0
            then product_counts.products_owned_by_cooperatives / product_counts.products_certified_total * 100
    end as computed_share_pct,
    ownership.status,
    ownership.submission_id,
    ownership.source_line,
    ownership.source_text
from ownership
left join product_counts
    on
        ownership.submission_id = product_counts.submission_id
        and ownership.period = product_counts.period
        and ownership.province_code = product_counts.province_code
        and ownership.area_code = product_counts.area_code
        and ownership.scope = product_counts.scope
