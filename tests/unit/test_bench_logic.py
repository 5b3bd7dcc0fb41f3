"""The benchmark's own logic: corpus cut, statement order, percentiles, targets (no timing here)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipelines.bench import (
    REQUIRED_KEYS,
    TARGETS,
    Scale,
    meets_targets,
    model_statements,
    percentile,
    prepare_corpus,
    spread,
)


def _model(name: str, materialized: str, sql: str, depends_on: list[str]) -> dict:
    return {
        "resource_type": "model",
        "config": {"materialized": materialized},
        "relation_name": f'"bench"."main"."{name}"',
        "compiled_code": sql,
        "depends_on": {"nodes": depends_on},
    }


def test_model_statements_build_dependencies_first_and_skip_ephemeral_models() -> None:
    manifest = {
        "nodes": {
            "model.p.fct": _model(
                "fct", "incremental", "select n * 2 as n from bench.main.stg", ["model.p.stg"]
            ),
            "model.p.stg": _model("stg", "view", "select 1 as n", []),
            "model.p.tmp": _model("tmp", "ephemeral", "select 1", []),
            "test.p.not_null": {"resource_type": "test", "config": {"materialized": "test"}},
            "model.p.trend": _model(
                "trend", "view", "select n from bench.main.fct", ["model.p.fct", "seed.p.x"]
            ),
        }
    }
    statements = model_statements(manifest)
    assert [s.split(" as\n")[0] for s in statements] == [
        'create or replace view "bench"."main"."stg"',
        'create or replace table "bench"."main"."fct"',
        'create or replace view "bench"."main"."trend"',
    ]
    with duckdb.connect() as con:
        con.execute("attach ':memory:' as bench")
        for statement in statements:
            con.execute(statement)
        assert con.execute("select n from bench.main.trend").fetchall() == [(2,)]


def test_percentile_is_the_nearest_rank() -> None:
    values = list(range(1, 101))
    assert percentile(values, 0.95) == 95
    assert percentile(values, 0.5) == 50
    assert percentile([7.0], 0.95) == 7.0


def test_spread_takes_items_evenly() -> None:
    items = [Path(str(i)) for i in range(10)]
    assert spread(items, 5) == [Path(str(i)) for i in (0, 2, 4, 6, 8)]
    assert spread(items[:3], 5) == items[:3]


def test_meets_targets_compares_each_way() -> None:
    good = {key: target for key, (_, target) in TARGETS.items()}
    assert all(meets_targets(good).values())
    bad = good | {"parse_reports_per_s": 10, "backfill_s": 500}
    assert meets_targets(bad) == {key: key not in ("parse_reports_per_s", "backfill_s") for key in TARGETS}


def test_prepare_corpus_cuts_the_first_the_backfill_and_the_next_month(tmp_path: Path) -> None:
    scale = Scale("test", provinces=2, months=2, parse_runs=1, query_runs=1, dbt_build=False)
    corpus = prepare_corpus(tmp_path, scale)

    def months(raw: Path) -> set[str]:
        return {path.parent.relative_to(raw).as_posix() for path in raw.glob("*/*/*.txt")}

    slugs = sorted(path.name for path in corpus.backfill.iterdir())
    assert len(slugs) == 2
    assert months(corpus.first) == {f"{slug}/2015-01" for slug in slugs}
    assert months(corpus.backfill) == {f"{slug}/{m}" for slug in slugs for m in ("2015-01", "2015-02")}
    assert months(corpus.next_month) == {f"{slug}/2015-03" for slug in slugs}
    assert corpus.first.resolve().is_relative_to(tmp_path.resolve())


def test_every_target_is_a_measure_every_run_reports() -> None:
    assert set(TARGETS) <= set(REQUIRED_KEYS)
