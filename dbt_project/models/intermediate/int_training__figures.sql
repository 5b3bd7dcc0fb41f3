{{ figures_for_facts(['fct_vocational_training']) }}
