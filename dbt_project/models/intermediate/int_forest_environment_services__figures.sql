{{ figures_for_facts(['fct_forest_environment_services']) }}
