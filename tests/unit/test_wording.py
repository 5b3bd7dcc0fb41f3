"""The wording corpus: how Departments of many provinces write their figures, and what each text means.

Every case of `tests/data/wording/<pattern>.yaml` is a short text with ALL the figures a statistician
reads from it and nothing more: the set the parser gives must equal the expected set exactly
(precision is asserted, not only recall). The meaning follows docs/reading-figures.md. A case may
also list `unrecognised`: the reasons (plan, change, conflict, area, scope) of the numbers the parser
must leave unread, as a multiset (numbers no rule read, reason None, are not counted).

Case keys: name, text, figures (required); province (raw slug, default lai-chau), month (the report's
month, YYYY-MM, default 2023-12), unrecognised, note (a word for the reader), origin (where a case
was migrated from; cases without it are the corpus's own writing).

Figure keys and their defaults: indicator, value (required); category (all), unit (required), area
(null = the province, else a district's three-digit or a commune's five-digit legacy code), status
(reported), qualifier (null), scope (month), period (the report's month, YYYY-MM), kind (level),
change_base (null), program, project, ref_year, stars (null).
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import yaml

from pipelines.parsing.report import parse_lines

WORDING_DIR = Path(__file__).resolve().parents[1] / "data" / "wording"

PATTERNS = (
    "scope",
    "change",
    "plan",
    "area",
    "kind_after_count",
    "clause",
    "conflict",
    "capital",
    "ocop",
    "livestock",
    "crops",
    "aquaculture",
    "animal_disease",
    "hightech",
    "processing",
    "forest_protection",
    "forest_violations",
    "forest_environment_services",
    "cooperatives",
    "farms",
    "training",
)
MIN_OWN_CASES = 300

CASE_KEYS = {"name", "province", "month", "text", "figures", "unrecognised", "note", "origin"}
REQUIRED_CASE_KEYS = {"name", "text", "figures"}
FIGURE_DEFAULTS = {
    "category": "all",
    "area": None,
    "status": "reported",
    "qualifier": None,
    "scope": "month",
    "period": None,  # the report's month
    "kind": "level",
    "change_base": None,
    "program": None,
    "project": None,
    "ref_year": None,
    "stars": None,
}
REQUIRED_FIGURE_KEYS = {"indicator", "value", "unit"}
FIGURE_KEYS = REQUIRED_FIGURE_KEYS | set(FIGURE_DEFAULTS)
# The order a figure is printed in, and compared by.
FIGURE_FIELDS = (
    "indicator",
    "category",
    "value",
    "unit",
    "area",
    "status",
    "qualifier",
    "scope",
    "period",
    "kind",
    "change_base",
    "program",
    "project",
    "ref_year",
    "stars",
)
ENUMS = {
    "status": {"estimate", "preliminary", "official", "reported"},
    "qualifier": {None, "about", "nearly", "more_than"},
    "scope": {"month", "year_to_date", "annual", "cumulative"},
    "kind": {"level", "change"},
    "change_base": {None, "previous_month", "same_period_last_year", "previous_year", "unstated"},
}
REASONS = {"plan", "change", "conflict", "area", "scope"}

# Cases the parser does not read right yet, one "pattern/name" a line: each runs as a strict
# xfail, so a gap that closes fails the run until its line is removed. Not a place for new cases.
KNOWN_GAPS_FILE = WORDING_DIR / "known_gaps.txt"


def known_gaps() -> set[str]:
    if not KNOWN_GAPS_FILE.exists():
        return set()
    lines = KNOWN_GAPS_FILE.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def _month(text: str) -> date:
    year, month = str(text).split("-")
    return date(int(year), int(month), 1)


def load_corpus() -> tuple[dict[str, list[dict]], dict[str, str]]:
    """Every pattern file's cases, by pattern (the file's stem), as written; and the files YAML can't read."""
    corpus, broken = {}, {}
    for path in sorted(WORDING_DIR.glob("*.yaml")):
        try:
            corpus[path.stem] = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        except yaml.YAMLError as error:
            corpus[path.stem], broken[path.stem] = [], f"{path.name}: not valid YAML: {error}"
    return corpus, broken


