import hashlib
from datetime import date
from pathlib import Path

import pytest

from pipelines.warehouse.raw import (
    find_months,
    find_submission_files,
    fingerprint,
    new_contents,
    scan_contents,
)


def _write(path: Path, text: str = "báo cáo") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_find_months_lists_months_with_submission_files(tmp_path):
    _write(tmp_path / "lai-chau" / "2023-12" / "bao-cao.txt")
    _write(tmp_path / "hoa-binh" / "2024-01" / "bao-cao.pdf")
    _write(tmp_path / "hoa-binh" / "2024-02" / "notes.md")  # not a submission
    _write(tmp_path / "hoa-binh" / "2024-03" / "~$bao-cao.docx")  # Word's lock file
    _write(tmp_path / "hoa-binh" / "drafts" / "bao-cao.txt")  # not a month folder
    assert find_months(tmp_path) == [date(2023, 12, 1), date(2024, 1, 1)]


def test_find_months_names_a_missing_raw_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match="raw folder .* does not exist"):
        find_months(tmp_path / "nope")


def test_find_submission_files_keeps_the_window_and_says_what_the_path_means(tmp_path):
    _write(tmp_path / "lai-chau" / "2023-11" / "a.txt")
    _write(tmp_path / "lai-chau" / "2023-12" / "b.TXT")
    _write(tmp_path / "lai-chau" / "2024-01" / "c.txt")
    files = find_submission_files(tmp_path, date(2023, 12, 1), date(2024, 1, 1))
    assert [(f.relative, f.province_slug, f.period) for f in files] == [
        ("lai-chau/2023-12/b.TXT", "lai-chau", date(2023, 12, 1))
    ]
    assert files[0].path == (tmp_path / "lai-chau" / "2023-12" / "b.TXT").resolve()
    assert files[0].problem is None


def test_a_file_resolving_outside_raw_carries_its_problem_and_is_never_read(tmp_path):
    raw = tmp_path / "raw"
    outside = _write(tmp_path / "elsewhere" / "secret.txt")
    (raw / "lai-chau" / "2023-12").mkdir(parents=True)
    (raw / "lai-chau" / "2023-12" / "link.txt").symlink_to(outside)
    [link] = find_submission_files(raw, date(2015, 1, 1), date(2100, 1, 1))
    assert link.relative == "lai-chau/2023-12/link.txt"
    assert link.problem.startswith(
        f"lai-chau/2023-12/link.txt: resolves outside the raw folder {raw.resolve()}"
    )
    assert scan_contents(raw, {}) == {}, "the sensor never hashes a file outside raw/"


def test_a_file_too_large_for_a_report_carries_its_problem(tmp_path, monkeypatch):
    monkeypatch.setattr("pipelines.warehouse.raw.MAX_SUBMISSION_BYTES", 10)
    _write(tmp_path / "lai-chau" / "2023-12" / "big.txt", "x" * 11)
    [big] = find_submission_files(tmp_path, date(2015, 1, 1), date(2100, 1, 1))
    assert "more than the" in big.problem and "MB" in big.problem


def test_fingerprint_is_the_sha256_and_size(tmp_path):
    path = _write(tmp_path / "x.txt", "tổng đàn")
    data = path.read_bytes()
    assert fingerprint(path) == (hashlib.sha256(data).hexdigest(), len(data))


def test_new_contents_sees_added_and_changed_files_but_not_removed_or_touched_ones(tmp_path):
    _write(tmp_path / "lai-chau" / "2023-11" / "a.txt")
    _write(tmp_path / "lai-chau" / "2023-12" / "b.txt")
    before = scan_contents(tmp_path, {})
    assert list(new_contents({}, before)) == [date(2023, 11, 1), date(2023, 12, 1)]
    assert new_contents(before, before) == {}

    _write(tmp_path / "lai-chau" / "2023-12" / "b.txt", "a longer corrected text")
    (tmp_path / "lai-chau" / "2023-11" / "a.txt").unlink()
    _write(tmp_path / "hoa-binh" / "2024-01" / "c.txt")
    after = scan_contents(tmp_path, before)
    assert {
        month: [c.split("@")[0] for c in contents] for month, contents in new_contents(before, after).items()
    } == {
        date(2023, 12, 1): ["lai-chau/2023-12/b.txt"],
        date(2024, 1, 1): ["hoa-binh/2024-01/c.txt"],
    }
