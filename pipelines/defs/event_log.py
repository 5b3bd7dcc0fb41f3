"""Dagster's SQLite event log, storing a batch of asset events in one transaction per database.

A run over a range of months logs one materialization (and one planned event) per asset and
month: a ten-year backfill of ~60 assets is ~14,000 events. Dagster's SQLite storage opens a
new connection and commits twice for every event (about 15 ms each, most of a backfill's time).
Dagster hands a step's per-month events over as one batch when `DAGSTER_EVENT_BATCH_SIZE` is
set, but the SQLite storage then stores them one by one; this one writes a batch's asset events
in one transaction on the run's database and one on the index. What is stored is the same.

Configured in dagster.yaml and by `agristat build`; it relies on Dagster's SQL event log
internals, which is why dagster is pinned to one minor version in pyproject.toml.
"""

import os
from collections import OrderedDict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from itertools import groupby
from typing import Any

from dagster._core.events import ASSET_EVENTS
from dagster._core.events.log import EventLogEntry
from dagster._core.storage.asset_check_execution_record import AssetCheckExecutionRecordStatus
from dagster._core.storage.event_log import SqliteEventLogStorage
from dagster._core.storage.event_log.schema import AssetCheckExecutionsTable
from dagster._core.storage.event_log.sqlite.sqlite_event_log import SQLITE_BUSY_TIMEOUT_SECONDS
from dagster._core.storage.sqlalchemy_compat import db_result
from dagster._serdes import ConfigurableClassData, serialize_value
from sqlalchemy import create_engine
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.event import listen
from sqlalchemy.pool import SingletonThreadPool

# The index and the runs' databases kept open: a run writes its own and the index.
OPEN_DATABASES = 3
# Larger than any step's batch (assets x months of one output), so a batch is written whole
# when Dagster says it ends.
EVENT_BATCH_SIZE = "100000"


