{{ figures_for_facts(['fct_hightech_areas', 'fct_certifications']) }}
