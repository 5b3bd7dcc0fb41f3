"""Finding submission files in the raw landing area: `raw/<province-slug>/<YYYY-MM>/<name>`.

The raw folder is read, never written. Paths are resolved before use: a file that resolves outside
the raw folder (a symlink pointing elsewhere) or is too large to be a report is never read; it is
returned with its problem, so that it is registered as rejected and shows up in the audit.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pipelines.warehouse.months import is_month, parse_month

SUBMISSION_SUFFIXES = frozenset({".txt", ".docx", ".pdf"})
# The sample report is 28 kB; a Word or PDF report with photos stays well under this.
MAX_SUBMISSION_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class RawFile:
    """One file in the landing area, with what its path says about it."""

    path: Path
    relative: str
    province_slug: str
    period: date
    problem: str | None = None


def _inside(path: Path, root: Path) -> bool:
    return path.resolve().is_relative_to(root)


def _is_submission(path: Path) -> bool:
    # Editors leave lock files ("~$bao-cao.docx") and dot files next to the real ones.
    return (
        path.suffix.lower() in SUBMISSION_SUFFIXES
        and not path.name.startswith((".", "~$"))
        and path.is_file()
    )


def _month_folders(raw_root: Path) -> list[tuple[str, Path]]:
    if not raw_root.is_dir():
        raise FileNotFoundError(f"raw folder {raw_root} does not exist")
    return [
        (province.name, month)
        for province in sorted(raw_root.iterdir())
        if province.is_dir() and not province.name.startswith(".")
        for month in sorted(province.iterdir())
        if month.is_dir() and is_month(month.name)
    ]


def find_months(raw_root: Path) -> list[date]:
    """Every month that has at least one submission file under the raw folder, oldest first."""
    root = raw_root.resolve()
    return sorted(
        {
            parse_month(month.name)
            for _, month in _month_folders(root)
            if _inside(month, root) and any(_is_submission(f) for f in month.iterdir())
        }
    )


def find_submission_files(raw_root: Path, start: date, end: date) -> list[RawFile]:
    """Submission files of the months in [start, end); one that must not be read carries its problem."""
    root = raw_root.resolve()
    files: list[RawFile] = []
    for slug, month in _month_folders(root):
        period = parse_month(month.name)
        if not start <= period < end:
            continue
        for path in sorted(month.iterdir()):
            if not _is_submission(path):
                continue
            relative = path.relative_to(root).as_posix()
            if not _inside(path, root):
                problem = (
                    f"{relative}: resolves outside the raw folder {root} (a link to {path.resolve()});"
                    " expected a file inside raw/, files outside it are never read"
                )
                files.append(RawFile(path, relative, slug, period, problem))
            elif (size := path.stat().st_size) > MAX_SUBMISSION_BYTES:
                problem = (
                    f"{relative}: the file is {size / 1e6:.1f} MB, more than the"
                    f" {MAX_SUBMISSION_BYTES // 2**20} MB a monthly report can be (expected a .txt, .docx or"
                    " .pdf report; send annexes and scans separately)"
                )
                files.append(RawFile(path.resolve(), relative, slug, period, problem))
            else:
                files.append(RawFile(path.resolve(), relative, slug, period))
    return files


def fingerprint(path: Path) -> tuple[str, int]:
    """SHA-256 (hex) and size of a file, read in blocks so large PDFs do not fill memory."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


FileState = tuple[str, str]
"""A file's `size:mtime_ns` stamp and its SHA-256."""


def scan_contents(raw_root: Path, previous: dict[str, FileState]) -> dict[str, FileState]:
    """Each submission file's stamp and SHA-256, by path relative to the raw folder.

    A file whose size and modification time match `previous` keeps its earlier hash, so a scan
    every minute reads only the files that were added or touched.
    """
    current: dict[str, FileState] = {}
    for raw_file in find_submission_files(raw_root, date.min, date.max):
        if raw_file.problem:
            continue
        stat = raw_file.path.stat()
        stamp = f"{stat.st_size}:{stat.st_mtime_ns}"
        known = previous.get(raw_file.relative)
        current[raw_file.relative] = (
            (stamp, known[1]) if known and known[0] == stamp else (stamp, fingerprint(raw_file.path)[0])
        )
    return current


def new_contents(previous: dict[str, FileState], current: dict[str, FileState]) -> dict[date, list[str]]:
    """`path@sha256` of the files whose content is new at their path, by month, oldest first.

    A touched file with the same bytes is not new; a removed file is not either, since the
    warehouse keeps every version it has loaded.
    """
    months: dict[date, list[str]] = {}
    for relative, (_, sha256) in sorted(current.items()):
        known = previous.get(relative)
        if known is None or known[1] != sha256:
            months.setdefault(parse_month(relative.split("/")[1]), []).append(f"{relative}@{sha256}")
    return dict(sorted(months.items()))
