{{ figures_for_facts(['fct_animal_disease', 'fct_vaccination_campaigns']) }}
