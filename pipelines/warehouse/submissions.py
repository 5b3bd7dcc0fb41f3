"""The register of submission versions, `audit.submissions`.

Every distinct file content seen in a province's month folder is one version, identified by its
SHA-256 and the folder, so the same bytes filed again there add nothing (the same bytes misfiled
under another province or month are a submission of their own, which the parser then rejects).
Versions are numbered per province and month in the order they were first seen (ties, files
seen in the same run, by path); the newest one that parses is `loaded`, older ones that parse
are `superseded`, the rest `rejected` with their reason.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import astuple, dataclass, field, fields
from datetime import date, datetime

import duckdb
import pandas as pd

from pipelines.warehouse.raw import RawFile, fingerprint


@dataclass(frozen=True)
class Submission:
    """One row of `audit.submissions`."""

    submission_id: str
    path: str
    sha256: str
    bytes: int
    province_code: str | None
    period: date
    received_at: datetime
    version: int
    status: str | None
    error: str | None


SUBMISSION_COLUMNS = tuple(column.name for column in fields(Submission))


@dataclass
class Registration:
    """What one registration pass found: new versions, and files whose bytes were already known."""

    new: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)


def submission_id(folder: str, sha256: str) -> str:
    """The stable id of a file version in a folder (`lai-chau/2023-12`): 16 hex digits of a SHA-256
    of the folder and the file's SHA-256."""
    return hashlib.sha256(f"{folder}/{sha256}".encode()).hexdigest()[:16]


def _fingerprint(raw_file: RawFile) -> tuple[str, int]:
    """The file's SHA-256 and size; a file that must not be read is identified by its problem."""
    if raw_file.problem:
        return hashlib.sha256(raw_file.problem.encode("utf-8")).hexdigest(), 0
    return fingerprint(raw_file.path)


def register_files(
    con: duckdb.DuckDBPyConnection,
    files: Iterable[RawFile],
    province_code_for: Callable[[str], str | None],
    received_at: datetime,
) -> Registration:
    """Add the files not seen before to `audit.submissions` and renumber versions, in one transaction.

    A file whose province folder is not a known province slug is registered as rejected, so it
    shows up in the audit instead of silently disappearing. The known versions are read, and the
    new ones written, in one statement each: a backfill registers thousands of files.
    """
    registration = Registration()
    fingerprinted = [(raw_file, *_fingerprint(raw_file)) for raw_file in files]
    ids = [submission_id(f.relative.rsplit("/", 1)[0], sha256) for f, sha256, _ in fingerprinted]
    con.execute("begin transaction")
    try:
        known: dict[str, str] = dict(
            con.execute(
                "select submission_id, path from audit.submissions"
                " where submission_id in (select unnest(?::varchar[]))",
                [ids],
            ).fetchall()
        )
        new: list[Submission] = []
        for (raw_file, sha256, size), sid in zip(fingerprinted, ids, strict=True):
            if sid in known:
                if known[sid] == raw_file.relative:
                    registration.unchanged.append(raw_file.relative)
                else:
                    registration.duplicates.append(f"{raw_file.relative} (same bytes as {known[sid]})")
                continue
            province_code = province_code_for(raw_file.province_slug)
            error = raw_file.problem or (
                None
                if province_code
                else f"{raw_file.relative}: unknown province folder '{raw_file.province_slug}'"
                " (expected the ASCII slug of a province name, such as 'lai-chau')"
            )
            new.append(
                Submission(
                    submission_id=sid,
                    path=raw_file.relative,
                    sha256=sha256,
                    bytes=size,
                    province_code=province_code,
                    period=raw_file.period,
                    received_at=received_at,
                    version=0,
                    status="rejected" if error else None,
                    error=error,
                )
            )
            known[sid] = raw_file.relative  # the same bytes again in this run are a duplicate
            registration.new.append(raw_file.relative)
        _insert_submissions(con, new)
        _renumber_versions(con)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return registration


def _insert_submissions(con: duckdb.DuckDBPyConnection, submissions: list[Submission]) -> None:
    """Insert rows of `audit.submissions` from one DataFrame (row-by-row inserts take ~1 ms each)."""
    if not submissions:
        return
    incoming = pd.DataFrame.from_records([astuple(s) for s in submissions], columns=SUBMISSION_COLUMNS)
    con.register("incoming_submissions", incoming)
    try:
        columns = ", ".join(SUBMISSION_COLUMNS)
        con.execute(f"insert into audit.submissions ({columns}) select {columns} from incoming_submissions")
    finally:
        con.unregister("incoming_submissions")


def _renumber_versions(con: duckdb.DuckDBPyConnection) -> None:
    # A new file is always received after the existing ones, so existing numbers never change.
    con.execute(
        """
        update audit.submissions as s
        set version = numbered.version
        from (
            select
                submission_id,
                row_number() over (
                    partition by province_code, period order by received_at, path
                ) as version
            from audit.submissions
        ) as numbered
        where s.submission_id = numbered.submission_id and s.version <> numbered.version
        """
    )


def submissions_between(con: duckdb.DuckDBPyConnection, start: date, end: date) -> list[Submission]:
    """The registered versions of the months in [start, end), by province, month and version."""
    rows = con.execute(
        """
        select submission_id, path, sha256, bytes, province_code, period, received_at,
               version, status, error
        from audit.submissions
        where period >= ? and period < ?
        order by province_code nulls last, period, version
        """,
        [start, end],
    ).fetchall()
    return [Submission(*row) for row in rows]
