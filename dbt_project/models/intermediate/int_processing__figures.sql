{{ figures_for_facts(['fct_product_processing']) }}
