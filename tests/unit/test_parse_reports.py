"""Whole reports of other provinces, written as their Departments write them, against their
hand-verified figures in the five core domains: nothing missing, nothing extra."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipelines.parsing.report import parse_submission

DATA = Path(__file__).resolve().parents[1] / "data" / "reports"
CORE_DOMAINS = frozenset(("livestock", "forestry", "ocop", "cooperatives", "capital"))
FIELDS = tuple(
    "line_start domain indicator category value unit area_code program project ref_year stars status"
    " qualifier scope period kind change_base".split()
)
# Each report as <slug>-<YYYY-MM>.txt with its figures in <slug>-<YYYY-MM>.jsonl.
REPORTS = sorted(path.stem for path in DATA.glob("*.txt"))


def _core_rows(name: str, tmp_path: Path) -> tuple[set[tuple], object]:
    slug, month = name[:-8], name[-7:]
    folder = tmp_path / slug / month
    folder.mkdir(parents=True)
    shutil.copy(DATA / f"{name}.txt", folder / "bao-cao.txt")
    result = parse_submission(folder / "bao-cao.txt", tmp_path)
    rows = []
    for figure in result.figures:
        if figure.domain in CORE_DOMAINS:
            row = figure.as_row()
            row["period"] = row["period"] and row["period"].isoformat()
            rows.append(tuple(row[k] for k in FIELDS))
    assert len(rows) == len(set(rows)), "a figure was produced twice"
    return set(rows), result


@pytest.mark.parametrize("name", REPORTS)
def test_core_figures_are_exactly_the_hand_verified_ones(name: str, tmp_path: Path) -> None:
    got, result = _core_rows(name, tmp_path)
    assert result.errors == []
    lines = (DATA / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    expected = {tuple(json.loads(line)[k] for k in FIELDS) for line in lines}
    assert got - expected == set(), "figures not in the hand-verified list (precision)"
    assert expected - got == set(), "hand-verified figures the parser missed (recall)"
