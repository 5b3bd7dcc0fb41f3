import shutil
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd
import pandera.pandas as pa
import pytest

from pipelines.parsing.model import Figure, ParseResult, UnrecognisedNumber
from pipelines.parsing.report import parse_submission
from pipelines.warehouse.db import drop_incremental_tables_before_scope, ensure_schema
from pipelines.warehouse.raw import find_submission_files
from pipelines.warehouse.schemas import (
    FIGURE_DTYPES,
    FIGURES_SCHEMA,
    UNRECOGNISED_DTYPES,
    UNRECOGNISED_SCHEMA,
)
from pipelines.warehouse.staging import (
    figures_frame,
    parse_one,
    read_figures,
    read_unrecognised,
    replace_window,
    unrecognised_rows,
)
from pipelines.warehouse.submissions import Submission, register_files, submissions_between

DECEMBER = (date(2023, 12, 1), date(2024, 1, 1))
PROVINCES = {"lai-chau": "12"}.get


def _submission(**changes) -> Submission:
    fields = dict(
        submission_id="0123456789abcdef",
        path="lai-chau/2023-12/bao-cao.txt",
        sha256="0123456789abcdef" * 4,
        bytes=10,
        province_code="12",
        period=date(2023, 12, 1),
        received_at=datetime(2024, 1, 5),
        version=1,
        status=None,
        error=None,
    )
    return Submission(**{**fields, **changes})


def _figure(**changes) -> Figure:
    fields = dict(
        domain="livestock",
        indicator="livestock_herd",
        value=92760.0,
        unit="head",
        line_start=25,
        line_end=27,
        source_text="Đàn trâu 92.760 con",
        rule="livestock.livestock_herd",
        section="I.1.1.2.a)-",
        category="buffalo",
        status="estimate",
    )
    return Figure(**{**fields, **changes})


def test_figures_frame_has_the_staging_dtypes_and_fills_province_totals():
    result = ParseResult(path="x", figures=[_figure(), _figure(area_code="110", category="all")])
    frame = figures_frame(_submission(), result)
    assert dict(frame.dtypes.astype(str)) == FIGURE_DTYPES
    assert list(frame["area_code"]) == ["12", "110"]
    assert list(frame["period"]) == [pd.Timestamp("2023-12-01")] * 2
    FIGURES_SCHEMA.validate(frame)


def test_a_figure_keeps_its_scope_kind_and_own_period_beside_the_reports_month():
    january = _submission(period=date(2026, 1, 1), path="lai-chau/2026-01/bao-cao.txt")
    result = ParseResult(
        path="x",
        figures=[
            _figure(),
            _figure(scope="annual", period=date(2025, 12, 1)),
            _figure(scope="year_to_date"),
            _figure(kind="change", change_base="same_period_last_year", value=-1824.0),
            _figure(area_code="03403", category="all"),
        ],
    )
    frame = figures_frame(january, result)
    FIGURES_SCHEMA.validate(frame)
    assert list(frame["period"]) == [pd.Timestamp("2026-01-01")] * 5
    assert (
        list(frame["figure_period"])
        == [pd.Timestamp(d) for d in ("2026-01-01", "2025-12-01")] + [pd.Timestamp("2026-01-01")] * 3
    )
    assert list(frame["scope"]) == ["month", "annual", "year_to_date", "month", "month"]
    assert list(frame["kind"]) == ["level"] * 3 + ["change", "level"]
    assert list(frame["change_base"].fillna("-")) == ["-", "-", "-", "same_period_last_year", "-"]
    assert frame["area_code"].iloc[4] == "03403"


@pytest.mark.parametrize(
    ("change", "column"),
    [
        ({"scope": "weekly"}, "scope"),
        ({"kind": "plan"}, "kind"),
        ({"kind": "change", "change_base": "yesterday"}, "change_base"),
        # change_base is null exactly when the figure is a level.
        ({"kind": "change"}, "change_base is null exactly when kind is level"),
        ({"change_base": "previous_month"}, "change_base is null exactly when kind is level"),
        ({"period": date(2025, 12, 15)}, "figure_period"),
        ({"area_code": "1234"}, "area_code"),
        ({"area_code": "123456"}, "area_code"),
        ({"area_code": "1"}, "area_code"),
        ({"area_code": "0340a"}, "area_code"),
        ({"unit": "furlong"}, "unit"),
        ({"status": "guessed"}, "status"),
        ({"value": float("inf")}, "value"),
        ({"line_start": 30}, "line_start <= line_end"),  # a check across columns
        ({"stars": 7}, "stars"),
        ({"area_code": "1234"}, "area_code"),
        ({"indicator": "Livestock Herd"}, "indicator"),
    ],
)
def test_the_schema_names_what_is_wrong(change, column):
    frame = figures_frame(_submission(), ParseResult(path="x", figures=[_figure(**change)]))
    with pytest.raises(pa.errors.SchemaErrors) as failure:
        FIGURES_SCHEMA.validate(frame, lazy=True)
    cases = failure.value.failure_cases
    assert column in set(cases["column"]) | set(cases["check"])


