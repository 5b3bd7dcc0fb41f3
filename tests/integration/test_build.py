"""End to end: `agristat build` on a copy of raw/, checked in the published snapshot."""

import csv
from datetime import date

import pytest

pytestmark = pytest.mark.slow

DECEMBER = date(2023, 12, 1)
FACT_TABLES = (
    "fct_livestock_herds",
    "fct_livestock_output",
    "fct_forest_violations",
    "fct_ocop_products",
    "fct_cooperatives",
    "fct_capital_disbursements",
)


def _herds(built) -> dict[str, tuple[int, str]]:
    rows = built.query(
        "select species, head_count, status from marts.fct_livestock_herds"
        " where period = ? and province_code = '12' and area_code = '12'",
        [DECEMBER],
    )
    return {species: (count, status) for species, count, status in rows}


def _all_rows(built) -> dict[str, list[tuple]]:
    return {table: sorted(built.query(f"select * from marts.{table}"), key=repr) for table in FACT_TABLES}


def test_herds_of_the_sample_are_in_the_published_marts(built):
    herds = _herds(built)
    assert {species: count for species, (count, _) in herds.items()} == {
        "main_livestock": 353350,
        "buffalo": 92760,
        "cattle": 25590,
        "pig": 235000,
        "poultry": 1809000,
    }
    # "Tổng đàn gia súc chính ước đạt ..." and "Tổng đàn gia cầm ước đạt ...": estimates.
    assert herds["main_livestock"][1] == "estimate"
    assert herds["poultry"][1] == "estimate"


def test_meat_output_is_in_the_published_marts(built):
    rows = built.query(
        "select meat_type, output_tons, status from marts.fct_livestock_output where period = ?", [DECEMBER]
    )
    assert {meat: tons for meat, tons, _ in rows} == {"all": 18710, "pork": 16610}


def test_every_fact_row_carries_its_provenance(built):
    for table in FACT_TABLES:
        rows = built.query(
            f"""
            select f.submission_id, f.source_line, f.source_text, s.status
            from marts.{table} as f
            left join audit.submissions as s using (submission_id)
            """
        )
        assert rows, table
        assert all(line and text and status == "loaded" for _, line, text, status in rows), table


def test_bad_submissions_are_rejected_with_reasons_and_the_good_one_loads(built):
    audit = {
        path: (version, status, error)
        for path, version, status, error in built.query(
            "select path, version, status, error from audit.submissions"
        )
    }
    assert audit["lai-chau/2023-12/bao-cao.txt"] == (1, "loaded", None)
    version, status, error = audit["lai-chau/2023-12/z-sua-doi.txt"]
    assert (version, status) == (2, "rejected")
    assert error.startswith("lai-chau/2023-12/z-sua-doi.txt: ") and "(line " in error
    version, status, error = audit["atlantis/2023-12/report.txt"]
    assert status == "rejected" and "unknown province folder 'atlantis'" in error
    assert "rejected lai-chau/2023-12/z-sua-doi.txt" in built.process.stderr
    assert "rejected atlantis/2023-12/report.txt" in built.process.stderr


def test_build_prints_what_it_loaded_and_where_the_outputs_are(built):
    out = built.process.stdout
    assert "lai-chau/2023-12/bao-cao.txt" in out and "loaded" in out
    assert "marts.fct_livestock_herds" in out
    assert str(built.snapshot) in out


def test_seeded_area_codes_keep_their_leading_zeros(built):
    assert built.query(
        "select code, parent_code from main.areas where name = 'Ba Đình' and level = 'district'"
    ) == [("001", "01")]


def test_the_snapshot_is_readable_by_duckdb_1_0(built):
    (tags,) = built.query("select tags from duckdb_databases() where database_name = current_database()")[0]
    assert tags["storage_version"].startswith("v1.0.0")


def test_the_herd_series_is_exported(built):
    with (built.warehouse / "exports" / "livestock_herd_series.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {(row["period"], row["species"], row["head_count"]) for row in rows} >= {
        ("2023-12-01", "pig", "235000"),
        ("2023-12-01", "main_livestock", "353350"),
    }
    assert list(rows[0]) == [
        "period",
        "province_code",
        "area_code",
        "scope",
        "species",
        "head_count",
        "status",
        "submission_id",
    ]


def test_query_reads_the_published_snapshot(built, agristat):
    process = agristat(
        "query",
        "--warehouse",
        str(built.warehouse),
        "--format",
        "csv",
        "select head_count from marts.fct_livestock_herds where species = 'pig'",
    )
    assert process.returncode == 0, process.stderr
    assert process.stdout.splitlines() == ["head_count", "235000"]


def test_query_is_read_only(built, agristat):
    process = agristat("query", "--warehouse", str(built.warehouse), "drop table marts.fct_livestock_herds")
    assert process.returncode == 1
    assert "read-only" in process.stderr
    assert _herds(built)


def test_a_rerun_gives_the_same_rows_and_strict_reports_the_rejections(built, agristat):
    before, audit_before = _all_rows(built), built.query("select * from audit.submissions order by path")
    process = agristat("build", "--raw", str(built.raw), "--warehouse", str(built.warehouse), "--strict")
    assert process.returncode == 1, process.stdout + process.stderr
    assert "--strict" in process.stderr
    assert _all_rows(built) == before
    assert built.query("select * from audit.submissions order by path") == audit_before
