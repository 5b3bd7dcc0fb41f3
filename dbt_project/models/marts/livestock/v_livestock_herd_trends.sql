{{ config(materialized='view') }}

{{ trends(ref('fct_livestock_herds'), 'head_count', ['province_code', 'area_code', 'scope', 'species']) }}
