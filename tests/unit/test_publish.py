import duckdb

from pipelines.warehouse.db import connect
from pipelines.warehouse.publish import publish_snapshot


def _working_database(path, herd: int) -> None:
    with connect(path) as con:
        con.execute("create schema if not exists marts")
        con.execute("create or replace table marts.fct_livestock_herds as select ? as head_count", [herd])
        con.execute(
            'create or replace view marts.v_herds as select * from "agristat".marts.fct_livestock_herds'
        )


def test_the_snapshot_is_a_readable_v1_copy_with_no_leftovers(tmp_path):
    source = tmp_path / "agristat.duckdb"
    _working_database(source, 353350)
    target = tmp_path / "published" / "agristat.duckdb"
    assert publish_snapshot(source, target) == target
    with duckdb.connect(str(target), read_only=True) as con:
        assert con.execute("select head_count from marts.fct_livestock_herds").fetchall() == [(353350,)]
        assert con.execute("select head_count from marts.v_herds").fetchall() == [(353350,)]
        (tags,) = con.execute(
            "select tags from duckdb_databases() where database_name = current_database()"
        ).fetchone()
    assert tags["storage_version"].startswith("v1.0.0")
    assert [p.name for p in target.parent.iterdir()] == ["agristat.duckdb"]


def test_publishing_again_replaces_the_file_while_a_reader_keeps_the_old_one(tmp_path):
    source = tmp_path / "agristat.duckdb"
    target = tmp_path / "published" / "agristat.duckdb"
    _working_database(source, 1)
    publish_snapshot(source, target)
    with duckdb.connect(str(target), read_only=True) as analyst:
        _working_database(source, 2)
        publish_snapshot(source, target)
        assert analyst.execute("select head_count from marts.fct_livestock_herds").fetchall() == [(1,)]
    with duckdb.connect(str(target), read_only=True) as con:
        assert con.execute("select head_count from marts.fct_livestock_herds").fetchall() == [(2,)]


def test_the_snapshot_has_no_index_duckdb_1_0_could_not_read(tmp_path):
    source = tmp_path / "agristat.duckdb"
    with connect(source) as con:
        con.execute("create schema audit")
        con.execute(
            "create table audit.submissions (submission_id varchar primary key, path varchar not null)"
        )
        con.execute("create table audit.paths (path varchar unique)")
        con.execute("create index by_path on audit.submissions (path)")
        con.execute("insert into audit.submissions values ('a', 'lai-chau/2023-12/bao-cao.txt')")
    target = publish_snapshot(source, tmp_path / "published" / "agristat.duckdb")
    with duckdb.connect(str(target), read_only=True) as con:
        assert con.execute("select * from audit.submissions").fetchall() == [
            ("a", "lai-chau/2023-12/bao-cao.txt")
        ]
        assert con.execute("select count(*) from duckdb_indexes()").fetchone() == (0,)
        assert con.execute(
            "select count(*) from duckdb_constraints() where constraint_type in ('PRIMARY KEY', 'UNIQUE')"
        ).fetchone() == (0,)
