"""The indicator catalogue (dbt seeds) labels every code the parser can emit, in Vietnamese and English."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from pipelines.parsing.areas import areas_csv
from pipelines.parsing.model import Figure
from pipelines.parsing.numbers import UNIT_CODES
from pipelines.parsing.report import parse_lines, parse_submission
from tests.unit.test_wording import CORPUS

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "dbt_project" / "seeds"


def _seed(name: str) -> list[dict]:
    with (SEEDS / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _emitted() -> list[tuple]:
    """(indicator, category, unit, program, project) of every figure the tests know of; a change
    is in its own unit or in percent, so its unit is the one of its indicator's level or pct."""
    sample = parse_submission(ROOT / "raw" / "lai-chau" / "2023-12" / "bao-cao.txt", ROOT / "raw")
    rows = [_codes(f) for f in sample.figures]
    for cases in CORPUS.values():
        for case in cases:
            result = parse_lines(case["text"].splitlines(), "<wording>", case.get("province", "lai-chau"))
            rows += [_codes(f) for f in result.figures]
    return rows


def _codes(figure: Figure) -> tuple:
    unit = None if figure.kind == "change" and figure.unit == "pct" else figure.unit
    return (figure.indicator, figure.category, unit, figure.program, figure.project)


@pytest.mark.parametrize("name", ["indicators", "categories", "units", "programs"])
def test_every_row_has_both_labels(name: str) -> None:
    for row in _seed(name):
        assert row["label_vi"].strip() and row["label_en"].strip(), row
        assert all(v == v.strip() for v in row.values()), row


def test_codes_are_ascii_snake_case() -> None:
    for row in _seed("indicators"):
        assert row["indicator"].isascii() and row["indicator"] == row["indicator"].lower()
    for row in _seed("categories"):
        assert row["category"].isascii() and " " not in row["category"]


# Issue 14 retires these indicators from the catalogue: the parser is to read "tăng 55 ha so với
# cùng kỳ" as a change (kind `change`) of crop_area_planted, which stays in staging.
RETIRED = {"crop_area_change_yoy"}


def test_every_emitted_code_is_in_the_catalogue() -> None:
    indicators = {r["indicator"]: r for r in _seed("indicators")}
    categories = {(r["dimension"], r["category"]) for r in _seed("categories")}
    programs = {(r["program"], r["project"]) for r in _seed("programs")}
    for indicator, category, unit, program, project in _emitted():
        if indicator in RETIRED:
            continue  # test_no_retired_indicator_is_emitted
        row = indicators[indicator]
        assert unit is None or row["unit"] == unit, (indicator, unit)
        dimension = row["category_dimension"]
        assert (dimension, category) in categories or category == "all", (indicator, category)
        if program:
            assert (program, "all") in programs, program
            assert (program, project) in programs, (program, project)


def test_retired_indicators_are_not_in_the_catalogue() -> None:
    assert not {r["indicator"] for r in _seed("indicators")} & RETIRED


def test_no_retired_indicator_is_emitted() -> None:
    assert not {indicator for indicator, *_ in _emitted()} & RETIRED


def test_units_are_labelled() -> None:
    assert {r["unit"] for r in _seed("units")} >= UNIT_CODES
    assert {r["unit"] for r in _seed("indicators")} <= {r["unit"] for r in _seed("units")}


def test_area_seed_is_the_maintained_dataset() -> None:
    """Regenerate with `make seeds` after upgrading vietnamadminunits."""
    assert (SEEDS / "areas.csv").read_text(encoding="utf-8") == areas_csv()
