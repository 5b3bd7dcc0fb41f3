"""One build over the sample and every kind of broken submission: the bad ones are rejected with a
reason that names the file and what was expected, and no good figure is lost."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
# raw path -> (source in tests/data/bad, words the rejection must contain besides the path)
CASES = {
    "ha-giang/2023-12/empty.txt": ("empty.txt", "empty file"),
    "cao-bang/2023-12/binary.txt": ("binary.txt", "binary data"),
    "bac-kan/2023-12/not-a-pdf.pdf": ("not-a-pdf.pdf", "not a PDF"),
    "tuyen-quang/2023-12/junk.docx": ("junk.docx", "not a Word"),
    "lao-cai/2023-12/truncated.txt": ("truncated.txt", "province"),
    "dien-bien/2023-12/windows-1258.txt": ("windows-1258.txt", "UTF-8"),
    "son-la/2023-12/mojibake.txt": ("mojibake.txt", "mojibake"),
    "yen-bai/2023-12/wrong-month.txt": ("wrong-month.txt", "tháng 11 năm 2023"),
    "atlantis/2023-12/bao-cao.txt": ("wrong-month.txt", "unknown province"),
    # Hòa Bình merged into Phú Thọ on 1 July 2025: a report of it for a later month is refused.
    "hoa-binh/2026-10/bao-cao.txt": ("merged-province.txt", "merged into tỉnh Phú Thọ"),
}
HUGE = "hoa-binh/2023-12/huge.txt"
LINK = "thai-nguyen/2023-12/link.txt"


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory, sample_raw: Path, agristat):
    root = tmp_path_factory.mktemp("bad")
    raw = Path(shutil.copytree(sample_raw, root / "raw"))
    december = raw / "lai-chau" / "2023-12" / "bao-cao.txt"
    shutil.copy(december, december.with_name("ban-sao.txt"))  # the same file twice, under two names
    november = raw / "lai-chau" / "2023-11"
    november.mkdir(parents=True)
    text = (BAD / "does-not-add-up.txt").read_text(encoding="utf-8")
    (november / "bao-cao.txt").write_text(
        text.replace("tháng 12 năm 2023", "tháng 11 năm 2023"), encoding="utf-8"
    )
    for target, (source, _) in CASES.items():
        (raw / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(BAD / source, raw / target)
    (raw / HUGE).parent.mkdir(parents=True)
    with (raw / HUGE).open("w", encoding="utf-8") as handle:
        line = "Tổng đàn gia súc chính ước đạt 353.350 con. " * 20 + "\n"
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(line)
    outside = root / "outside.txt"
    shutil.copy(december, outside)
    (raw / LINK).parent.mkdir(parents=True)
    (raw / LINK).symlink_to(outside)
    warehouse = root / "warehouse"
    process = agristat("build", "--raw", str(raw), "--warehouse", str(warehouse))
    return raw, warehouse, process


def _audit(warehouse: Path) -> dict[str, tuple[str, str | None]]:
    with duckdb.connect(str(warehouse / "published" / "agristat.duckdb"), read_only=True) as con:
        rows = con.execute("select path, status, error from audit.submissions").fetchall()
    return {path: (status, error) for path, status, error in rows}


def test_the_build_completes(bad_build) -> None:
    _, _, process = bad_build
    assert process.returncode == 0, process.stdout + process.stderr


@pytest.mark.parametrize("path", sorted(CASES))
def test_each_bad_file_is_rejected_with_its_reason(bad_build, path: str) -> None:
    _, warehouse, process = bad_build
    status, error = _audit(warehouse)[path]
    assert status == "rejected"
    assert path in error and CASES[path][1] in error, error
    assert path in process.stdout + process.stderr, "the CLI summary names the rejected file"


def test_a_huge_file_is_rejected_before_it_is_read(bad_build) -> None:
    status, error = _audit(bad_build[1])[HUGE]
    assert status == "rejected" and HUGE in error and "MB" in error


def test_a_link_out_of_the_raw_folder_is_rejected(bad_build) -> None:
    status, error = _audit(bad_build[1])[LINK]
    assert status == "rejected" and LINK in error and "outside" in error


def test_the_same_file_twice_is_one_version(bad_build) -> None:
    audit = _audit(bad_build[1])
    december = {p: s for p, s in audit.items() if p.startswith("lai-chau/2023-12/")}
    assert list(december.values()).count(("loaded", None)) == 1
    assert len(december) <= 2 and all(status != "rejected" for status, _ in december.values())


def test_no_good_figure_is_lost(bad_build) -> None:
    _, warehouse, _ = bad_build
    with duckdb.connect(str(warehouse / "published" / "agristat.duckdb"), read_only=True) as con:
        herds = dict(
            con.execute(
                "select species, head_count from marts.fct_livestock_herds where period = '2023-12-01'"
            ).fetchall()
        )
        november = con.execute(
            "select head_count from marts.fct_livestock_herds"
            " where period = '2023-11-01' and species = 'buffalo'"
        ).fetchall()
        failed = con.execute(
            "select check_name from audit.check_results where not passed and period = '2023-11-01'"
        ).fetchall()
    assert herds == {
        "main_livestock": 353350,
        "buffalo": 92760,
        "cattle": 25590,
        "pig": 235000,
        "poultry": 1809000,
    }
    assert november == [(90760,)], "figures that do not add up still load"
    assert any("species" in name for (name,) in failed), failed
