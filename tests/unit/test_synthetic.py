"""The synthetic corpus: each report parses back to exactly its ground truth, the same seed gives the
same bytes, the numbers move like a farm economy, and the inconsistencies are the ones it records."""

from __future__ import annotations

import hashlib
import json
import random
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from pipelines.parsing.areas import province_by_slug, provinces
from pipelines.parsing.report import parse_submission
from pipelines.parsing.sections import marker_of
from pipelines.synthetic import (
    FIELDS,
    INCONSISTENCIES,
    CorpusSummary,
    generate_corpus,
    generate_report,
    initial_state,
)
from pipelines.synthetic.layout import wrap

START = date(2022, 11, 1)  # 14 months: a January reset, the ethnic programme's carry-over, OCOP rounds
MONTHS = 14
PARTS = ("buffalo", "cattle", "pig", "goat", "sheep", "horse", "buffalo_cattle", "goat_sheep")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> CorpusSummary:
    out = tmp_path_factory.mktemp("corpus")
    return generate_corpus(out, provinces=3, months=MONTHS, seed=0, start=START, inconsistency_rate=0.2)


def _reports(corpus: CorpusSummary) -> list[tuple[str, str, list[dict], list[dict]]]:
    """(slug, YYYY-MM, figures, issues) of every report, in order."""
    out = []
    for path in sorted(corpus.truth_dir.glob("*/*.jsonl")):
        figures = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        issues_path = path.with_name(f"{path.stem}.issues.json")
        issues = json.loads(issues_path.read_text(encoding="utf-8")) if issues_path.exists() else []
        out.append((path.parent.name, path.stem, figures, issues))
    return out


def _row(figure: dict) -> tuple:
    return tuple(round(figure[k], 6) if k == "value" else figure[k] for k in FIELDS)


def test_the_corpus_has_the_layout_of_raw_submissions(corpus: CorpusSummary) -> None:
    slugs = [p.slug for p in provinces()[:3]]
    assert sorted(p.name for p in corpus.raw_dir.iterdir()) == sorted(slugs)
    files = sorted(corpus.raw_dir.glob("*/*/bao-cao.txt"))
    assert len(files) == corpus.reports == 3 * MONTHS
    assert {f.parent.name for f in files} == {f"2022-{m}" for m in ("11", "12")} | {
        f"2023-{m:02d}" for m in range(1, 13)
    }
    reports = _reports(corpus)
    assert len(reports) == corpus.reports
    assert sum(len(f) for _, _, f, _ in reports) == corpus.figures > corpus.reports * 100
    assert sum(1 for *_, issues in reports if issues) == corpus.reports_with_issues
    assert all(list(f) == list(FIELDS) for _, _, figures, _ in reports for f in figures)


def test_every_report_parses_back_to_exactly_its_truth(corpus: CorpusSummary) -> None:
    """100% precision and recall on every compared field, no errors, and the right month and province."""
    problems = []
    for slug, month, figures, _ in _reports(corpus):
        path = corpus.raw_dir / slug / month / "bao-cao.txt"
        result = parse_submission(path, corpus.raw_dir)
        assert result.errors == [], path
        assert result.metadata.province_code == province_by_slug(slug).code
        assert result.metadata.period == date(int(month[:4]), int(month[5:]), 1)
        got = [_row(f.as_row()) for f in result.figures]
        expected = {_row(f) for f in figures}
        assert len(got) == len(set(got)), f"{path}: a figure was read twice"
        problems += [(slug, month, "extra", row) for row in set(got) - expected]
        problems += [(slug, month, "missed", row) for row in expected - set(got)]
    assert problems == []


def test_the_corpus_uses_every_status_and_qualifier(corpus: CorpusSummary) -> None:
    figures = [f for _, _, report, _ in _reports(corpus) for f in report]
    assert {f["status"] for f in figures} == {"estimate", "preliminary", "official", "reported"}
    assert {f["qualifier"] for f in figures} == {None, "about", "nearly", "more_than"}
    text = " ".join(p.read_text(encoding="utf-8") for p in corpus.raw_dir.glob("*/*/bao-cao.txt"))
    for phrase in ("triệu con", "tỷ đồng", "triệu đồng", " m2", "con trâu", "Đàn trâu", " 0"):
        assert phrase in text, phrase


