"""The real sample report against its hand-verified figures: 100% precision and recall, field by field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.parsing.model import Figure, ParseResult
from pipelines.parsing.numbers import format_number
from pipelines.parsing.readers import read_lines
from pipelines.parsing.report import parse_submission
from tests.documents import write_docx, write_pdf

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "raw"
SAMPLE = RAW / "lai-chau" / "2023-12" / "bao-cao.txt"
EXPECTED = ROOT / "tests" / "data" / "expected" / "lai-chau-2023-12.jsonl"
FIELDS = tuple(
    "domain indicator category value unit area_code program project ref_year stars status qualifier"
    " scope period kind change_base".split()
)


@pytest.fixture(scope="module")
def sample() -> ParseResult:
    return parse_submission(SAMPLE, RAW)


def _expected() -> list[dict]:
    return [json.loads(line) for line in EXPECTED.read_text(encoding="utf-8").splitlines()]


def _row(figure: Figure, with_line: bool = True) -> tuple:
    row = figure.as_row()
    row["period"] = row["period"] and row["period"].isoformat()
    return tuple(row[k] for k in (("line_start",) if with_line else ()) + FIELDS)


def test_sample_reads_without_errors(sample: ParseResult) -> None:
    assert sample.errors == []
    assert sample.metadata.province_code == "12"
    assert sample.metadata.period.isoformat() == "2023-12-01"


def test_sample_has_well_over_a_hundred_figures() -> None:
    assert len(_expected()) > 140


def test_precision_and_recall_are_complete(sample: ParseResult) -> None:
    expected = {tuple(e[k] for k in ("line_start", *FIELDS)) for e in _expected()}
    got = [_row(f) for f in sample.figures]
    assert len(got) == len(set(got)), "a figure was produced twice"
    assert set(got) - expected == set(), "figures not in the hand-verified list (precision)"
    assert expected - set(got) == set(), "hand-verified figures the parser missed (recall)"


@pytest.mark.parametrize(
    ("indicator", "category", "value", "status"),
    [
        ("livestock_herd", "main_livestock", 353350, "estimate"),
        ("livestock_herd", "buffalo", 92760, "estimate"),
        ("livestock_herd", "poultry", 1809000, "estimate"),
        ("forest_violation_cases", "all", 15, "reported"),
        ("ocop_products", "certified", 11, "reported"),
        ("ocop_share_owned_by_cooperatives", "all", 36.6, "reported"),
        ("aquaculture_area", "pond", 1013, "reported"),
        ("hightech_greenhouse_area", "all", 42.9, "reported"),
    ],
)
def test_key_figures(sample: ParseResult, indicator: str, category: str, value: float, status: str) -> None:
    [figure] = [
        f for f in sample.figures if (f.indicator, f.category, f.area_code) == (indicator, category, None)
    ]
    assert (figure.value, figure.status) == (value, status)


def test_every_figure_points_at_the_words_it_came_from(sample: ParseResult) -> None:
    lines = read_lines(SAMPLE)
    for figure in sample.figures:
        assert 1 <= figure.line_start <= figure.line_end <= len(lines)
        span = " ".join(" ".join(lines[figure.line_start - 1 : figure.line_end]).split())
        assert figure.source_text in span, figure
        assert figure.rule.startswith(figure.domain)
        assert figure.section.startswith("I."), "results come from Part I only"


def test_the_written_number_is_in_the_source_text(sample: ParseResult) -> None:
    for figure in sample.figures:
        if figure.unit in ("mvnd", "pct", "ha", "m3", "ton", "kg") or figure.value < 1000:
            written = {format_number(abs(figure.value)), format_number(abs(figure.value)).zfill(2)}
            assert any(w in figure.source_text for w in written) or "/" in figure.source_text, figure


def test_districts_of_the_sample_add_up_to_the_province(sample: ParseResult) -> None:
    def total(indicator: str, districts: bool) -> float:
        return sum(
            f.value
            for f in sample.figures
            if f.indicator == indicator and f.category == "all" and (f.area_code is not None) == districts
        )

    for indicator in ("cooperatives", "farms", "training_classes", "training_trainees"):
        assert total(indicator, True) == total(indicator, False), indicator


def test_every_number_is_a_figure_a_non_figure_or_listed(sample: ParseResult) -> None:
    """Unrecognised numbers never vanish: these are the sample's numbers no rule reads, with their lines."""
    assert [(u.line, u.text) for u in sample.unrecognised] == [
        (64, "03"),  # Hội chợ thương mại Biên giới 03 nước
        (240, "01"),  # quy mô 01 gian hàng
        (246, "04"),  # quy mô 04 gian hàng
        (246, "100"),  # trên 100 sản phẩm tham gia trưng bày
        (266, "100"),  # dự kiến ... giải ngân 100% kế hoạch vốn: a plan, not a result
        (408, "9001"),  # tiêu chuẩn 9001: 2015, in Part II
    ]


def test_a_number_in_an_unknown_context_is_listed_not_dropped(tmp_path: Path) -> None:
    folder = tmp_path / "lai-chau" / "2023-12"
    folder.mkdir(parents=True)
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "Tổng đàn gia cầm ước đạt 1.809", "Số máy kéo 77 chiếc. Tổng đàn gia cầm ước đạt 1.809"
    )
    (folder / "bao-cao.txt").write_text(text, encoding="utf-8")
    result = parse_submission(folder / "bao-cao.txt", tmp_path)
    assert [(u.line, u.text) for u in result.unrecognised if u.text == "77"] == [(27, "77")]


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_word_and_pdf_give_the_same_figures(tmp_path: Path, sample: ParseResult, suffix: str) -> None:
    folder = tmp_path / "lai-chau" / "2023-12"
    folder.mkdir(parents=True)
    write = write_docx if suffix == ".docx" else write_pdf
    path = write(SAMPLE.read_text(encoding="utf-8").splitlines(), folder / f"bao-cao{suffix}")
    result = parse_submission(path, tmp_path)
    assert result.errors == []
    assert [_row(f, with_line=False) for f in result.figures] == [
        _row(f, with_line=False) for f in sample.figures
    ]


def test_the_text_must_agree_with_its_folder(tmp_path: Path) -> None:
    folder = tmp_path / "lai-chau" / "2023-11"
    folder.mkdir(parents=True)
    (folder / "bao-cao.txt").write_bytes(SAMPLE.read_bytes())
    result = parse_submission(folder / "bao-cao.txt", tmp_path)
    assert not result.ok
    message = str(result.errors[0])
    assert (
        "lai-chau/2023-11/bao-cao.txt" in message and "2023-11" in message and "tháng 12 năm 2023" in message
    )


def test_an_unreadable_file_comes_back_as_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "lai-chau" / "2023-12"
    folder.mkdir(parents=True)
    (folder / "bao-cao.pdf").write_bytes(b"not a pdf at all")
    result = parse_submission(folder / "bao-cao.pdf", tmp_path)
    assert result.figures == []
    assert "lai-chau/2023-12/bao-cao.pdf" in str(result.errors[0]) and "PDF" in str(result.errors[0])
