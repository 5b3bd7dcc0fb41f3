{{ config(materialized='view') }}

{{ trends(ref('fct_forest_violations'), 'cases', ['province_code', 'area_code', 'scope', 'violation_type']) }}