def _synchronous_normal(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.execute("PRAGMA synchronous=NORMAL")


def _is_asset_event(event: EventLogEntry) -> bool:
    return event.is_dagster_event and event.dagster_event_type in ASSET_EVENTS


class BatchedSqliteEventLogStorage(SqliteEventLogStorage):
    """`SqliteEventLogStorage` whose `store_event_batch` writes asset events in one transaction."""

    def __init__(self, base_dir: str, inst_data: ConfigurableClassData | None = None) -> None:
        self._engines: OrderedDict[str, Engine] = OrderedDict()
        super().__init__(base_dir, inst_data)
        # Dagster reads these per event, in every process that has an instance (webserver,
        # daemon, run worker, `agristat build`): it only hands batches to a storage when the
        # first is set; with the second, a run over many months plans each asset in one event
        # instead of one per month (Dagster then shows the months of a failed run as missing
        # rather than failed; audit.submissions and `agristat status` say what failed).
        os.environ.setdefault("DAGSTER_EVENT_BATCH_SIZE", EVENT_BATCH_SIZE)
        os.environ.setdefault("DAGSTER_EMIT_PARTITION_SUBSET_IN_PLANNED_EVENTS", "1")

    @classmethod
    def from_config_value(
        cls, inst_data: ConfigurableClassData | None, config_value: Mapping[str, Any]
    ) -> "BatchedSqliteEventLogStorage":
        return cls(inst_data=inst_data, **config_value)

    @contextmanager
    def _connect(self, shard: str) -> Iterator[Connection]:
        """Dagster's, but keeping each database's engine and its open connection.

        Dagster created an engine, connected and disposed for every statement; closing the last
        connection to a WAL database checkpoints it to disk, so every event cost a checkpoint
        (a dbt test's result took ~40 ms to store). The index and the latest run databases stay
        open here; WAL lets other processes (the webserver) read and write meanwhile.
        """
        with self._db_lock:
            engine = self._engine(shard)
            with engine.connect() as conn, conn.begin():
                yield conn

    def _engine(self, shard: str) -> Engine:
        engine = self._engines.pop(shard, None)
        if engine is None:
            engine = create_engine(
                self.conn_string_for_shard(shard),
                poolclass=SingletonThreadPool,
                connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS},
            )
            # In WAL mode, NORMAL never corrupts the database; a power cut may lose the last
            # events, which the run's own record (audit tables) does not depend on.
            listen(engine, "connect", _synchronous_normal)
            if shard not in self._initialized_dbs:
                self._initdb(engine)
                self._initialized_dbs.add(shard)
        self._engines[shard] = engine
        while len(self._engines) > OPEN_DATABASES:
            self._engines.popitem(last=False)[1].dispose()
        return engine

    def dispose(self) -> None:
        super().dispose()
        with self._db_lock:
            while self._engines:
                self._engines.popitem()[1].dispose()

    def store_event_batch(self, events: Sequence[EventLogEntry]) -> None:
        """Runs of consecutive asset events of one run go in together; other events one by one."""
        for (run_id, is_asset), group in groupby(events, key=lambda e: (e.run_id, _is_asset_event(e))):
            group = list(group)
            if is_asset and len(group) > 1:
                self._store_asset_events(run_id, group)
            else:
                for event in group:
                    self.store_event(event)

    def _store_asset_check_evaluation_planned(self, event: EventLogEntry, event_id: int | None) -> None:
        """Dagster's, but serializing the event once: it wrote one row per check and month, each
        with the event serialized again (a ten-year run's dbt tests took 11 s for that)."""
        planned = event.get_dagster_event().event_specific_data
        subset = planned.partitions_subset
        partition_keys = subset.get_partition_keys() if subset else [None]
        row = {
            "asset_key": planned.asset_key.to_string(),
            "check_name": planned.check_name,
            "run_id": event.run_id,
            "execution_status": AssetCheckExecutionRecordStatus.PLANNED.value,
            "evaluation_event": serialize_value(event),
            "evaluation_event_timestamp": self._event_insert_timestamp(event),
            "evaluation_event_storage_id": event_id,
        }
        with self.index_connection() as conn:
            rows = [{**row, "partition": key} for key in partition_keys]
            conn.execute(AssetCheckExecutionsTable.insert(), rows)

    def _store_asset_events(self, run_id: str, events: list[EventLogEntry]) -> None:
        """What `store_event` does for each asset event, in two transactions for all of them."""
        statements = [self.prepare_insert_event(event) for event in events]
        with self.run_connection(run_id) as conn:
            for statement in statements:
                conn.execute(statement)
        with self.index_transaction() as conn:
            event_ids = []
            for statement in statements:
                with db_result(conn, statement) as result:
                    event_ids.append(result.inserted_primary_key[0])
            self._store_asset_event_tags(conn, events, event_ids)
            for event, event_id in _last_of_each_kind(events, event_ids):
                self._store_asset_event(conn, event, event_id)


def _last_of_each_kind(
    events: Sequence[EventLogEntry], event_ids: Sequence[int]
) -> list[tuple[EventLogEntry, int]]:
    """The last event of each asset and event type, in the batch's order.

    An asset's row in the index (its last run, last materialization) is overwritten by each of
    its events in turn, the same columns by events of the same type: writing only the last one
    of each type leaves the row as writing them all would, with one statement instead of 120.
    """
    last: dict[tuple[str, str], int] = {}
    for position, event in enumerate(events):
        last[(event.get_dagster_event().asset_key.to_string(), event.dagster_event_type)] = position
    return [(events[i], event_ids[i]) for i in sorted(last.values())]


def storage_overrides(home: str) -> dict[str, Any]:
    """Instance settings for storage under `home`: Dagster's SQLite layout (history/runs.db,
    history/runs/<run>.db, schedules/), with this event log. dagster.yaml says the same."""
    return {
        "run_storage": {
            "module": "dagster._core.storage.runs",
            "class": "SqliteRunStorage",
            "config": {"base_dir": f"{home}/history"},
        },
        "event_log_storage": {
            "module": __name__,
            "class": BatchedSqliteEventLogStorage.__name__,
            "config": {"base_dir": f"{home}/history/runs"},
        },
        "schedule_storage": {
            "module": "dagster._core.storage.schedules",
            "class": "SqliteScheduleStorage",
            "config": {"base_dir": f"{home}/schedules"},
        },
    }
