"""parse_all: a pool of processes gives the outcomes parsing one by one gives, in the same order."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from pipelines.parsing.areas import province_by_slug
from pipelines.parsing.report import parse_submission
from pipelines.synthetic.corpus import generate_corpus
from pipelines.warehouse import staging
from pipelines.warehouse.raw import find_submission_files
from pipelines.warehouse.staging import parse_all, parse_one
from pipelines.warehouse.submissions import register_files, submissions_between

WINDOW = (date(2015, 1, 1), date(2015, 4, 1))


def _province_code(slug: str) -> str | None:
    province = province_by_slug(slug)
    return province.code if province else None


def test_a_pool_gives_the_outcomes_of_parsing_one_by_one(db, tmp_path: Path, monkeypatch) -> None:
    raw = generate_corpus(tmp_path / "corpus", provinces=2, months=3).raw_dir
    (raw / "ha-noi" / "2015-02" / "bao-cao.txt").write_text("not a report", encoding="utf-8")
    files = find_submission_files(raw, *WINDOW)
    register_files(db, files, _province_code, datetime(2024, 1, 5))
    submissions = submissions_between(db, *WINDOW)
    monkeypatch.setattr(staging, "POOL_MIN_SUBMISSIONS", 2)

    pooled = list(parse_all(raw, submissions, parse_submission, workers=2))

    assert pooled == [parse_one(raw, submission, parse_submission) for submission in submissions]
    assert sum(outcome.error is not None for outcome in pooled) == 1
    assert all(outcome.figures for outcome in pooled if outcome.error is None)


@pytest.mark.parametrize("workers", [1, 2])
def test_few_submissions_are_parsed_in_this_process(db, raw_copy: Path, monkeypatch, workers: int) -> None:
    files = find_submission_files(raw_copy, date(2023, 12, 1), date(2024, 1, 1))
    register_files(db, files, _province_code, datetime(2024, 1, 5))
    submissions = submissions_between(db, date(2023, 12, 1), date(2024, 1, 1))

    def local_parser(path: Path, raw_root: Path):  # not picklable: fails if a pool were used
        return parse_submission(path, raw_root)

    [outcome] = parse_all(raw_copy, submissions, local_parser, workers=workers)
    assert outcome.error is None and len(outcome.figures) > 100
