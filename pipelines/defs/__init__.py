"""Dagster objects only: thin wiring around the pure code in parsing, warehouse and exports."""
