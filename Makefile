# `make run` and `make test` work on a fresh clone: the first call creates .venv and installs the
# project; it is installed again only when pyproject.toml changes.
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-from-pyproject

.PHONY: run test lint bench fuzz seeds .venv

.venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/agristat build

test: $(STAMP)
	$(BIN)/python -m pytest

# Ten years of 34 provinces through the real pipeline, against the targets of issue #7 (several
# minutes); `make bench ARGS=--quick` is the small run CI uses. Writes warehouse/bench/results.json.
bench: $(STAMP)
	$(BIN)/python -m pipelines.bench $(ARGS)

# The property tests of the readers and the parser with 10,000 examples each (the suite runs 150).
fuzz: $(STAMP)
	AGRISTAT_FUZZ_EXAMPLES=10000 $(BIN)/python -m pytest tests/unit/test_fuzz.py -q

# Regenerate the administrative-units seed after upgrading vietnamadminunits.
seeds: $(STAMP)
	$(BIN)/python -c "from pipelines.parsing.areas import areas_csv; print(areas_csv(), end='')" > dbt_project/seeds/areas.csv

lint: $(STAMP)
	$(BIN)/ruff check .
