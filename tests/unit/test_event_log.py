"""The batched SQLite event log stores what Dagster's own stores, for a run over a range of months."""

from pathlib import Path

import dagster as dg
import pytest
import yaml
from dagster._core.storage.event_log.schema import AssetCheckExecutionsTable

from pipelines.defs.event_log import BatchedSqliteEventLogStorage, storage_overrides

PROJECT_ROOT = Path(__file__).resolve().parents[2]
MONTHS = dg.MonthlyPartitionsDefinition(start_date="2024-01-01", end_date="2024-06-01")


@dg.asset(partitions_def=MONTHS, backfill_policy=dg.BackfillPolicy.single_run())
def upstream() -> None:
    return None


@dg.asset(partitions_def=MONTHS, backfill_policy=dg.BackfillPolicy.single_run(), deps=[upstream])
def downstream() -> None:
    return None


@dg.asset_check(asset=downstream, partitions_def=MONTHS)
def downstream_adds_up() -> dg.AssetCheckResult:
    return dg.AssetCheckResult(passed=True)


@pytest.fixture(autouse=True)
def dagster_batching(monkeypatch):
    """Both instances get the same event stream: the settings the batched storage turns on (it
    sets them for the process; monkeypatch removes them after each test)."""
    monkeypatch.setenv("DAGSTER_EVENT_BATCH_SIZE", "100000")
    monkeypatch.setenv("DAGSTER_EMIT_PARTITION_SUBSET_IN_PLANNED_EVENTS", "1")


def _run_months(home: Path, overrides: dict) -> dg.DagsterInstance:
    """Run both assets over Jan..Apr 2024 in one run; return the instance (open)."""
    job = dg.Definitions(
        assets=[upstream, downstream],
        asset_checks=[downstream_adds_up],
        jobs=[dg.define_asset_job("months", selection="*")],
    ).resolve_job_def("months")
    home.mkdir(parents=True, exist_ok=True)
    instance = dg.DagsterInstance.local_temp(
        tempdir=str(home), overrides={"telemetry": {"enabled": False}, **overrides}
    )
    result = job.execute_in_process(
        instance=instance,
        tags={
            "dagster/asset_partition_range_start": "2024-01-01",
            "dagster/asset_partition_range_end": "2024-04-01",
        },
    )
    assert result.success
    return instance


def _stored(instance: dg.DagsterInstance) -> dict:
    run_id = instance.get_runs(limit=1)[0].run_id
    return {
        "events": sorted(
            (e.dagster_event_type.value, str(e.dagster_event.asset_key), str(e.dagster_event.partition))
            for e in instance.all_logs(run_id)
            if e.is_dagster_event and e.dagster_event.asset_key
        ),  # planned events have no partition: they name the run's months as a subset
        "materialized": {
            key.to_user_string(): sorted(instance.get_materialized_partitions(key))
            for key in (upstream.key, downstream.key)
        },
        "checks": sorted(
            (row.check_name, str(row.partition), row.execution_status) for row in _check_rows(instance)
        ),
        "latest": {
            key.to_user_string(): instance.get_latest_materialization_event(key).dagster_event.partition
            for key in (upstream.key, downstream.key)
        },
        # The index's row per asset: its last materialization and its last event's time.
        "asset_rows": [
            (
                record.asset_entry.last_materialization_record.storage_id,
                record.asset_entry.last_materialization.dagster_event.partition,
                record.asset_entry.last_run_id == run_id,
            )
            for record in instance.get_asset_records([upstream.key, downstream.key])
        ],
    }


def _check_rows(instance: dg.DagsterInstance) -> list:
    with instance.event_log_storage.index_connection() as conn:
        return conn.execute(AssetCheckExecutionsTable.select()).fetchall()


def test_a_range_run_stores_the_same_events_and_partitions_as_dagsters_storage(tmp_path):
    with _run_months(tmp_path / "plain", {}) as plain:
        expected = _stored(plain)
    with _run_months(tmp_path / "batched", storage_overrides(str(tmp_path / "batched"))) as batched:
        assert isinstance(batched.event_log_storage, BatchedSqliteEventLogStorage)
        stored = _stored(batched)
    assert stored["materialized"] == {
        "upstream": ["2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01"],
        "downstream": ["2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01"],
    }
    assert [c for c in stored["checks"] if c[2] == "PLANNED"] == [
        ("downstream_adds_up", month, "PLANNED")
        for month in ("2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01")
    ]
    assert stored == expected


def test_batches_are_written_whole(tmp_path, monkeypatch):
    """Each asset's four months reach the storage as one batch, not as four single events."""
    batches: list[int] = []
    original = BatchedSqliteEventLogStorage._store_asset_events

    def spy(self, run_id, events):
        batches.append(len(events))
        original(self, run_id, events)

    monkeypatch.setattr(BatchedSqliteEventLogStorage, "_store_asset_events", spy)
    with _run_months(tmp_path, storage_overrides(str(tmp_path))):
        pass
    assert batches.count(4) >= 2  # the materializations of each asset, at least


@pytest.mark.parametrize("key", ["run_storage", "event_log_storage", "schedule_storage"])
def test_dagster_yaml_uses_the_same_storage_as_the_cli(key):
    config = yaml.safe_load((PROJECT_ROOT / "dagster.yaml").read_text(encoding="utf-8"))
    assert config[key] == storage_overrides("warehouse/dagster")[key]
