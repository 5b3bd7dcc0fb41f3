{{ figures_for_facts(['fct_crop_progress']) }}
