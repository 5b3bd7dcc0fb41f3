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


def test_area_rows_one_per_province_district_and_commune():
    rows = areas.area_rows()
    provinces = areas.provinces()
    n_districts = sum(len(areas.districts(p.code)) for p in provinces)
    n_communes = sum(len(areas.communes(p.code)) for p in provinces)
    assert n_communes > 10_000
    assert len(rows) == 63 + n_districts + n_communes
    assert len({r["code"] for r in rows}) == len(rows)
    province_codes = {p.code for p in provinces}
    district_province = {d.code: d.province_code for p in provinces for d in areas.districts(p.code)}
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
        elif r["level"] == "district":
            assert r["parent_code"] in province_codes
        else:
            assert r["level"] == "commune"
            assert len(r["code"]) == 5 and r["code"].isdigit()
            # A commune's parent is a district of the province whose slug it carries.
            province = areas.province_by_code(district_province[r["parent_code"]])
            assert r["province_slug"] == province.slug
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
    sung_phai = next(r for r in rows if r["code"] == "03403")
    assert sung_phai == {
        "code": "03403",
        "name": "Sùng Phài",
        "kind": "Xã",
        "level": "commune",
        "parent_code": "105",
        "province_slug": "lai-chau",
        "province_code_2025": "12",
        "province_name_2025": "Lai Châu",
    }


def test_communes_of_a_province_come_from_the_dataset():
    lai_chau = areas.communes("12")
    assert len(lai_chau) == 106
    assert len({c.code for c in lai_chau}) == 106
    assert all(len(c.code) == 5 and c.code.isdigit() for c in lai_chau)
    assert {c.kind for c in lai_chau} == {"Xã", "Phường", "Thị trấn"}
    assert {c.district_code for c in lai_chau} == {code for code, _ in LAI_CHAU_DISTRICTS.values()}
    assert all(c.province_code == "12" for c in lai_chau)
    assert areas.communes("99") == []


@pytest.mark.parametrize(
    "name",
    [
        "xã Sùng Phài",
        "Xã Sùng Phài",
        "Sùng Phài",
        "sung phai",
        "XÃ SÙNG PHÀI",
        "xa sung phai",
        "xã  Sùng  Phài",
    ],
)
def test_find_commune_with_or_without_its_kind(name):
    assert areas.find_commune("12", name) == areas.Commune("03403", "Sùng Phài", "Xã", "105", "12")


def test_find_commune_kinds_phuong_and_thi_tran():
    assert areas.find_commune("12", "phường Tân Phong").code == "03387"
    assert areas.find_commune("12", "P Tân Phong") is None  # no abbreviation guessed for phường
    assert areas.find_commune("12", "thị trấn Tam Đường").code == "03390"
    assert areas.find_commune("12", "TT. Tam Đường").code == "03390"
    # The kind must be the commune's own.
    assert areas.find_commune("12", "xã Tân Phong") is None
    assert areas.find_commune("12", "phường Sùng Phài") is None


def test_find_commune_namesakes_resolve_only_with_their_kind_or_district():
    # Mường Tè is a thị trấn and a xã of the same district.
    assert areas.find_commune("12", "Mường Tè") is None
    assert areas.find_commune("12", "thị trấn Mường Tè").code == "03433"
    assert areas.find_commune("12", "xã Mường Tè").code == "03445"
    # Phú Thọ has two communes called Phong Châu in different districts.
    namesakes = [c for c in areas.communes("25") if c.name == "Phong Châu"]
    assert len(namesakes) == 2 and namesakes[0].district_code != namesakes[1].district_code
    assert areas.find_commune("25", "Phong Châu") is None
    for commune in namesakes:
        assert areas.find_commune("25", "Phong Châu", commune.district_code) == commune
        assert areas.find_commune("25", f"{commune.kind} Phong Châu", commune.district_code) == commune


def test_find_commune_unknown_names_and_places():
    assert areas.find_commune("12", "xã Không Có") is None
    assert areas.find_commune("12", "") is None
    # The bare kind is not a commune.
    for kind in ("xã", "phường", "thị trấn", "Phường", "THỊ TRẤN"):
        assert areas.find_commune("12", kind) is None
    # A commune of another province is not found in this one, nor in an unknown province.
    assert areas.find_commune("01", "xã Sùng Phài") is None
    assert areas.find_commune("99", "xã Sùng Phài") is None
    # Within a district it is not in.
    assert areas.find_commune("12", "xã Sùng Phài", "110") is None
    # A district's name is not a commune (Than Uyên is a huyện; its town is thị trấn Than Uyên).
    assert areas.find_commune("12", "huyện Than Uyên") is None


def test_a_commune_follows_its_province_to_2025():
    assert areas.legacy_to_2025_province("03403") == areas.legacy_to_2025_province("12")
    assert areas.legacy_to_2025_province("99999") is None


def test_import_reads_nothing():
    code = (
        "import sys; import pipelines.parsing.areas as a; "
        "assert 'vietnamadminunits' not in sys.modules; "
        "assert a._legacy_provinces.cache_info().currsize == 0"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])