def schema_errors(pattern: str, cases: object) -> list[str]:
    """What is wrong with one file's cases, each message naming the file and the case."""
    where_file = f"{pattern}.yaml"
    if not isinstance(cases, list):
        return [f"{where_file}: the file must be a list of cases"]
    errors = []
    names: set[str] = set()
    for i, case in enumerate(cases):
        if not isinstance(case, dict):
            errors.append(f"{where_file} case #{i + 1}: a case must be a mapping")
            continue
        where = f"{where_file} case {case.get('name', f'#{i + 1}')!r}"
        for key in sorted(set(case) - CASE_KEYS):
            errors.append(f"{where}: unknown key {key!r}")
        for key in sorted(REQUIRED_CASE_KEYS - set(case)):
            errors.append(f"{where}: missing key {key!r}")
        if case.get("name") in names:
            errors.append(f"{where}: the name is used twice in the file")
        names.add(case.get("name"))
        if not isinstance(case.get("text", ""), str) or not str(case.get("text", "")).strip():
            errors.append(f"{where}: text must be a non-empty string")
        for key in ("month",):
            if key in case:
                try:
                    _month(case[key])
                except ValueError:
                    errors.append(f"{where}: {key} must be YYYY-MM, not {case[key]!r}")
        if "province" in case:
            from pipelines.parsing.areas import province_by_slug

            if province_by_slug(str(case["province"])) is None:
                errors.append(f"{where}: unknown province slug {case['province']!r}")
        for reason in case.get("unrecognised") or []:
            if reason not in REASONS:
                errors.append(f"{where}: unknown unrecognised reason {reason!r}")
        figures = case.get("figures")
        if figures is None:
            figures = []
        if not isinstance(figures, list):
            errors.append(f"{where}: figures must be a list (or [] for a text that gives none)")
            continue
        for j, figure in enumerate(figures):
            fwhere = f"{where} figure #{j + 1}"
            if not isinstance(figure, dict):
                errors.append(f"{fwhere}: a figure must be a mapping")
                continue
            for key in sorted(set(figure) - FIGURE_KEYS):
                errors.append(f"{fwhere}: unknown key {key!r}")
            for key in sorted(REQUIRED_FIGURE_KEYS - set(figure)):
                errors.append(f"{fwhere}: missing key {key!r}")
            if not isinstance(figure.get("value", 0), int | float):
                errors.append(f"{fwhere}: value must be a number")
            for key, allowed in ENUMS.items():
                if key in figure and figure[key] not in allowed:
                    choices = sorted(map(str, allowed))
                    errors.append(f"{fwhere}: {key} {figure[key]!r} is not one of {choices}")
            if figure.get("kind") == "change" and figure.get("change_base") is None:
                errors.append(f"{fwhere}: a change needs its change_base")
            if figure.get("kind", "level") == "level" and figure.get("change_base") is not None:
                errors.append(f"{fwhere}: a level has no change_base")
            if "period" in figure:
                try:
                    _month(figure["period"])
                except ValueError:
                    errors.append(f"{fwhere}: period must be YYYY-MM, not {figure['period']!r}")
            area = figure.get("area")
            if area is not None and not (isinstance(area, str) and area.isdigit() and len(area) in (3, 5)):
                errors.append(f"{fwhere}: area must be a quoted 3- or 5-digit code, not {area!r}")
    return errors


def expected_figure(figure: dict, report_month: date) -> tuple:
    full = {**FIGURE_DEFAULTS, **figure}
    full["period"] = _month(full["period"]) if full["period"] is not None else report_month
    full["value"] = round(float(full["value"]), 6)
    return tuple(full[name] for name in FIGURE_FIELDS)


def parsed_figure(figure, report_month: date) -> tuple:
    full = {
        "indicator": figure.indicator,
        "category": figure.category,
        "value": round(float(figure.value), 6),
        "unit": figure.unit,
        "area": figure.area_code,
        "status": figure.status,
        "qualifier": figure.qualifier,
        "scope": getattr(figure, "scope", "month"),
        "period": getattr(figure, "period", None) or report_month,
        "kind": getattr(figure, "kind", "level"),
        "change_base": getattr(figure, "change_base", None),
        "program": figure.program,
        "project": figure.project,
        "ref_year": figure.ref_year,
        "stars": figure.stars,
    }
    return tuple(full[name] for name in FIGURE_FIELDS)


