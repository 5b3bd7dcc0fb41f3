import dagster as dg

from pipelines.defs.automation import raw_files_sensor
from pipelines.defs.resources import RawFolder


def _tick(raw, cursor=None) -> tuple[list[dg.RunRequest], str]:
    context = dg.build_sensor_context(cursor=cursor, resources={"raw": RawFolder(path=str(raw))})
    requests = list(raw_files_sensor(context))
    return requests, context.cursor


def test_the_sensor_asks_for_the_months_whose_files_changed(raw_copy):
    requests, cursor = _tick(raw_copy)
    assert [r.partition_key for r in requests] == ["2023-12-01"]
    assert _tick(raw_copy, cursor)[0] == []
    (raw_copy / "lai-chau" / "2023-11").mkdir()
    (raw_copy / "lai-chau" / "2023-11" / "bao-cao.txt").write_text("tháng 11", encoding="utf-8")
    requests, _ = _tick(raw_copy, cursor)
    assert [r.partition_key for r in requests] == ["2023-11-01"]


def test_the_sensor_skips_months_outside_the_partitions(raw_copy):
    (raw_copy / "lai-chau" / "2014-12").mkdir()
    (raw_copy / "lai-chau" / "2014-12" / "bao-cao.txt").write_text("tháng 12 năm 2014", encoding="utf-8")
    requests, _ = _tick(raw_copy)
    assert [r.partition_key for r in requests] == ["2023-12-01"]
