"""The `agristat parse` and `query` commands on real files, and the Dagster definitions."""

import json

import dagster as dg

from pipelines.definitions import build_definitions
from pipelines.defs.partitions import monthly_partitions


def test_parse_prints_the_figures_as_jsonl(agristat, sample_report):
    process = agristat("parse", str(sample_report), "--format", "jsonl")
    assert process.returncode == 0, process.stderr
    records = [json.loads(line) for line in process.stdout.splitlines()]
    herds = {
        r["category"]: r["value"]
        for r in records
        if r["record"] == "figure" and r["indicator"] == "livestock_herd"
    }
    assert herds["main_livestock"] == 353350
    assert any(r["record"] == "unrecognised" for r in records)


def test_parse_shows_a_table_by_default(agristat, sample_report):
    process = agristat("parse", str(sample_report))
    assert process.returncode == 0, process.stderr
    assert "livestock_herd" in process.stdout and "numbers not understood" in process.stdout


def test_parse_names_an_unreadable_file(agristat, tmp_path):
    process = agristat("parse", str(tmp_path / "missing.txt"))
    assert process.returncode == 2
    assert "cannot read" in process.stderr and "missing.txt" in process.stderr


def test_parse_reports_a_month_that_disagrees_with_the_folder(agristat, sample_report, tmp_path):
    moved = tmp_path / "raw" / "lai-chau" / "2023-11" / "bao-cao.txt"
    moved.parent.mkdir(parents=True)
    moved.write_bytes(sample_report.read_bytes())
    process = agristat("parse", str(moved), "--format", "csv")
    assert process.returncode == 1
    assert "lai-chau/2023-11/bao-cao.txt" in process.stderr


def test_query_without_a_snapshot_says_to_build_first(agristat, tmp_path):
    process = agristat("query", "--warehouse", str(tmp_path), "select 1")
    assert process.returncode == 1
    assert "run `agristat build` first" in process.stderr


def test_definitions_partition_every_asset_by_month_with_single_run_backfills():
    defs = build_definitions()
    graph = defs.resolve_asset_graph()
    keys = {key.to_user_string() for key in graph.get_all_asset_keys()}
    assert {
        "raw_submissions",
        "staging_figures",
        "marts/fct_livestock_herds",
        "published_warehouse",
        "livestock_herd_series",
    } <= keys
    for key in graph.get_all_asset_keys():
        node = graph.get(key)
        assert node.partitions_def == monthly_partitions, key
        assert node.backfill_policy == dg.BackfillPolicy.single_run(), key
    (check,) = [c for c in graph.asset_check_keys if c.name == "staging_figures_schema"]
    assert graph.get_check_spec(check).blocking
