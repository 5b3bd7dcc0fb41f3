{{ figures_for_facts(['fct_livestock_herds', 'fct_livestock_output']) }}