def show(figure: tuple, report_month: date) -> str:
    """A figure as the YAML would write it: the fields that differ from their defaults."""
    parts = []
    for name, value in zip(FIGURE_FIELDS, figure, strict=True):
        if name == "period":
            if value == report_month:
                continue
            value = f"{value:%Y-%m}"
        elif name in FIGURE_DEFAULTS and value == FIGURE_DEFAULTS[name]:
            continue
        parts.append(f"{name}: {value}")
    return "{" + ", ".join(parts) + "}"


CORPUS, BROKEN = load_corpus()
GAPS = known_gaps()
_GAP = pytest.mark.xfail(strict=True, reason="a known gap of the parser (tests/data/wording/known_gaps.txt)")
CASES = [
    pytest.param(
        pattern,
        case,
        id=f"{pattern}/{case.get('name')}",
        marks=[_GAP] if f"{pattern}/{case.get('name')}" in GAPS else [],
    )
    for pattern, cases in CORPUS.items()
    if isinstance(cases, list)
    for case in cases
    if isinstance(case, dict)
]


@pytest.mark.parametrize(("pattern", "case"), CASES)
def test_wording(pattern: str, case: dict) -> None:
    slug = case.get("province", "lai-chau")
    report_month = _month(case.get("month", "2023-12"))
    lines = case["text"].strip("\n").splitlines()
    result = parse_lines(lines, "<wording>", slug, period=report_month)
    assert not result.errors, [str(e) for e in result.errors]

    expected = {expected_figure(f, report_month) for f in case["figures"] or []}
    got = {parsed_figure(f, report_month) for f in result.figures}
    missing = sorted(expected - got, key=repr)
    extra = sorted(got - expected, key=repr)
    message = [f"{pattern}.yaml: {case['name']}", case["text"].rstrip()]
    if missing:
        message.append("missing (expected, not given):")
        message += [f"  - {show(f, report_month)}" for f in missing]
    if extra:
        message.append("extra (given, not expected):")
        message += [f"  - {show(f, report_month)}" for f in extra]
    assert not missing and not extra, "\n".join(message)

    if "unrecognised" in case:
        want = Counter(case["unrecognised"] or [])
        have = Counter(u.reason for u in result.unrecognised if u.reason is not None)
        assert have == want, (
            f"{pattern}.yaml: {case['name']}: unrecognised reasons {dict(have)}, expected {dict(want)}; "
            f"numbers: {[(u.text, u.reason) for u in result.unrecognised]}"
        )


def test_every_pattern_has_its_file_and_cases() -> None:
    missing = [p for p in PATTERNS if not CORPUS.get(p)]
    assert not missing, f"pattern files missing or empty under {WORDING_DIR}: {missing}"
    unknown = sorted(set(CORPUS) - set(PATTERNS))
    assert not unknown, f"files that are no pattern (add them to PATTERNS): {unknown}"


def test_the_corpus_has_enough_cases_of_its_own() -> None:
    own = sum(1 for cases in CORPUS.values() for case in cases or [] if "origin" not in case)
    assert own >= MIN_OWN_CASES, f"{own} cases of the corpus's own writing, at least {MIN_OWN_CASES} wanted"


def test_every_known_gap_is_a_case_of_the_corpus() -> None:
    ids = {param.id for param in CASES}
    assert GAPS <= ids, sorted(GAPS - ids)


@pytest.mark.parametrize("pattern", sorted(CORPUS))
def test_schema(pattern: str) -> None:
    errors = [BROKEN[pattern]] if pattern in BROKEN else schema_errors(pattern, CORPUS[pattern])
    assert not errors, "\n".join(errors)


def test_the_schema_check_names_file_and_case() -> None:
    bad = [{"name": "a", "text": "x", "figures": [{"indicator": "i", "value": 1, "unit": "u", "areas": "1"}]}]
    bad.append({"name": "b", "txt": "x", "figures": []})
    errors = schema_errors("demo", bad)
    assert "demo.yaml case 'a' figure #1: unknown key 'areas'" in errors
    assert "demo.yaml case 'b': unknown key 'txt'" in errors
    assert "demo.yaml case 'b': missing key 'text'" in errors
