{{ figures_for_facts(['fct_cooperatives', 'fct_farms']) }}
