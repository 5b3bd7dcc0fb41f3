"""Administrative units come from the vietnamadminunits dataset and resolve as reports write them."""

import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from pipelines.parsing import areas

LAI_CHAU_DISTRICTS = {
    "Lai Châu": ("105", "Thành phố"),
    "Tam Đường": ("106", "Huyện"),
    "Mường Tè": ("107", "Huyện"),
    "Sìn Hồ": ("108", "Huyện"),
    "Phong Thổ": ("109", "Huyện"),
    "Than Uyên": ("110", "Huyện"),
    "Tân Uyên": ("111", "Huyện"),
    "Nậm Nhùn": ("112", "Huyện"),
}


def test_63_legacy_provinces_with_unique_two_digit_codes():
    provinces = areas.provinces()
    assert len(provinces) == 63
    codes = [p.code for p in provinces]
    assert len(set(codes)) == 63
    assert all(len(c) == 2 and c.isdigit() for c in codes)
    assert codes == sorted(codes)
    assert len({p.slug for p in provinces}) == 63
    assert {p.kind for p in provinces} == {"Tỉnh", "Thành phố"}


def test_known_province_codes():
    assert areas.province_by_code("01") == areas.Province("01", "Hà Nội", "ha-noi", "Thành phố")
    assert areas.province_by_code("12") == areas.Province("12", "Lai Châu", "lai-chau", "Tỉnh")
    assert areas.province_by_code("79").name == "Hồ Chí Minh"
    assert areas.province_by_code("99") is None


def test_every_province_resolves_by_slug_code_and_names():
    for p in areas.provinces():
        assert areas.province_by_slug(p.slug) == p
        assert areas.province_by_code(p.code) == p
        assert areas.find_province(p.name) == p
        assert areas.find_province(f"{p.kind} {p.name}") == p
        assert areas.find_province(p.name.upper()) == p
        assert p.slug.isascii()


def test_lai_chau_districts_and_codes():
    districts = areas.districts("12")
    assert {d.name: (d.code, d.kind) for d in districts} == LAI_CHAU_DISTRICTS
    assert all(d.province_code == "12" for d in districts)
    assert [d.code for d in districts] == sorted(d.code for d in districts)


def test_district_codes_are_unique_three_digits_and_every_province_has_districts():
    all_districts = [d for p in areas.provinces() for d in areas.districts(p.code)]
    codes = [d.code for d in all_districts]
    assert len(codes) == len(set(codes))
    assert all(len(c) == 3 and c.isdigit() for c in codes)
    assert all(areas.districts(p.code) for p in areas.provinces())
    assert {d.kind for d in all_districts} == {"Huyện", "Thành phố", "Thị xã", "Quận"}
    assert areas.districts("99") == []


@pytest.mark.parametrize(
    "name",
    [
        "Lai Châu",
        "tỉnh Lai Châu",
        "Tỉnh Lai Châu",
        "LAI CHÂU",
        "TỈNH LAI CHÂU",
        "lai chau",
        " Lai  Châu ",
        unicodedata.normalize("NFD", "Lai Châu"),
    ],
)
def test_find_province_lai_chau_variants(name):
    assert areas.find_province(name).code == "12"


@pytest.mark.parametrize(
    "name",
    ["Tp. Hồ Chí Minh", "TP Hồ Chí Minh", "Thành phố Hồ Chí Minh", "TP.HCM", "thanh pho ho chi minh"],
)
def test_find_province_city_variants(name):
    assert areas.find_province(name).code == "79"


def test_find_province_with_dashes_and_d():
    assert areas.find_province("Bà Rịa - Vũng Tàu").code == "77"
    assert areas.find_province("tỉnh Bà Rịa – Vũng Tàu").code == "77"
    assert areas.find_province("Đắk Lắk").code == "66"
    assert areas.find_province("dak lak").code == "66"


@pytest.mark.parametrize(
    "name",
    [
        "thành phố Lai Châu",  # a district, not the province
        "Lai",
        "Phông Sa Lỳ",  # a Lao province
        "",
        "tỉnh",
    ],
)
def test_find_province_rejects_non_provinces(name):
    assert areas.find_province(name) is None


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Than Uyên", "110"),
        ("huyện Than Uyên", "110"),
        ("Huyện Than Uyên", "110"),
        ("HUYỆN THAN UYÊN", "110"),
        ("than uyen", "110"),
        ("Tân Uyên", "111"),
        ("tan uyen", "111"),
        ("Sìn Hồ", "108"),
        ("Nậm Nhùn", "112"),
        ("thành phố Lai Châu", "105"),
        ("Thành phố Lai Châu", "105"),
        ("TP Lai Châu", "105"),
        ("TP. Lai Châu", "105"),
        ("tp lai chau", "105"),
        ("thành phố", "105"),
        ("TP", "105"),
    ],
)
def test_find_district_variants(name, code):
    district = areas.find_district("12", name)
    assert district is not None
    assert district.code == code
    assert district.province_code == "12"


