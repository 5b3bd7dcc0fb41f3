select
    dimension,
    category,
    label_vi,
    label_en
from {{ ref('categories') }}