def _hashes(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_the_same_seed_gives_the_same_bytes(tmp_path: Path) -> None:
    first = _hashes(generate_corpus(tmp_path / "a", 2, 3, seed=5).raw_dir.parent)
    again = _hashes(generate_corpus(tmp_path / "b", 2, 3, seed=5).raw_dir.parent)
    other = _hashes(generate_corpus(tmp_path / "c", 2, 3, seed=6).raw_dir.parent)
    assert first == again and len(first) >= 12
    raw = [name for name in first if name.startswith("raw/")]
    assert all(first[name] != other[name] for name in raw)


def _series(corpus: CorpusSummary, indicator: str) -> dict[tuple, list[tuple[str, float]]]:
    """(province, category, area, program, project, ref_year) -> [(YYYY-MM, value)], months in order."""
    series: dict[tuple, list[tuple[str, float]]] = defaultdict(list)
    for slug, month, figures, _ in _reports(corpus):
        for f in figures:
            if f["indicator"] == indicator:
                key = (slug, f["category"], f["area_code"], f["program"], f["project"], f["ref_year"])
                series[key].append((month, f["value"]))
    return series


def test_disbursement_grows_within_a_year_and_restarts_in_january(corpus: CorpusSummary) -> None:
    restarts = 0
    for key, points in _series(corpus, "capital_disbursed").items():
        for (month, value), (next_month, next_value) in zip(points, points[1:], strict=False):
            if next_month[:4] == month[:4]:
                assert next_value >= value, (key, month, next_month)
            else:
                restarts += next_value < value
    assert restarts >= 6


def test_allocations_are_fixed_for_the_year(corpus: CorpusSummary) -> None:
    broken = {
        (slug, month)
        for slug, month, _, issues in _reports(corpus)
        for issue in issues
        if issue["indicator"] == "capital_allocated"
    }
    for key, points in _series(corpus, "capital_allocated").items():
        by_year = defaultdict(set)
        for month, value in points:
            if (key[0], month) not in broken:
                by_year[month[:4]].add(value)
        assert all(len(values) == 1 for values in by_year.values()), key


def test_pigs_and_poultry_peak_before_tet(corpus: CorpusSummary) -> None:
    herds = _series(corpus, "livestock_herd")
    for slug in {key[0] for key in herds}:
        for species in ("pig", "poultry"):
            values = dict(herds[(slug, species, None, None, None, None)])
            assert values["2023-01"] > values["2023-03"] * 1.04, (slug, species)
            assert values["2022-12"] > values["2023-04"], (slug, species)


def _failed_checks(figures: list[dict]) -> set[str]:
    """The warehouse contract's checks that a report's figures fail, computed from the figures alone."""
    by = defaultdict(list)
    for f in figures:
        by[f["indicator"]].append(f)

    def value(indicator: str, category: str = "all", **dims: object) -> float | None:
        key = {"category": category, "area_code": None, "program": None, "project": None, "ref_year": None}
        key |= dims
        return next((f["value"] for f in by[indicator] if all(f[k] == v for k, v in key.items())), None)

    def add_up(total: float | None, parts: list[float]) -> bool:
        return total is None or not parts or total == sum(parts)

    def sectors(indicator: str) -> list[float]:
        return [f["value"] for f in by[indicator] if f["area_code"] is None and f["category"] != "all"]

    def districts(indicator: str) -> list[float]:
        return [f["value"] for f in by[indicator] if f["area_code"] is not None]

    species = [f["value"] for f in by["livestock_herd"] if f["category"] in PARTS and f["area_code"] is None]
    ok = {
        "species_do_not_add_up": add_up(value("livestock_herd", "main_livestock"), species),
        "violation_types_do_not_add_up": add_up(
            value("forest_violation_cases"), sectors("forest_violation_cases")
        ),
        "sectors_do_not_add_up": all(add_up(value(i), sectors(i)) for i in ("cooperatives", "farms")),
        "districts_do_not_add_up": all(
            add_up(value(i), districts(i))
            for i in ("cooperatives", "farms", "training_classes", "training_trainees")
        ),
        "allocation_years_do_not_add_up": True,
        "disbursed_exceeds_allocated": True,
        "rate_disagrees": True,
    }
    for program, project in {(f["program"], f["project"]) for f in figures if f["program"]}:
        line = {"program": program, "project": project}
        for indicator in ("capital_allocated", "capital_disbursed"):
            years = [
                f["value"] for f in by[indicator] if f["ref_year"] and all(f[k] == v for k, v in line.items())
            ]
            ok["allocation_years_do_not_add_up"] &= add_up(value(indicator, **line), years)
        for year in {f["ref_year"] for f in figures if (f["program"], f["project"]) == (program, project)}:
            allocated = value("capital_allocated", ref_year=year, **line)
            disbursed = value("capital_disbursed", ref_year=year, **line)
            rate = value("capital_disbursement_rate", ref_year=year, **line)
            if allocated is not None and disbursed is not None:
                ok["disbursed_exceeds_allocated"] &= disbursed <= allocated
            if rate is not None:
                shown = 0.5 if rate == int(rate) else 0.05
                ok["rate_disagrees"] &= abs(disbursed / allocated * 100 - rate) <= shown + 1e-9
    return {check for check, passed in ok.items() if not passed}


def test_parts_add_up_except_where_an_inconsistency_was_put(corpus: CorpusSummary) -> None:
    injected = 0
    for slug, month, figures, issues in _reports(corpus):
        assert len(issues) <= 1
        assert _failed_checks(figures) == {issue["check"] for issue in issues}, (slug, month, issues)
        injected += len(issues)
    assert injected >= 3


def test_inconsistencies_come_at_the_configured_rate_and_are_detectable() -> None:
    def reports(rate: float) -> list[tuple[list[dict], list[dict]]]:
        out = []
        for province in provinces()[:10]:
            rng = random.Random(f"rate:{province.code}")
            state = initial_state(province, rng)
            for month in range(24):
                period = date(2023 + month // 12, month % 12 + 1, 1)
                report = generate_report(province, period, state, rng, rate)
                out.append((report.figures, report.issues))
        return out

    assert not any(issues for _, issues in reports(0.0))
    found = reports(0.25)
    assert 0.15 < sum(1 for _, issues in found if issues) / len(found) < 0.35
    assert {issue["check"] for _, issues in found for issue in issues} == set(INCONSISTENCIES)
    for figures, issues in found:
        assert _failed_checks(figures) == {issue["check"] for issue in issues}, issues


def test_a_report_must_follow_the_last_month_of_its_state() -> None:
    first, second = provinces()[:2]
    rng = random.Random(0)
    state = initial_state(first, rng)
    generate_report(first, date(2023, 1, 1), state, rng)
    with pytest.raises(ValueError, match="2023-03 does not follow 2023-01"):
        generate_report(first, date(2023, 3, 1), state, rng)
    with pytest.raises(ValueError, match=second.name):
        generate_report(second, date(2023, 2, 1), state, rng)


def test_the_text_looks_pdf_extracted(corpus: CorpusSummary) -> None:
    for path in corpus.raw_dir.glob("*/*/bao-cao.txt"):
        lines = path.read_text(encoding="utf-8").split("\n")
        assert all(len(line) < 130 for line in lines), path
        assert any(line.startswith(" ") and line.strip() for line in lines[1:]), f"{path}: no page break"
        assert lines[1] == "", f"{path}: no blank line between lines"


@pytest.mark.parametrize("width", [12, 20, 35, 60])
def test_line_breaks_never_start_a_new_paragraph(width: int) -> None:
    paragraph = (
        "- Tổng đàn gia súc chính ước đạt 353.350 con, trong đó: Đàn trâu 92.760 con, đàn bò 25.590 con. "
        "Tổng đàn gia cầm 1.809 nghìn con. Giáo dục - Đào tạo: a) b) 1. 1.1 II. + * Cao Bằng 5 HTX."
    )
    lines = wrap(paragraph, width)
    assert " ".join(lines) == paragraph
    for previous, line in zip(lines, lines[1:], strict=False):
        assert marker_of(line) is None, line
        assert not (line[0].isupper() and previous.endswith((".", ":", ";", "!", "?"))), line
