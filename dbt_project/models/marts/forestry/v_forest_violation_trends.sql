{{ config(materialized='view') }}

{{ trends(ref('fct_forest_violations'), 'cases', ['province_code', 'area_code', 'violation_type']) }}
