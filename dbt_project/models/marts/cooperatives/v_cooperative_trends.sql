{{ config(materialized='view') }}

{{ trends(ref('fct_cooperatives'), 'cooperatives', ['province_code', 'area_code', 'scope', 'sector']) }}
