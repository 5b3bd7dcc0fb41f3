"""Two consecutive months through the real Dagster assets and dbt, month by month.

December 2023 is the sample; January 2024 (tests/data/raw) is the sample with known changes (pigs
235.000 -> 233.000, buffalo 92.760 -> 92.800, cooperatives 183 -> 185, resettlement disbursed
22.397 -> 30.000, ...) and one deliberate inconsistency: 13 forest violations whose types add up
to 12. Both months load in one run (a single-run backfill of their partitions); a corrected
January then drops the poultry figure and fixes the total, and its partition runs alone, so the
facts are updated incrementally; a plain `dbt build --full-refresh` must then give the same tables.
"""

import os
import shutil
import subprocess
import sys
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipelines.definitions import build_definitions
from pipelines.defs.partitions import partition_range_tags
from pipelines.defs.resources import DBT_PROJECT_DIR

pytestmark = pytest.mark.slow

REPO_ROOT = Path(__file__).resolve().parents[2]
JANUARY_REPORT = REPO_ROOT / "tests" / "data" / "raw" / "lai-chau" / "2024-01" / "bao-cao.txt"
DECEMBER, JANUARY = date(2023, 12, 1), date(2024, 1, 1)
POULTRY_SENTENCE = " Tổng đàn gia cầm ước đạt 1.850 \n\nnghìn con."


@dataclass(frozen=True)
class Warehouse:
    """The working database after each step, as {table: sorted rows} snapshots and a query helper."""

    root: Path
    first_run: dg.ExecuteInProcessResult
    corrected_run: dg.ExecuteInProcessResult
    before_correction: dict[str, list[tuple]]
    after_correction: dict[str, list[tuple]]
    after_full_refresh: dict[str, list[tuple]]
    full_refresh: subprocess.CompletedProcess[str]

    def query(self, sql: str, params: list[object] | dict[str, object] | None = None) -> list[tuple]:
        with duckdb.connect(str(self.root / "agristat.duckdb"), read_only=True) as con:
            return con.execute(sql, params or []).fetchall()


def _fact_tables(database: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(database), read_only=True) as con:
        names = [
            name
            for (name,) in con.execute(
                "select table_name from information_schema.tables"
                " where table_schema = 'marts' and table_name like 'fct_%' order by table_name"
            ).fetchall()
        ]
        return {
            name: sorted(con.execute(f"select * from marts.{name}").fetchall(), key=repr) for name in names
        }


def _partition_run(keys: list[dg.AssetKey], first: date, last: date) -> dg.ExecuteInProcessResult:
    """Register, parse, check and dbt-build the months first..last in one Dagster run, the way a
    partition (or a single-run backfill of a range) runs."""
    defs = build_definitions()
    job = defs.resolve_implicit_global_asset_job_def()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return job.execute_in_process(
            tags=partition_range_tags(first, last),
            asset_selection=keys,
            instance=dg.DagsterInstance.ephemeral(),
            raise_on_error=False,
        )


def _ingest_and_models(month_keys_from: dg.Definitions) -> list[dg.AssetKey]:
    graph = month_keys_from.resolve_asset_graph()
    return [
        key for key in graph.get_all_asset_keys() if graph.get(key).group_name not in ("publish", "exports")
    ]


def _full_refresh(warehouse: Path, scratch: Path) -> subprocess.CompletedProcess[str]:
    """Plain dbt, without Dagster and without vars: every month rebuilt from staging."""
    dbt = str(Path(sys.executable).with_name("dbt"))
    env = {**os.environ, "AGRISTAT_WAREHOUSE_DIR": str(warehouse)}
    return subprocess.run(
        [
            dbt, "build", "--full-refresh",
            "--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR),
            "--target-path", str(scratch / "target"), "--log-path", str(scratch / "logs"),
        ],
        capture_output=True, text=True, env=env, cwd=DBT_PROJECT_DIR, timeout=600,
    )  # fmt: skip


@pytest.fixture(scope="module")
def months(tmp_path_factory: pytest.TempPathFactory, sample_raw: Path) -> Iterator[Warehouse]:
    root = tmp_path_factory.mktemp("models")
    raw = Path(shutil.copytree(sample_raw, root / "raw"))
    january = raw / "lai-chau" / "2024-01"
    january.mkdir(parents=True)
    shutil.copy(JANUARY_REPORT, january / "bao-cao.txt")
    warehouse = root / "warehouse"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("AGRISTAT_RAW_DIR", str(raw))
        env.setenv("AGRISTAT_WAREHOUSE_DIR", str(warehouse))
        keys = _ingest_and_models(build_definitions())
        first_run = _partition_run(keys, DECEMBER, JANUARY)
        before = _fact_tables(warehouse / "agristat.duckdb")

        text = JANUARY_REPORT.read_text(encoding="utf-8")
        assert POULTRY_SENTENCE in text and "hiện là 13 vụ" in text
        corrected = text.replace(POULTRY_SENTENCE, "").replace("hiện là 13 vụ", "hiện là 12 vụ")
        (january / "z-bao-cao-sua.txt").write_text(corrected, encoding="utf-8")
        corrected_run = _partition_run(keys, JANUARY, JANUARY)
        after = _fact_tables(warehouse / "agristat.duckdb")

        full_refresh = _full_refresh(warehouse, root / "dbt")
        yield Warehouse(
            root=warehouse,
            first_run=first_run,
            corrected_run=corrected_run,
            before_correction=before,
            after_correction=after,
            after_full_refresh=_fact_tables(warehouse / "agristat.duckdb"),
            full_refresh=full_refresh,
        )


