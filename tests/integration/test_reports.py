"""The narrative report of a built month: its files, its wording, and the parser reading it back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from pipelines.exports.narrative import load_report, narrative_lines, program_labels
from pipelines.exports.report_files import export_report
from pipelines.parsing.report import parse_lines, parse_submission

KEY = tuple("indicator category value unit area_code program project ref_year stars status qualifier".split())
DECEMBER = date(2023, 12, 1)


@pytest.fixture(scope="module")
def snapshot(built) -> duckdb.DuckDBPyConnection:
    with duckdb.connect(str(built.snapshot), read_only=True) as con:
        yield con


@pytest.fixture(scope="module")
def files(snapshot, tmp_path_factory) -> dict[str, Path]:
    return export_report(snapshot, "12", DECEMBER, tmp_path_factory.mktemp("exports"))


def _warehouse_figures(snapshot) -> set[tuple]:
    return {tuple(getattr(f, k) for k in KEY) for f in load_report(snapshot, "12", DECEMBER).figures}


def _figures(result) -> set[tuple]:
    assert result.errors == []
    return {tuple(getattr(f, k) for k in KEY) for f in result.figures}


def test_every_format_is_written(files: dict[str, Path]) -> None:
    assert {k: p.name for k, p in files.items()} == {
        "md": "bao-cao.md",
        "html": "bao-cao.html",
        "docx": "bao-cao.docx",
    }
    assert files["md"].parent == files["md"].parents[2] / "lai-chau" / "2023-12"
    charts = sorted(p.name for p in (files["md"].parent / "charts").iterdir())
    assert charts == ["dan-vat-nuoi.png", "gia-cam.png", "ty-le-giai-ngan.png", "vi-pham-lam-luat.png"]
    assert all((files["md"].parent / "charts" / c).read_bytes().startswith(b"\x89PNG") for c in charts)
    assert not list(files["md"].parent.glob("*.tmp")), "no temporary file is left behind"


def test_the_narrative_reads_back_as_the_warehouse_figures(snapshot) -> None:
    lines = narrative_lines(load_report(snapshot, "12", DECEMBER), program_labels(snapshot))
    assert _figures(parse_lines(lines, "<report>", "lai-chau")) == _warehouse_figures(snapshot)


def test_the_word_report_reads_back_as_the_warehouse_figures(snapshot, files, tmp_path: Path) -> None:
    folder = tmp_path / "lai-chau" / "2023-12"
    folder.mkdir(parents=True)
    copy = folder / "bao-cao.docx"
    copy.write_bytes(files["docx"].read_bytes())
    assert _figures(parse_submission(copy, tmp_path)) == _warehouse_figures(snapshot)


def test_the_markdown_follows_the_outline_in_vietnamese(files: dict[str, Path]) -> None:
    text = files["md"].read_text(encoding="utf-8")
    for expected in (
        "# BÁO CÁO TÌNH HÌNH SẢN XUẤT NÔNG - LÂM NGHIỆP THÁNG 12 NĂM 2023",
        "## I. Tình hình sản xuất nông - lâm nghiệp tháng 12 năm 2023",
        "#### 1.1. Trồng trọt",
        "Tổng đàn gia súc chính ước đạt 353.350 con.",
        "Tổng đàn gia cầm ước đạt 1.809.000 con.",
        "Toàn tỉnh có 42,9 ha nhà màng, nhà lưới.",
        "| Chương trình bố trí dân cư | Tổng | 2023 | 171.373 | 22.397 | 13 | 13,07 |",
        "![Tổng đàn vật nuôi theo loài](charts/dan-vat-nuoi.png)",
        "## II. Phụ lục",
    ):
        assert expected in text, expected


def test_the_html_page_is_self_contained(files: dict[str, Path]) -> None:
    html = files["html"].read_text(encoding="utf-8")
    assert html.count('src="data:image/png;base64,') == 4
    assert "http://" not in html and "https://" not in html
    assert '<html lang="vi">' in html and "<table>" in html


def test_the_annex_lists_failed_checks(snapshot) -> None:
    data = load_report(snapshot, "12", DECEMBER)
    data.failed_checks = [{"check_name": "species_add_up", "severity": "warn", "details": "thiếu 10 con"}]
    lines = narrative_lines(data, program_labels(snapshot))
    assert "+ species_add_up (cảnh báo): thiếu 10 con" in lines


def test_a_month_without_figures_is_a_clear_error(snapshot) -> None:
    with pytest.raises(LookupError, match="12 in 2023-11"):
        load_report(snapshot, "12", date(2023, 11, 1))
