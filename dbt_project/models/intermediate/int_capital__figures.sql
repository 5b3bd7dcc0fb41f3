{{ figures_for_facts(['fct_capital_disbursements', 'fct_capital_projects']) }}
