"""A report's own statement of its month and province, and its agreement with the folder."""

import unicodedata
from datetime import date
from pathlib import Path

import pytest

from pipelines.parsing.metadata import check_against_path, read_metadata
from pipelines.parsing.model import ReportMetadata

SAMPLE = Path(__file__).parents[2] / "raw" / "lai-chau" / "2023-12" / "bao-cao.txt"
SAMPLE_PATH = "lai-chau/2023-12/bao-cao.txt"


@pytest.fixture(scope="module")
def sample_lines() -> list[str]:
    return SAMPLE.read_text(encoding="utf-8-sig").splitlines()


def test_sample_report(sample_lines):
    meta = read_metadata(sample_lines)
    assert meta == ReportMetadata(
        period=date(2023, 12, 1),
        province_name="Lai Châu",
        province_code="12",
        period_line=5,
        province_line=453,
    )
    # The lines `grep -n` shows: the section title and the closing sign-off.
    assert sample_lines[4].startswith("I. Tình hình sản xuất nông - lâm nghiệp tháng 12 năm 2023")
    assert sample_lines[452].startswith("Phát triển nông thôn tỉnh Lai Châu./.")
    # Line 1 states the plan month, which is not the report month.
    assert "tháng 01 năm 2024" in sample_lines[0]


def test_sample_mentions_other_provinces_in_passing(sample_lines):
    text = "\n".join(sample_lines)
    assert "tỉnh Lạng Sơn" in text and "tỉnh Phông Sa Lỳ" in text
    assert read_metadata(sample_lines).province_code == "12"


def test_sample_agrees_with_its_folder(sample_lines):
    assert check_against_path(read_metadata(sample_lines), SAMPLE_PATH, "lai-chau", date(2023, 12, 1)) == []


def test_sample_read_from_the_closing_alone(sample_lines):
    """The closing sentence, broken over lines with blank lines between, states both."""
    meta = read_metadata(sample_lines[448:])
    assert meta.period == date(2023, 12, 1)
    assert meta.period_line == 1
    assert meta.province_code == "12"
    assert meta.province_line == 5


def test_closing_in_one_line():
    lines = [
        "Trên đây là Báo cáo tình hình sản xuất nông - lâm nghiệp tháng 3 năm 2024, phương hướng, "
        "nhiệm vụ tháng 4 năm 2024 của Sở Nông nghiệp và Phát triển nông thôn tỉnh Hòa Bình./."
    ]
    assert read_metadata(lines) == ReportMetadata(
        period=date(2024, 3, 1),
        province_name="Hòa Bình",
        province_code="17",
        period_line=1,
        province_line=1,
    )


def test_month_with_slash_and_province_from_header():
    lines = [
        "UBND TỈNH ĐIỆN BIÊN",
        "",
        "SỞ NÔNG NGHIỆP VÀ PTNT",
        "",
        "BÁO CÁO",
        "",
        "Tình hình sản xuất nông nghiệp tháng 3/2024",
        "",
        "1. Trồng trọt: gieo cấy lúa xuân.",
    ]
    meta = read_metadata(lines)
    assert (meta.period, meta.period_line) == (date(2024, 3, 1), 7)
    assert (meta.province_code, meta.province_name, meta.province_line) == ("11", "Điện Biên", 1)


def test_report_title_in_one_phrase():
    meta = read_metadata(["Báo cáo kết quả sản xuất tháng 12 năm 2023"])
    assert meta.period == date(2023, 12, 1)


def test_plan_month_and_dates_are_not_the_report_month():
    lines = [
        "Lai Châu, ngày 05 tháng 01 năm 2024",
        "",
        "Thực hiện Báo cáo số 12/BC-SNN ngày 03 tháng 01 năm 2024 của Sở.",
        "",
        "Báo cáo phương hướng, nhiệm vụ tháng 01 năm 2024.",
        "",
        "BÁO CÁO",
        "Tình hình sản xuất nông - lâm nghiệp tháng 12 năm",
        "",
        "2023, phương hướng nhiệm vụ tháng 01 năm 2024",
    ]
    meta = read_metadata(lines)
    assert (meta.period, meta.period_line) == (date(2023, 12, 1), 8)


def test_other_provinces_named_do_not_count():
    lines = [
        "I. Tình hình sản xuất nông - lâm nghiệp tháng 12 năm 2023",
        "Phối hợp với Sở Nông nghiệp và PTNT tỉnh Lạng Sơn tổ chức hội chợ; UBND tỉnh Sơn La",
        "tham dự Ngày hội chè tỉnh Phông Sa Lỳ.",
        "Trên đây là Báo cáo tình hình sản xuất nông - lâm nghiệp tháng 12 năm 2023 của Sở Nông",
        "nghiệp và PTNT tỉnh Lai Châu./.",
        "Nơi nhận:",
        "- UBND tỉnh (b/c);",
    ]
    meta = read_metadata(lines)
    assert (meta.province_code, meta.province_line) == ("12", 5)


def test_sign_off_without_closing_phrase():
    lines = [
        "Tình hình sản xuất nông nghiệp tháng 6 năm 2024 trên địa bàn tỉnh Sơn La.",
        "Kính báo cáo UBND tỉnh Yên Bái./.",
    ]
    assert read_metadata(lines).province_code == "15"


