import json
import os
import time
from datetime import date
from pathlib import Path

from dagster_dbt import DbtProject

from pipelines.defs.partitions import monthly_partitions, partition_key, partition_range_tags
from pipelines.defs.resources import Warehouse, manifest_is_stale
from pipelines.defs.transform import dbt_build_args, dbt_window_env, environment, record_dbt_checks
from pipelines.warehouse.db import ensure_schema


def test_the_window_goes_to_dbt_as_a_half_open_window_in_the_environment():
    assert dbt_window_env(date(2023, 12, 1), date(2024, 1, 1)) == {
        "AGRISTAT_PERIOD_START": "2023-12-01",
        "AGRISTAT_PERIOD_END": "2024-01-01",
    }


def test_dbt_build_args_pass_only_the_warehouse_as_vars():
    """The same vars every run: dbt parses the whole project again when its vars change."""
    command, flag, payload = dbt_build_args(Path("/w"))
    assert (command, flag) == ("build", "--vars")
    assert json.loads(payload) == {"warehouse_dir": "/w"}


def test_environment_is_restored_after_the_dbt_call(monkeypatch):
    monkeypatch.setenv("AGRISTAT_PERIOD_START", "before")
    monkeypatch.delenv("AGRISTAT_PERIOD_END", raising=False)
    with environment({"AGRISTAT_PERIOD_START": "2024-01-01", "AGRISTAT_PERIOD_END": "2024-02-01"}):
        assert os.environ["AGRISTAT_PERIOD_START"] == "2024-01-01"
        assert os.environ["AGRISTAT_PERIOD_END"] == "2024-02-01"
    assert os.environ["AGRISTAT_PERIOD_START"] == "before"
    assert "AGRISTAT_PERIOD_END" not in os.environ


def test_partitions_start_in_2000_for_the_archives_and_reach_the_current_month():
    assert monthly_partitions.get_first_partition_key() == "2000-01-01"
    today = date.today()
    assert partition_key(today.replace(day=1)) == monthly_partitions.get_last_partition_key()


def test_a_single_run_covers_first_to_last_month():
    assert partition_range_tags(date(2023, 1, 1), date(2023, 12, 1)) == {
        "dagster/asset_partition_range_start": "2023-01-01",
        "dagster/asset_partition_range_end": "2023-12-01",
    }


def _project(tmp_path: Path) -> DbtProject:
    (tmp_path / "models").mkdir()
    (tmp_path / "dbt_project.yml").write_text("name: scratch\nprofile: scratch\n", encoding="utf-8")
    return DbtProject(project_dir=tmp_path)


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_the_manifest_is_stale_when_missing_or_older_than_a_project_file(tmp_path):
    project = _project(tmp_path)
    assert manifest_is_stale(project)
    model = tmp_path / "models" / "fct.sql"
    model.write_text("select 1", encoding="utf-8")
    _age(model, 60)
    _age(tmp_path / "dbt_project.yml", 60)
    project.manifest_path.parent.mkdir()
    project.manifest_path.write_text("{}", encoding="utf-8")
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "dbt.log").write_text("newer, but generated", encoding="utf-8")
    assert not manifest_is_stale(project)
    model.write_text("select 2", encoding="utf-8")
    assert manifest_is_stale(project)


def test_the_outcomes_of_a_dbt_build_are_recorded_per_loaded_submission(tmp_path):
    warehouse = Warehouse(path=str(tmp_path))
    with warehouse.connect() as con:
        ensure_schema(con)
        con.execute(
            "insert into audit.submissions values ('jan2', 'lai-chau/2024-01/b.txt', 'x', 1, '12',"
            " date '2024-01-01', timestamp '2024-02-01', 2, 'loaded', null)"
        )
    manifest = {
        "nodes": {
            "test.agristat.herd_species_add_up_to_main_livestock": {
                "resource_type": "test",
                "name": "herd_species_add_up_to_main_livestock",
                "config": {"severity": "warn", "store_failures": True},
            }
        }
    }
    run_results = {
        "results": [{"unique_id": "test.agristat.herd_species_add_up_to_main_livestock", "status": "pass"}]
    }
    (result,) = record_dbt_checks(warehouse, run_results, manifest, date(2024, 1, 1), date(2024, 2, 1))
    assert (result.submission_id, result.passed, result.severity) == ("jan2", True, "warn")
    with warehouse.connect(read_only=True) as con:
        assert con.execute("select check_name, passed from audit.check_results").fetchall() == [
            ("herd_species_add_up_to_main_livestock", True)
        ]
