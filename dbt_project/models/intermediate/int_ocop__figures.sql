{{ figures_for_facts(['fct_ocop_products', 'fct_ocop_cooperative_ownership']) }}
