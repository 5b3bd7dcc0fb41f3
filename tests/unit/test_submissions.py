from datetime import date, datetime
from pathlib import Path

from pipelines.warehouse.raw import find_submission_files
from pipelines.warehouse.submissions import register_files, submission_id, submissions_between

PROVINCES = {"lai-chau": "12", "hoa-binh": "17"}
DECEMBER = (date(2023, 12, 1), date(2024, 1, 1))
FIRST_RUN = datetime(2024, 1, 5, 8, 0)
SECOND_RUN = datetime(2024, 1, 9, 8, 0)


def _register(con, raw: Path, when: datetime):
    files = find_submission_files(raw, *DECEMBER)
    return register_files(con, files, PROVINCES.get, when)


def _write(raw: Path, relative: str, text: str) -> None:
    path = raw / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_a_new_file_is_version_one_waiting_to_be_parsed(db, tmp_path):
    _write(tmp_path, "lai-chau/2023-12/bao-cao.txt", "v1")
    registration = _register(db, tmp_path, FIRST_RUN)
    assert registration.new == ["lai-chau/2023-12/bao-cao.txt"]
    (submission,) = submissions_between(db, *DECEMBER)
    assert submission.path == "lai-chau/2023-12/bao-cao.txt"
    assert submission.submission_id == submission_id("lai-chau/2023-12", submission.sha256)
    assert (submission.province_code, submission.period, submission.version) == ("12", date(2023, 12, 1), 1)
    assert (submission.received_at, submission.status, submission.error) == (FIRST_RUN, None, None)
    assert submission.bytes == 2


def test_registering_again_adds_nothing_and_keeps_the_first_seen_time(db, tmp_path):
    _write(tmp_path, "lai-chau/2023-12/bao-cao.txt", "v1")
    _register(db, tmp_path, FIRST_RUN)
    registration = _register(db, tmp_path, SECOND_RUN)
    assert registration.new == []
    assert registration.unchanged == ["lai-chau/2023-12/bao-cao.txt"]
    (submission,) = submissions_between(db, *DECEMBER)
    assert submission.received_at == FIRST_RUN


def test_the_same_bytes_under_another_name_are_no_new_version(db, tmp_path):
    _write(tmp_path, "lai-chau/2023-12/bao-cao.txt", "v1")
    _write(tmp_path, "lai-chau/2023-12/copy.txt", "v1")
    registration = _register(db, tmp_path, FIRST_RUN)
    assert registration.duplicates == [
        "lai-chau/2023-12/copy.txt (same bytes as lai-chau/2023-12/bao-cao.txt)"
    ]
    assert len(submissions_between(db, *DECEMBER)) == 1


def test_the_same_bytes_in_another_province_folder_are_a_submission_of_their_own(db, tmp_path):
    _write(tmp_path, "lai-chau/2023-12/bao-cao.txt", "v1")
    _write(tmp_path, "hoa-binh/2023-12/bao-cao.txt", "v1")
    _register(db, tmp_path, FIRST_RUN)
    submissions = submissions_between(db, *DECEMBER)
    assert sorted(s.province_code for s in submissions) == ["12", "17"]
    assert len({s.submission_id for s in submissions}) == 2


def test_versions_follow_the_order_received_then_the_path(db, tmp_path):
    _write(tmp_path, "lai-chau/2023-12/b.txt", "first seen, second by name")
    _write(tmp_path, "lai-chau/2023-12/a.txt", "first seen, first by name")
    _write(tmp_path, "hoa-binh/2023-12/x.txt", "another province")
    _register(db, tmp_path, FIRST_RUN)
    _write(tmp_path, "lai-chau/2023-12/0-correction.txt", "received later")
    _register(db, tmp_path, SECOND_RUN)
    versions = {s.path: (s.province_code, s.version) for s in submissions_between(db, *DECEMBER)}
    assert versions == {
        "lai-chau/2023-12/a.txt": ("12", 1),
        "lai-chau/2023-12/b.txt": ("12", 2),
        "lai-chau/2023-12/0-correction.txt": ("12", 3),
        "hoa-binh/2023-12/x.txt": ("17", 1),
    }


def test_an_unknown_province_folder_is_rejected_with_its_reason(db, tmp_path):
    _write(tmp_path, "atlantis/2023-12/report.txt", "?")
    _register(db, tmp_path, FIRST_RUN)
    (submission,) = submissions_between(db, *DECEMBER)
    assert submission.province_code is None
    assert submission.status == "rejected"
    assert submission.error.startswith("atlantis/2023-12/report.txt: unknown province folder 'atlantis'")