def _herds(rows: list[tuple], month: date) -> dict[str, int]:
    """The province's month herds by species (columns: period, report_period, province_code,
    area_code, scope, species, head_count, ...)."""
    return {
        species: count
        for period, _, _, area, scope, species, count, *_ in rows
        if period == month and area == "12" and scope == "month"
    }


def test_every_partition_run_completes_although_warnings_fail(months):
    for run in (months.first_run, months.corrected_run):
        assert run.success


def test_the_facts_of_both_months(months):
    herds = months.before_correction["fct_livestock_herds"]
    assert _herds(herds, DECEMBER) == {
        "main_livestock": 353350,
        "buffalo": 92760,
        "cattle": 25590,
        "pig": 235000,
        "poultry": 1809000,
    }
    assert _herds(herds, JANUARY) == {
        "main_livestock": 351390,
        "buffalo": 92800,
        "cattle": 25590,
        "pig": 233000,
        "poultry": 1850000,
    }
    (project_3,) = months.query(
        "select allocated_mvnd, disbursed_mvnd, computed_rate_pct from marts.fct_capital_disbursements"
        " where period = ? and project = 'project_3_sub_1' and allocation_year = 2023",
        [DECEMBER],
    )
    assert project_3[:2] == (13750, 14200) and project_3[2] == pytest.approx(103.27, abs=0.01)


def test_every_figure_of_the_newest_version_lands_in_one_fact_cell(months):
    """A figure the report does not state is absent, and every stated one is somewhere."""
    rows = months.query("select fact_table, fact_measure from marts.dim_indicators")
    columns = set(
        months.query(
            "select table_name, column_name from information_schema.columns where table_schema = 'marts'"
        )
    )
    counts = []
    for table, measure in rows:
        if (table, measure) in columns:  # a wide fact: the measure is a column
            counts.append(f"select count({measure}) as n from marts.{table} where period = $month")
        else:  # a long fact: the measure is a value of its activity or measure column
            label = "activity" if (table, "activity") in columns else "measure"
            counts.append(
                f"select count(*) as n from marts.{table} where period = $month and {label} = '{measure}'"
            )
    ((cells,),) = months.query(f"select sum(n) from ({' union all '.join(counts)})", {"month": JANUARY})
    ((figures,),) = months.query(
        "select count(*) from intermediate.int_figures__latest where period = $month", {"month": JANUARY}
    )
    # The corrected January states 143 levels: the 144 of the first version (its 145 figures less one
    # change, "tăng 55 ha", which stays in staging) less the poultry herd the correction drops.
    assert figures == 143 and cells == figures


def test_trends_give_the_change_on_the_month_before(months):
    pig = months.query(
        "select period, head_count, mom_change, mom_change_pct, yoy_change from marts.v_livestock_herd_trends"
        " where species = 'pig' and area_code = '12' order by period"
    )
    assert pig[0] == (DECEMBER, 235000, None, None, None)
    assert pig[1][:3] == (JANUARY, 233000, -2000)
    assert pig[1][3] == pytest.approx(-2000 / 235000 * 100) and pig[1][4] is None
    (violations,) = months.query(
        "select cases, mom_change, mom_change_pct from marts.v_forest_violation_trends"
        " where period = ? and violation_type = 'all'",
        [JANUARY],
    )
    assert violations[:2] == (12, -3) and violations[2] == pytest.approx(-20.0)
    (cooperatives,) = months.query(
        "select mom_change, mom_change_pct from marts.v_cooperative_trends"
        " where period = ? and sector = 'all' and area_code = '12'",
        [JANUARY],
    )
    assert cooperatives[0] == 2 and cooperatives[1] == pytest.approx(2 / 183 * 100)
    (capital,) = months.query(
        "select mom_change from marts.v_capital_disbursement_trends"
        " where period = ? and program = 'resettlement' and allocation_year = 2023",
        [JANUARY],
    )
    assert capital == (30000 - 22397,)
    ocop = months.query("select mom_change from marts.v_ocop_product_trends where period = ?", [JANUARY])
    assert ocop and all(change == 0 for (change,) in ocop)


