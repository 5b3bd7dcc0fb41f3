{{ config(materialized='view') }}

{{
    trends(
        ref('fct_capital_disbursements'),
        'disbursed_mvnd',
        ['province_code', 'area_code', 'scope', 'program', 'project', 'allocation_year']
    )
}}
