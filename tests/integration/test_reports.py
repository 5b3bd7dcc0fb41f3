"""The narrative report of a built month: its files, its wording, and the parser reading it back."""

from __future__ import annotations

import csv
import hashlib
import json
from datetime import date
from pathlib import Path

import duckdb
import pytest

from pipelines.exports.narrative import load_report, narrative_lines, program_labels
from pipelines.exports.report_files import export_report, export_reports
from pipelines.exports.timeseries import LONG_COLUMNS, write_series
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


def test_a_pool_of_workers_writes_the_same_reports(built, files, tmp_path) -> None:
    """Reports drawn in two processes have the bytes of the one drawn here, one result per month asked."""
    pooled = export_reports(built.snapshot, [("12", DECEMBER)] * 3, tmp_path, workers=2)
    assert len(pooled) == 3
    for kind in ("md", "html"):
        assert {f[kind] for f in pooled} == {tmp_path / "reports" / "lai-chau" / "2023-12" / files[kind].name}
        assert pooled[0][kind].read_bytes() == files[kind].read_bytes()


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


def _bundle(agristat, built, out: Path, *options: str):
    window = ("--from", "2023-01", "--to", "2023-12")
    return agristat("extract", "--warehouse", str(built.warehouse), *window, "--out", str(out), *options)


@pytest.mark.parametrize("file_format", ["csv", "parquet", "xlsx"])
def test_the_same_warehouse_gives_byte_identical_bundles(
    built, agristat, tmp_path: Path, file_format: str
) -> None:
    first = _bundle(agristat, built, tmp_path / "a", "--format", file_format, "--province", "lai-chau")
    second = _bundle(agristat, built, tmp_path / "b", "--format", file_format, "--province", "lai-chau")
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    manifest = json.loads((tmp_path / "a" / "manifest.json").read_text(encoding="utf-8"))
    names = [f["file"] for f in manifest["files"]]
    assert f"fct_livestock_herds.{file_format}" in names and f"data_dictionary.{file_format}" in names
    assert f"failed_checks.{file_format}" in names
    for entry in manifest["files"]:
        data = (tmp_path / "a" / entry["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
        assert data == (tmp_path / "b" / entry["file"]).read_bytes(), entry["file"]
    herds = next(f for f in manifest["files"] if f["file"].startswith("fct_livestock_herds"))
    assert herds["rows"] == 5


def test_the_data_dictionary_labels_columns_and_codes(built, agristat, tmp_path: Path) -> None:
    assert _bundle(agristat, built, tmp_path, "--tables", "livestock_herds").returncode == 0
    with (tmp_path / "data_dictionary.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    columns = {r["code"] for r in rows if r["kind"] == "column" and r["table"] == "fct_livestock_herds"}
    assert {
        "period",
        "province_code",
        "area_code",
        "species",
        "head_count",
        "status",
        "submission_id",
    } <= columns
    pig = next(r for r in rows if r["kind"] == "category" and r["table"] == "species" and r["code"] == "pig")
    assert (pig["label_vi"], pig["label_en"]) == ("Lợn", "Pigs")
    herd = next(r for r in rows if r["kind"] == "indicator" and r["code"] == "livestock_herd")
    assert herd["unit"] == "head" and herd["label_vi"] and herd["label_en"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (("--tables", "fct_livestock_herds; drop table x"), "unknown table"),
        (("--province", "atlantis"), "unknown province"),
        (("--format", "sav"), "unknown format"),
    ],
)
def test_an_extract_request_is_checked(built, agristat, tmp_path: Path, options, message: str) -> None:
    process = _bundle(agristat, built, tmp_path, *options)
    assert process.returncode == 2 and message in process.stderr
    assert not (tmp_path / "manifest.json").exists()


def test_time_series_files(snapshot, tmp_path: Path) -> None:
    written = {p.relative_to(tmp_path).as_posix() for p in write_series(snapshot, tmp_path)}
    assert {
        "series_long.csv",
        "series_long.parquet",
        "series_sdmx.csv",
        "wide/fct_livestock_herds.csv",
    } <= written
    with (tmp_path / "series_long.csv").open(encoding="utf-8") as handle:
        long = list(csv.DictReader(handle))
    assert list(long[0]) == list(LONG_COLUMNS)
    pig = next(r for r in long if r["measure"] == "livestock_herd" and r["category"] == "pig")
    assert (pig["value"], pig["status"], pig["table"]) == ("235000.0", "estimate", "fct_livestock_herds")
    with (tmp_path / "series_sdmx.csv").open(encoding="utf-8") as handle:
        sdmx = list(csv.DictReader(handle))
    flags = {(r["INDICATOR"], r["CATEGORY"]): r["OBS_STATUS"] for r in sdmx}
    assert flags[("livestock_herd", "pig")] == "E" and flags[("cooperatives", "all")] == "A"
    assert {r["TIME_PERIOD"] for r in sdmx} == {"2023-12"}


def test_report_command_prints_where_the_files_are(built, agristat) -> None:
    process = agristat("report", "lai-chau", "2023-12", "--warehouse", str(built.warehouse))
    assert process.returncode == 0, process.stderr
    html = built.warehouse / "exports" / "reports" / "lai-chau" / "2023-12" / "bao-cao.html"
    assert str(html) in process.stdout and html.exists()
    missing = agristat("report", "lai-chau", "2019-01", "--warehouse", str(built.warehouse))
    assert missing.returncode == 1 and "no figures" in missing.stderr
