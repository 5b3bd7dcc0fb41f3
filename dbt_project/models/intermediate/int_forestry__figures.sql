{{ figures_for_facts(['fct_forest_violations', 'fct_forest_protection']) }}