def test_city_province_in_closing():
    lines = [
        "Trên đây là báo cáo tình hình sản xuất nông nghiệp tháng 02 năm 2024 của Sở Nông nghiệp",
        "và Phát triển nông thôn TP. Hồ Chí Minh./.",
    ]
    meta = read_metadata(lines)
    assert (meta.province_code, meta.province_name) == ("79", "Hồ Chí Minh")
    assert meta.period == date(2024, 2, 1)


def test_decomposed_text_is_read():
    lines = [unicodedata.normalize("NFD", "Tình hình sản xuất tháng 11 năm 2023 của UBND tỉnh Lai Châu")]
    meta = read_metadata(lines)
    assert (meta.period, meta.province_code) == (date(2023, 11, 1), "12")


def test_nothing_stated_gives_none():
    lines = [
        "Trong tháng, người dân chăm sóc cây trồng; tháng 12 năm 2023 trời rét.",
        "Phối hợp với tỉnh Lạng Sơn.",
        "Tình hình sản xuất tháng 13 năm 2023",
    ]
    assert read_metadata(lines) == ReportMetadata(None, None, None)
    assert read_metadata([]) == ReportMetadata(None, None, None)


def test_month_disagreement_names_both(sample_lines):
    errors = check_against_path(
        read_metadata(sample_lines), "lai-chau/2023-11/bao-cao.txt", "lai-chau", date(2023, 11, 1)
    )
    assert errors == [
        "the text reports on tháng 12 năm 2023 (line 5) but the folder says 2023-11 "
        "(lai-chau/2023-11/bao-cao.txt)"
    ]


def test_province_disagreement_names_both(sample_lines):
    errors = check_against_path(
        read_metadata(sample_lines), "hoa-binh/2023-12/bao-cao.txt", "hoa-binh", date(2023, 12, 1)
    )
    assert errors == [
        "the text is from tỉnh Lai Châu (line 453) but the folder 'hoa-binh' says tỉnh Hòa Bình "
        "(hoa-binh/2023-12/bao-cao.txt)"
    ]


def test_unknown_province_folder(sample_lines):
    errors = check_against_path(
        read_metadata(sample_lines), "lai-chao/2023-12/bao-cao.txt", "lai-chao", date(2023, 12, 1)
    )
    assert len(errors) == 1
    assert errors[0].startswith("unknown province folder 'lai-chao' in lai-chao/2023-12/bao-cao.txt")
    assert "(expected a slug such as lai-chau" in errors[0]


def test_unknown_far_off_folder_still_suggests_slugs():
    meta = ReportMetadata(date(2023, 12, 1), "Lai Châu", "12", 1, 1)
    [error] = check_against_path(meta, "x/2023-12/a.txt", "xyz", date(2023, 12, 1))
    assert "(expected a slug such as ha-noi, ha-giang)" in error


def test_text_stating_nothing_says_what_was_expected():
    errors = check_against_path(
        ReportMetadata(None, None, None), "lai-chau/2023-12/a.txt", "lai-chau", date(2023, 12, 1)
    )
    assert len(errors) == 2
    assert "no report month" in errors[0] and "'tháng 12 năm 2023'" in errors[0] and "2023-12" in errors[0]
    assert "no province" in errors[1] and "tỉnh Lai Châu" in errors[1] and "'lai-chau'" in errors[1]
    assert all("lai-chau/2023-12/a.txt" in e for e in errors)


def test_a_province_merged_away_by_the_2025_reform_is_rejected_after_it():
    meta = ReportMetadata(date(2026, 10, 1), "Hòa Bình", "17", 1, 1)
    [error] = check_against_path(meta, "hoa-binh/2026-10/bao-cao.txt", "hoa-binh", date(2026, 10, 1))
    assert error == (
        "tỉnh Hòa Bình no longer exists in 2026-10: on 01/07/2025 it merged into tỉnh Phú Thọ, whose "
        "Department reports for it; file its reports under 'phu-tho/' (hoa-binh/2026-10/bao-cao.txt)"
    )


def test_a_province_before_the_reform_or_whose_name_was_kept_is_accepted():
    before = ReportMetadata(date(2025, 6, 1), "Hòa Bình", "17", 1, 1)
    assert check_against_path(before, "hoa-binh/2025-06/a.txt", "hoa-binh", date(2025, 6, 1)) == []
    kept = ReportMetadata(date(2026, 10, 1), "Phú Thọ", "25", 1, 1)
    assert check_against_path(kept, "phu-tho/2026-10/a.txt", "phu-tho", date(2026, 10, 1)) == []


def test_the_reform_leaves_34_provinces_and_merges_29_away():
    from pipelines.parsing import areas

    after = date(2025, 7, 1)
    merged = {p.slug: areas.merged_into(p, after) for p in areas.provinces()}
    kept = sorted(slug for slug, unit in merged.items() if unit is None)
    assert len(kept) == 34 and len(merged) - len(kept) == 29
    assert merged["vinh-phuc"].name == merged["hoa-binh"].name == "Phú Thọ"
    assert merged["binh-dinh"].name == "Gia Lai" and merged["binh-dinh"].code == "52"
    assert {"gia-lai", "phu-tho", "lai-chau", "ha-noi"} <= set(kept)