def test_every_district_resolves_by_kind_and_name():
    for p in areas.provinces():
        for d in areas.districts(p.code):
            assert areas.find_district(p.code, f"{d.kind} {d.name}") == d


def test_find_district_ambiguous_or_unknown_is_none():
    # "Lai Châu" alone is the province or its city.
    assert areas.find_district("12", "Lai Châu") is None
    # Cai Lậy is both a huyện and a thị xã of Tiền Giang: only the kind decides.
    assert areas.find_district("82", "Cai Lậy") is None
    huyen = areas.find_district("82", "huyện Cai Lậy")
    thi_xa = areas.find_district("82", "thị xã Cai Lậy")
    assert (huyen.kind, thi_xa.kind) == ("Huyện", "Thị xã")
    assert huyen.code != thi_xa.code
    assert areas.find_district("82", "TX Cai Lậy") == thi_xa
    # Quảng Ninh has several cities: "thành phố" alone names none of them.
    assert len([d for d in areas.districts("22") if d.kind == "Thành phố"]) > 1
    assert areas.find_district("22", "thành phố") is None
    # A district of another province, an unknown province, a kind alone.
    assert areas.find_district("12", "Ba Đình") is None
    assert areas.find_district("99", "Than Uyên") is None
    assert areas.find_district("12", "huyện") is None
    assert areas.find_district("12", "thị xã") is None
    # The kind must match: Than Uyên is a huyện, not a thị xã.
    assert areas.find_district("12", "thị xã Than Uyên") is None


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Lai Châu", "lai-chau"),
        ("Đắk Lắk", "dak-lak"),
        ("Bà Rịa - Vũng Tàu", "ba-ria-vung-tau"),
        ("Hồ Chí Minh", "ho-chi-minh"),
        ("Thừa Thiên  Huế", "thua-thien-hue"),
        ("ĐỒNG THÁP", "dong-thap"),
        (unicodedata.normalize("NFD", "Hòa Bình"), "hoa-binh"),
        ("Quận 1", "quan-1"),
    ],
)
def test_slugify(name, slug):
    assert areas.slugify(name) == slug


def test_units_2025_partition_the_legacy_provinces():
    units = areas.units_2025()
    assert len(units) == 34
    assert len({u.code for u in units}) == 34
    assert all(len(u.code) == 2 and u.code.isdigit() for u in units)
    legacy = [c for u in units for c in u.legacy_codes]
    assert sorted(legacy) == [p.code for p in areas.provinces()]


def test_legacy_to_2025_province():
    lai_chau = areas.legacy_to_2025_province("12")
    assert (lai_chau.code, lai_chau.name, lai_chau.legacy_codes) == ("12", "Lai Châu", ("12",))
    # Lào Cai (10) and Yên Bái (15) merged into the 2025 Lào Cai, which carries code 15.
    lao_cai = areas.legacy_to_2025_province("10")
    assert (lao_cai.code, lao_cai.name) == ("15", "Lào Cai")
    assert areas.legacy_to_2025_province("15") == lao_cai
    # A district follows its province.
    assert areas.legacy_to_2025_province("110") == lai_chau
    assert areas.legacy_to_2025_province("99") is None
    assert areas.legacy_to_2025_province("999") is None


def test_area_rows_one_per_province_and_district():
    rows = areas.area_rows()
    provinces = areas.provinces()
    n_districts = sum(len(areas.districts(p.code)) for p in provinces)
    assert len(rows) == 63 + n_districts
    assert len({r["code"] for r in rows}) == len(rows)
    province_codes = {p.code for p in provinces}
    for r in rows:
        assert set(r) == {
            "code",
            "name",
            "kind",
            "level",
            "parent_code",
            "province_slug",
            "province_code_2025",
            "province_name_2025",
        }
        assert r["province_code_2025"] and r["province_name_2025"]
        if r["level"] == "province":
            assert r["parent_code"] is None
        else:
            assert r["level"] == "district"
            assert r["parent_code"] in province_codes
    than_uyen = next(r for r in rows if r["code"] == "110")
    assert than_uyen == {
        "code": "110",
        "name": "Than Uyên",
        "kind": "Huyện",
        "level": "district",
        "parent_code": "12",
        "province_slug": "lai-chau",
        "province_code_2025": "12",
        "province_name_2025": "Lai Châu",
    }


def test_import_reads_nothing():
    code = (
        "import sys; import pipelines.parsing.areas as a; "
        "assert 'vietnamadminunits' not in sys.modules; "
        "assert a._legacy_provinces.cache_info().currsize == 0"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])
