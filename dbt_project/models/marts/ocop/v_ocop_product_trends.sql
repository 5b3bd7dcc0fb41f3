{{ config(materialized='view') }}

{{ trends(ref('fct_ocop_products'), 'products', ['province_code', 'area_code', 'scope', 'measure', 'stars']) }}