def test_the_schema_wants_a_period_on_the_first_of_the_month():
    frame = figures_frame(_submission(period=date(2023, 12, 15)), ParseResult(path="x", figures=[_figure()]))
    with pytest.raises(pa.errors.SchemaErrors, match="first day of a month"):
        FIGURES_SCHEMA.validate(frame, lazy=True)


@pytest.mark.parametrize("area_code", ["12", "110", "03403"])
def test_province_district_and_commune_codes_are_accepted(area_code):
    frame = figures_frame(_submission(), ParseResult(path="x", figures=[_figure(area_code=area_code)]))
    FIGURES_SCHEMA.validate(frame)


def _unrecognised_frame(*numbers: UnrecognisedNumber) -> pd.DataFrame:
    rows = unrecognised_rows(_submission(), ParseResult(path="x", unrecognised=list(numbers)))
    return pd.DataFrame.from_records(rows, columns=list(UNRECOGNISED_DTYPES)).astype(UNRECOGNISED_DTYPES)


def test_unrecognised_numbers_keep_their_reason():
    frame = _unrecognised_frame(
        UnrecognisedNumber(40, "100%", "phấn đấu giải ngân 100%", reason="plan"),
        UnrecognisedNumber(41, "03", "03 nước"),
    )
    UNRECOGNISED_SCHEMA.validate(frame)
    assert list(frame["reason"].fillna("-")) == ["plan", "-"]
    with pytest.raises(pa.errors.SchemaErrors, match="reason"):
        UNRECOGNISED_SCHEMA.validate(
            _unrecognised_frame(UnrecognisedNumber(40, "1", "x", reason="unsure")), lazy=True
        )


def test_the_staging_tables_have_the_schemas_columns(db):
    for table, dtypes, schema in (
        ("staging.figures", FIGURE_DTYPES, FIGURES_SCHEMA),
        ("staging.unrecognised_numbers", UNRECOGNISED_DTYPES, UNRECOGNISED_SCHEMA),
    ):
        rows = db.execute(
            "select column_name, is_nullable from information_schema.columns"
            " where table_schema || '.' || table_name = ? order by ordinal_position",
            [table],
        ).fetchall()
        assert [name for name, _ in rows] == list(dtypes)
        assert {name: nullable == "YES" for name, nullable in rows} == {
            name: schema.columns[name].nullable for name in dtypes
        }


def test_a_warehouse_staged_before_scope_gets_the_new_columns_filled(tmp_path):
    con = duckdb.connect(str(tmp_path / "old.duckdb"))
    con.execute("create schema staging")
    old_columns = [c for c in FIGURE_DTYPES if c not in ("scope", "figure_period", "kind", "change_base")]
    con.execute(f"create table staging.figures ({', '.join(f'{c} varchar' for c in old_columns)})")
    con.execute("alter table staging.figures alter period type date")
    values = ", ".join("'2023-12-01'" if c == "period" else "'x'" for c in old_columns)
    con.execute(f"insert into staging.figures values ({values})")
    con.execute(
        "create table staging.unrecognised_numbers (submission_id varchar, period date,"
        " province_code varchar, line integer, text varchar, context varchar)"
    )
    ensure_schema(con)
    ensure_schema(con)  # and again: nothing left to add
    assert con.execute("select scope, figure_period, kind, change_base from staging.figures").fetchall() == [
        ("month", date(2023, 12, 1), "level", None)
    ]
    assert read_unrecognised(con, *DECEMBER).columns.tolist() == list(UNRECOGNISED_DTYPES)
    con.close()


def _registered(con, raw: Path) -> list[Submission]:
    files = find_submission_files(raw, *DECEMBER)
    register_files(con, files, PROVINCES, datetime(2024, 1, 5))
    return submissions_between(con, *DECEMBER)


def _load(con, raw: Path):
    outcomes = [parse_one(raw, s, parse_submission) for s in submissions_between(con, *DECEMBER)]
    return replace_window(con, *DECEMBER, outcomes)


def _staged(con) -> pd.DataFrame:
    frame = read_figures(con, *DECEMBER)
    return frame.sort_values(["submission_id", "line_start", "indicator", "category"]).reset_index(drop=True)


def _statuses(con) -> dict[str, tuple[str, str | None]]:
    return {s.path: (s.status, s.error) for s in submissions_between(con, *DECEMBER)}