def _failed_checks(months) -> set[tuple[date, str, str, str]]:
    return set(
        months.query(
            """
            select c.period, c.check_name, c.severity, s.path
            from audit.check_results as c
            join audit.submissions as s using (submission_id)
            where not c.passed
            """
        )
    )


def test_failed_checks_are_recorded_with_their_month_submission_and_numbers(months):
    assert _failed_checks(months) == {
        (DECEMBER, "capital_disbursed_within_allocated", "warn", "lai-chau/2023-12/bao-cao.txt"),
        (JANUARY, "capital_disbursed_within_allocated", "warn", "lai-chau/2024-01/bao-cao.txt"),
        (JANUARY, "violation_types_add_up", "warn", "lai-chau/2024-01/bao-cao.txt"),
        # The corrected January still disburses 14.200 of 13.750 for Project 3, sub-project 1.
        (JANUARY, "capital_disbursed_within_allocated", "warn", "lai-chau/2024-01/z-bao-cao-sua.txt"),
    }
    (details,) = months.query(
        "select details from audit.check_results where check_name = 'violation_types_add_up' and not passed"
    )[0]
    assert "stated cases 13 but the parts add up to 12" in details
    assert "illegal_deforestation 6" in details


def test_every_check_has_one_outcome_per_month_and_submission(months):
    counts = months.query(
        """
        select check_name, period, submission_id, count(*)
        from audit.check_results
        group by all
        having count(*) > 1
        """
    )
    assert counts == []
    names = {name for (name,) in months.query("select distinct check_name from audit.check_results")}
    assert {
        "staging_figures_schema",
        "herd_species_add_up_to_main_livestock",
        "violation_types_add_up",
        "cooperative_sectors_add_up",
        "cooperative_districts_add_up",
        "capital_allocation_years_add_up",
        "capital_rate_agrees",
        "herd_month_over_month_within_30_pct",
        "unique_combination_of_columns_fct_livestock_herds_period__province_code__area_code__scope__species",
    } <= names
    passed = months.query(
        "select period, passed from audit.check_results"
        " where check_name = 'herd_species_add_up_to_main_livestock'"
    )
    assert sorted(passed) == [(DECEMBER, True), (JANUARY, True), (JANUARY, True)]


def test_dbt_tests_are_dagster_asset_checks_and_a_failed_warning_does_not_fail_the_run(months):
    evaluations = {e.check_name: e for e in months.first_run.get_asset_check_evaluations() if e.check_name}
    violation = evaluations["violation_types_add_up"]
    assert not violation.passed and violation.severity == dg.AssetCheckSeverity.WARN
    assert violation.asset_key == dg.AssetKey(["marts", "fct_forest_violations"])
    assert evaluations["staging_figures_schema"].passed
    assert evaluations["herd_species_add_up_to_main_livestock"].passed


def test_a_corrected_resubmission_replaces_the_month_and_drops_what_it_no_longer_states(months):
    herds = months.after_correction["fct_livestock_herds"]
    assert "poultry" not in _herds(herds, JANUARY)
    assert _herds(herds, DECEMBER)["poultry"] == 1809000
    versions = months.query(
        "select source_path, version, versions_of_month, submission_status, figures"
        " from marts.dim_submissions where period = ? order by version",
        [JANUARY],
    )
    assert versions == [
        ("lai-chau/2024-01/bao-cao.txt", 1, 2, "superseded", 145),
        ("lai-chau/2024-01/z-bao-cao-sua.txt", 2, 2, "loaded", 144),
    ]
    (used,) = months.query(
        "select distinct s.path from marts.fct_livestock_herds"
        " join audit.submissions as s using (submission_id) where fct_livestock_herds.period = ?",
        [JANUARY],
    )
    assert used == ("lai-chau/2024-01/z-bao-cao-sua.txt",)
    # The corrected version adds up; the first version's failure stays recorded with it.
    assert (JANUARY, "violation_types_add_up", "warn", "lai-chau/2024-01/bao-cao.txt") in _failed_checks(
        months
    )
    (corrected,) = months.query(
        "select passed from audit.check_results as c join audit.submissions as s using (submission_id)"
        " where c.check_name = 'violation_types_add_up' and s.path = 'lai-chau/2024-01/z-bao-cao-sua.txt'"
    )
    assert corrected == (True,)


def test_a_month_run_leaves_the_other_months_as_they_were(months):
    for table, rows in months.after_correction.items():
        december = [row for row in rows if row[0] == DECEMBER]
        assert december == [row for row in months.before_correction[table] if row[0] == DECEMBER], table


def test_a_full_refresh_by_plain_dbt_gives_the_same_tables(months):
    assert months.full_refresh.returncode == 0, months.full_refresh.stdout[-3000:]
    assert months.after_full_refresh == months.after_correction
