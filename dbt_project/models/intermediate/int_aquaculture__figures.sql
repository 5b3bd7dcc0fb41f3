{{ figures_for_facts(['fct_aquaculture']) }}