def _statuses_by_version(con) -> list[tuple[int, str]]:
    return [(s.version, s.status) for s in submissions_between(con, *DECEMBER)]


def test_loading_the_sample_stages_its_figures_and_marks_it_loaded(db, raw_copy):
    _registered(db, raw_copy)
    summary = _load(db, raw_copy)
    staged = _staged(db)
    assert summary.figures == len(staged) > 0
    herds = staged[staged["indicator"] == "livestock_herd"].set_index("category")["value"]
    assert herds["main_livestock"] == 353350
    assert set(staged["area_code"]) >= {"12"}
    assert _statuses(db) == {"lai-chau/2023-12/bao-cao.txt": ("loaded", None)}
    FIGURES_SCHEMA.validate(staged, lazy=True)


def test_reloading_a_month_gives_the_same_rows(db, raw_copy):
    _registered(db, raw_copy)
    _load(db, raw_copy)
    first = _staged(db)
    _load(db, raw_copy)
    pd.testing.assert_frame_equal(_staged(db), first)
    (count,) = db.execute("select count(*) from staging.unrecognised_numbers").fetchone()
    _load(db, raw_copy)
    assert db.execute("select count(*) from staging.unrecognised_numbers").fetchone() == (count,)


def test_a_rejected_newer_version_leaves_the_loaded_one_and_says_why(db, raw_copy):
    text = (raw_copy / "lai-chau" / "2023-12" / "bao-cao.txt").read_text(encoding="utf-8")
    wrong_month = text.replace("tháng 12 năm 2023", "tháng 11 năm 2023")
    (raw_copy / "lai-chau" / "2023-12" / "z-sua-doi.txt").write_text(wrong_month, encoding="utf-8")
    _registered(db, raw_copy)
    _load(db, raw_copy)
    statuses = _statuses(db)
    assert statuses["lai-chau/2023-12/bao-cao.txt"] == ("loaded", None)
    status, error = statuses["lai-chau/2023-12/z-sua-doi.txt"]
    assert status == "rejected"
    assert error.startswith("lai-chau/2023-12/z-sua-doi.txt: ") and "2023-12" in error
    assert set(_staged(db)["submission_id"]) == {
        s.submission_id for s in submissions_between(db, *DECEMBER) if s.status == "loaded"
    }


def test_every_version_is_staged_and_the_newest_is_loaded(db, raw_copy):
    report = raw_copy / "lai-chau" / "2023-12" / "bao-cao.txt"
    shutil.copy(report, report.with_name("bao-cao-v2.txt"))
    with report.with_name("bao-cao-v2.txt").open("a", encoding="utf-8") as handle:
        handle.write("\n")
    _registered(db, raw_copy)
    _load(db, raw_copy)
    assert _statuses_by_version(db) == [(1, "superseded"), (2, "loaded")]
    assert _staged(db)["submission_id"].nunique() == 2


def test_a_version_whose_file_changed_keeps_its_rows(db, raw_copy):
    report = raw_copy / "lai-chau" / "2023-12" / "bao-cao.txt"
    (old,) = _registered(db, raw_copy)
    _load(db, raw_copy)
    old_rows = _staged(db)
    report.write_text(report.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # corrected in place
    _registered(db, raw_copy)
    _load(db, raw_copy)
    staged = _staged(db)
    pd.testing.assert_frame_equal(
        staged[staged["submission_id"] == old.submission_id].reset_index(drop=True), old_rows
    )
    assert _statuses_by_version(db) == [(1, "superseded"), (2, "loaded")]


def test_a_parser_crash_is_a_rejection(db, raw_copy):
    (submission,) = _registered(db, raw_copy)

    def broken_parser(path: Path, raw_root: Path) -> ParseResult:
        raise RuntimeError("bug")

    outcome = parse_one(raw_copy, submission, broken_parser)
    assert outcome.error == "lai-chau/2023-12/bao-cao.txt: parser failed: RuntimeError('bug')"
    assert not outcome.parsed


def test_dbt_tables_made_before_scope_are_dropped_to_be_rebuilt(db):
    db.execute("create schema marts; create schema intermediate")
    db.execute("create table marts.fct_old (period date)")
    db.execute("create table marts.fct_new (period date, report_period date)")
    db.execute("create table marts.dim_areas (area_code varchar)")
    db.execute("create table intermediate.int_figures__latest (period date)")
    assert drop_incremental_tables_before_scope(db) == ["intermediate.int_figures__latest", "marts.fct_old"]
    tables = {name for (name,) in db.execute("select table_name from information_schema.tables").fetchall()}
    assert {"fct_new", "dim_areas"} <= tables and not {"fct_old", "int_figures__latest"} & tables
    assert drop_incremental_tables_before_scope(db) == []
