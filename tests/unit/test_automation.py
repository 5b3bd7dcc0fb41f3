import hashlib
import os
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import dagster as dg
import pytest

from pipelines.defs.automation import build_all, monthly_build, raw_files_sensor, run_key
from pipelines.defs.resources import RawFolder
from pipelines.warehouse.raw import scan_contents

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def _tick(raw, cursor=None) -> tuple[list[dg.RunRequest], str]:
    context = dg.build_sensor_context(cursor=cursor, resources={"raw": RawFolder(path=str(raw))})
    requests = list(raw_files_sensor(context))
    return requests, context.cursor


def _write(raw, relative: str, text: str):
    path = raw / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _key(relative: str, path) -> str:
    return f"{relative}@{hashlib.sha256(path.read_bytes()).hexdigest()}"


def test_the_schedule_runs_on_the_10th_at_7_in_vietnam():
    assert monthly_build.cron_schedule == "0 7 10 * *"
    assert monthly_build.execution_timezone == "Asia/Ho_Chi_Minh"
    assert monthly_build.job_name == build_all.name


@pytest.mark.parametrize(
    ("scheduled", "partition"),
    [
        (datetime(2024, 2, 10, 7, tzinfo=HANOI), "2024-01-01"),
        (datetime(2024, 1, 10, 7, tzinfo=HANOI), "2023-12-01"),
        # 00:30 UTC on 1 March is already 07:30 in Vietnam: February's run, whatever the host's zone.
        (datetime(2024, 3, 1, 0, 30, tzinfo=UTC), "2024-02-01"),
    ],
)
def test_the_schedule_requests_the_previous_month(scheduled, partition):
    context = dg.build_schedule_context(scheduled_execution_time=scheduled)
    request = monthly_build(context)
    assert request.partition_key == partition
    assert request.run_key == partition


def test_the_sensor_requests_a_new_month_once_and_a_changed_file_again(raw_copy):
    sample = raw_copy / "lai-chau" / "2023-12" / "bao-cao.txt"
    requests, cursor = _tick(raw_copy)
    assert [(r.partition_key, r.run_key) for r in requests] == [
        ("2023-12-01", run_key("2023-12-01", [_key("lai-chau/2023-12/bao-cao.txt", sample)]))
    ]
    assert _tick(raw_copy, cursor)[0] == []

    november = _write(raw_copy, "lai-chau/2023-11/bao-cao.txt", "tháng 11")
    requests, cursor = _tick(raw_copy, cursor)
    assert [r.partition_key for r in requests] == ["2023-11-01"]

    november.write_text("tháng 11, bản sửa", encoding="utf-8")
    requests, cursor = _tick(raw_copy, cursor)
    assert [(r.partition_key, r.run_key) for r in requests] == [
        ("2023-11-01", run_key("2023-11-01", [_key("lai-chau/2023-11/bao-cao.txt", november)]))
    ]
    assert _tick(raw_copy, cursor)[0] == []


def test_a_touched_or_removed_file_requests_nothing(raw_copy):
    sample = raw_copy / "lai-chau" / "2023-12" / "bao-cao.txt"
    _, cursor = _tick(raw_copy)
    os.utime(sample, ns=(0, 0))
    requests, cursor = _tick(raw_copy, cursor)
    assert requests == []
    sample.unlink()
    assert _tick(raw_copy, cursor)[0] == []


def test_the_same_bytes_give_the_same_run_key(raw_copy):
    """So Dagster skips a change it has already run, even after the cursor is reset."""
    first, _ = _tick(raw_copy)
    again, _ = _tick(raw_copy)
    assert [r.run_key for r in first] == [r.run_key for r in again]


def test_the_sensor_skips_months_outside_the_partitions(raw_copy):
    _write(raw_copy, "lai-chau/1999-12/bao-cao.txt", "tháng 12 năm 1999")
    requests, cursor = _tick(raw_copy)
    assert [r.partition_key for r in requests] == ["2023-12-01"]
    assert "lai-chau/1999-12/bao-cao.txt" in cursor  # remembered, so it is not reported every minute


def test_the_sensor_builds_an_archive_month_of_the_2000s(raw_copy):
    _write(raw_copy, "lai-chau/2003-05/bao-cao.txt", "tháng 5 năm 2003")
    requests, _ = _tick(raw_copy)
    assert sorted(r.partition_key for r in requests) == ["2003-05-01", "2023-12-01"]


def test_a_scan_hashes_only_files_whose_stamp_changed(tmp_path):
    path = _write(tmp_path, "lai-chau/2023-12/a.txt", "tổng đàn")
    first = scan_contents(tmp_path, {})
    stamp, sha256 = first["lai-chau/2023-12/a.txt"]
    assert sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    # A stale hash with the current stamp is trusted: the file is not read again.
    assert scan_contents(tmp_path, {"lai-chau/2023-12/a.txt": (stamp, "stale")}) == {
        "lai-chau/2023-12/a.txt": (stamp, "stale")
    }
