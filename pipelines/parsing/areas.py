"""Administrative units and their statistics office codes, read from the `vietnamadminunits` dataset.

Codes are never typed by hand: they come from the package's sqlite file `data/dataset.db`,
table `admin_units_legacy` (the 63 provinces and their districts, columns `provinceCode` two
digits and `districtCode` three digits, as text with leading zeros) and table `admin_units`
(the 34 provinces of the 2025 reform). The link between the two comes from
`data/converter_2025.json` (`DICT_PROVINCE`: each 2025 province lists the legacy provinces
merged into it; every legacy province belongs to exactly one 2025 province).

The same table lists the legacy communes (`wardCode` five digits, `wardShort`, `wardType` Xã /
Phường / Thị trấn, with their district and province); five island districts have none.

The legacy table describes the units as they stood just before the 2025 reform, so districts
merged earlier resolve, through the dataset's own aliases, to the unit that absorbed them.

The data is read lazily, once, and looked up through normalised-name dictionaries, because the
parser resolves names thousands of times per report. The package's own modules are not
imported: importing it loads several megabytes of parser data we do not need.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from pathlib import Path

_PACKAGE = "vietnamadminunits"
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_DISAMBIGUATION = re.compile(r"\s*\([^)]*\)$")

# How reports write the kind of a unit in front of its name, as folded keys (see `_key`).
_KIND_PREFIXES = {
    "Tỉnh": ("tinh",),
    "Thành phố": ("thanhpho", "tp"),
    "Thị xã": ("thixa", "tx"),
    "Quận": ("quan", "q"),
    "Huyện": ("huyen",),
    "Xã": ("xa",),
    "Phường": ("phuong",),
    "Thị trấn": ("thitran", "tt"),
}


# The kinds a district-level unit may have had before it was raised to its own.
_FORMER_KINDS = {"Thị xã": ("Huyện",), "Thành phố": ("Thị xã", "Huyện")}


@dataclass(frozen=True)
class Province:
    """A province before the 2025 reform, the unit the reports are written for."""

    code: str
    name: str
    slug: str
    kind: str


@dataclass(frozen=True)
class District:
    """A district-level unit (huyện, thành phố, thị xã, quận) of a legacy province."""

    code: str
    name: str
    kind: str
    province_code: str


@dataclass(frozen=True)
class Commune:
    """A commune-level unit (xã, phường, thị trấn) of a legacy district."""

    code: str
    name: str
    kind: str
    district_code: str
    province_code: str


@dataclass(frozen=True)
class Province2025:
    """A province after the 2025 reform; its code is in the 2025 list, not the legacy one."""

    code: str
    name: str
    kind: str
    legacy_codes: tuple[str, ...]


@cache
def _fold_table() -> dict[int, str | None]:
    """Map every accented Latin letter to its ASCII base and drop combining marks (NFD input)."""
    table: dict[int, str | None] = {ord("đ"): "d", ord("Đ"): "d"}
    for cp in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        base = unicodedata.normalize("NFD", chr(cp))[0]
        if base.isascii():
            table[cp] = base.lower()
    table.update(dict.fromkeys(range(0x300, 0x370)))
    return table


def _fold(text: str) -> str:
    return text.lower().translate(_fold_table())


def _key(name: str) -> str:
    """The lookup key of a name: lower-case ASCII letters and digits only ("TP. Lai Châu" -> "tplaichau")."""
    return _NON_ALNUM.sub("", _fold(name))


def slugify(name: str) -> str:
    """ASCII slug used for raw folder names: "Bà Rịa - Vũng Tàu" -> "ba-ria-vung-tau"."""
    return _NON_ALNUM.sub("-", _fold(name)).strip("-")


def _data_dir() -> Path:
    spec = importlib.util.find_spec(_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"the {_PACKAGE} package is required for administrative units")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _query(sql: str) -> list[sqlite3.Row]:
    uri = (_data_dir() / "dataset.db").as_uri() + "?mode=ro"
    with sqlite3.connect(uri, uri=True) as conn:
        conn.row_factory = sqlite3.Row
        return conn.execute(sql).fetchall()


@cache
def _legacy_provinces() -> tuple[tuple[Province, str, tuple[str, ...]], ...]:
    """Each legacy province with its dataset key and the dataset's keywords for it."""
    rows = _query(
        "SELECT DISTINCT provinceCode, province, provinceShort, provinceKey, provinceKeywords"
        " FROM admin_units_legacy ORDER BY provinceCode"
    )
    return tuple(
        (
            Province(
                code=r["provinceCode"],
                name=r["provinceShort"],
                slug=slugify(r["provinceShort"]),
                kind=r["province"].removesuffix(r["provinceShort"]).strip(),
            ),
            r["provinceKey"],
            tuple(json.loads(r["provinceKeywords"] or "[]")),
        )
        for r in rows
    )


@cache
def _legacy_districts() -> tuple[tuple[District, tuple[str, ...]], ...]:
    """Each legacy district with the dataset's keywords for it (spelling variants, merged units)."""
    rows = _query(
        "SELECT DISTINCT provinceCode, districtCode, districtShort, districtType, districtKeywords"
        " FROM admin_units_legacy ORDER BY districtCode"
    )
    return tuple(
        (
            District(
                code=r["districtCode"],
                # The dataset writes "Kỳ Anh (Huyện)" where two units share a name; the kind says it.
                name=_DISAMBIGUATION.sub("", r["districtShort"]),
                kind=r["districtType"],
                province_code=r["provinceCode"],
            ),
            tuple(json.loads(r["districtKeywords"] or "[]")),
        )
        for r in rows
    )


@cache
def _legacy_communes() -> tuple[tuple[Commune, tuple[str, ...]], ...]:
    """Each legacy commune with the dataset's keywords for it (spelling variants, former names)."""
    rows = _query(
        "SELECT DISTINCT provinceCode, districtCode, wardCode, wardShort, wardType, wardKeywords"
        " FROM admin_units_legacy WHERE wardCode IS NOT NULL ORDER BY wardCode"
    )
    return tuple(
        (
            Commune(
                code=r["wardCode"],
                # "Mường Tè (Thị trấn)" and "Mường Tè (Xã)" share a name; the kind says which.
                name=_DISAMBIGUATION.sub("", r["wardShort"]),
                kind=r["wardType"],
                district_code=r["districtCode"],
                province_code=r["provinceCode"],
            ),
            tuple(json.loads(r["wardKeywords"] or "[]")),
        )
        for r in rows
    )


def provinces() -> list[Province]:
    """All 63 provinces before the 2025 reform, by code."""
    return [p for p, _, _ in _legacy_provinces()]


@cache
def _districts_by_province() -> dict[str, tuple[District, ...]]:
    grouped: dict[str, list[District]] = {}
    for d, _ in _legacy_districts():
        grouped.setdefault(d.province_code, []).append(d)
    return {code: tuple(ds) for code, ds in grouped.items()}


def districts(province_code: str) -> list[District]:
    """The districts of one legacy province, by code (empty for an unknown code)."""
    return list(_districts_by_province().get(province_code, ()))


@cache
def _communes_by_province() -> dict[str, tuple[Commune, ...]]:
    grouped: dict[str, list[Commune]] = {}
    for c, _ in _legacy_communes():
        grouped.setdefault(c.province_code, []).append(c)
    return {code: tuple(cs) for code, cs in grouped.items()}


def communes(province_code: str) -> list[Commune]:
    """The communes of one legacy province, by code (empty for an unknown code)."""
    return list(_communes_by_province().get(province_code, ()))


@cache
def _province_indexes() -> tuple[dict[str, Province], dict[str, Province], dict[str, Province | None]]:
    """By code, by slug, and by every accepted name key (None marks a key shared by two provinces)."""
    by_code: dict[str, Province] = {}
    by_slug: dict[str, Province] = {}
    by_name: dict[str, Province | None] = {}

    def add(key: str, p: Province) -> None:
        by_name[key] = p if by_name.get(key, p) == p else None

    for p, _, keywords in _legacy_provinces():
        by_code[p.code] = p
        by_slug[p.slug] = p
        names = {_key(p.name), *keywords}
        for name in names:
            add(name, p)
            for prefix in _KIND_PREFIXES[p.kind]:
                add(prefix + name, p)
    return by_code, by_slug, by_name


def province_by_code(code: str) -> Province | None:
    """The legacy province with this two-digit code."""
    return _province_indexes()[0].get(code)


def province_by_slug(slug: str) -> Province | None:
    """The legacy province whose slug names a raw folder (`lai-chau`)."""
    return _province_indexes()[1].get(slug)


def is_city_province(province_code: str) -> bool:
    """Whether the province is a centrally run city (Đà Nẵng): "toàn thành phố" is the province."""
    province = province_by_code(province_code)
    return province is not None and province.kind == "Thành phố"


def names_province(province_code: str, text: str) -> bool:
    """Whether `text` holds the province's own name, in any case, with or without accents
    ("THÀNH PHỐ ĐÀ NẴNG" in Đà Nẵng's report)."""
    province = province_by_code(province_code)
    return province is not None and _key(province.name) in _key(text)


def find_province(name: str) -> Province | None:
    """Resolve a province as reports write it: with or without its kind, any case, any accents.

    "Lai Châu", "tỉnh Lai Châu", "LAI CHÂU", "lai chau", "TP. Hồ Chí Minh" and "TP HCM" resolve;
    the kind must be the province's own ("thành phố Lai Châu" is a district, not the province).
    """
    return _province_indexes()[2].get(_key(name))


@cache
def _district_index() -> dict[str, dict[str, District | None]]:
    """Per province, every accepted name key of its districts (None marks an ambiguous key)."""
    index: dict[str, dict[str, District | None]] = {}
    for d, keywords in _legacy_districts():
        keys = index.setdefault(d.province_code, {})
        short = _key(d.name)
        names = {short, *keywords}
        for name in names:
            for key in (name, *(prefix + name for prefix in _KIND_PREFIXES[d.kind])):
                keys[key] = d if keys.get(key, d) == d else None
    # A town or city keeps its code when raised from a lower kind ("huyện Mộc Châu" became "thị
    # xã Mộc Châu"): reports may still write the former kind, where no other unit bears that key.
    for d, _ in _legacy_districts():
        keys = index[d.province_code]
        for kind in _FORMER_KINDS.get(d.kind, ()):
            for prefix in _KIND_PREFIXES[kind]:
                keys.setdefault(prefix + _key(d.name), d)
    for province_code, keys in index.items():
        province = province_by_code(province_code)
        # A bare province name could mean the province or its namesake city: never guess.
        if province is not None and _key(province.name) in keys:
            keys[_key(province.name)] = None
        # "thành phố" alone means the province's city when it has exactly one.
        cities = [d for d in _districts_by_province()[province_code] if d.kind == "Thành phố"]
        if len(cities) == 1:
            for prefix in _KIND_PREFIXES["Thành phố"]:
                keys.setdefault(prefix, cities[0])
    return index


@cache
def _commune_kind_keys() -> frozenset[str]:
    return frozenset(key for kind in ("Xã", "Phường", "Thị trấn") for key in _KIND_PREFIXES[kind])


def is_commune_kind(words: str) -> bool:
    """Whether `words` are how reports write a commune's kind ("xã", "Thị trấn", "TT."): a
    name after them is the commune's, even where a district bears the same name."""
    return _key(words) in _commune_kind_keys()


@lru_cache(maxsize=4096)
def find_district(province_code: str, name: str) -> District | None:
    """Resolve a district of one province as reports write it; None when unknown or ambiguous.

    Accepts the name with or without its kind ("huyện", "thành phố", "TP.", "thị xã", "quận"),
    with or without diacritics, in any case. "thành phố" alone is the province's only city.
    A name shared by two units ("Cai Lậy" is a huyện and a thị xã) or equal to the province's own
    name ("Lai Châu") resolves only with its kind. Cached: the rules try the last one to five
    words before every number of a district list.
    """
    return _district_index().get(province_code, {}).get(_key(name))


@cache
def _commune_index() -> dict[str, dict[str, tuple[Commune, ...]]]:
    """Per province, every accepted name key of its communes with the communes it may mean.

    A key is the bare name or the name after its kind ("xã Tân Lập" -> "xatanlap"); the bare
    kind of a unit never stands for it.
    """
    index: dict[str, dict[str, list[Commune]]] = {}
    for c, keywords in _legacy_communes():
        keys = index.setdefault(c.province_code, {})
        short = _key(c.name)
        # The dataset's keywords include the kind-prefixed spellings; bare ones get every prefix.
        names = {short, *keywords}
        for name in names:
            for key in (name, *(prefix + name for prefix in _KIND_PREFIXES[c.kind])):
                found = keys.setdefault(key, [])
                if c not in found:
                    found.append(c)
    return {code: {k: tuple(v) for k, v in keys.items()} for code, keys in index.items()}


@lru_cache(maxsize=4096)
def find_commune(province_code: str, name: str, district_code: str | None = None) -> Commune | None:
    """Resolve a commune of one province as reports write it; None when unknown or ambiguous.

    Accepts the name with or without its kind ("xã", "phường", "thị trấn", "TT."), with or
    without diacritics, in any case. Many communes share a name ("Tân Lập" is a xã in two
    districts of some provinces); such a name resolves only within `district_code`, or with a
    kind that only one of them has.
    """
    candidates = _commune_index().get(province_code, {}).get(_key(name), ())
    if district_code is not None:
        candidates = tuple(c for c in candidates if c.district_code == district_code)
    return candidates[0] if len(candidates) == 1 else None


@cache
def _units_2025() -> tuple[tuple[Province2025, ...], dict[str, Province2025]]:
    """The 2025 provinces, and each legacy province code mapped to its 2025 province."""
    converter = json.loads((_data_dir() / "converter_2025.json").read_text(encoding="utf-8"))
    legacy_code_by_key = {key: p.code for p, key, _ in _legacy_provinces()}
    rows = _query(
        "SELECT DISTINCT provinceCode, province, provinceShort, provinceKey"
        " FROM admin_units ORDER BY provinceCode"
    )
    units = tuple(
        Province2025(
            code=r["provinceCode"],
            name=r["provinceShort"],
            kind=r["province"].removesuffix(r["provinceShort"]).strip(),
            legacy_codes=tuple(
                sorted(legacy_code_by_key[key] for key in converter["DICT_PROVINCE"][r["provinceKey"]])
            ),
        )
        for r in rows
    )
    by_legacy = {code: unit for unit in units for code in unit.legacy_codes}
    return units, by_legacy


def units_2025() -> list[Province2025]:
    """The 34 provinces of the 2025 reform, each with the legacy provinces merged into it."""
    return list(_units_2025()[0])


@cache
def _district_codes() -> dict[str, District]:
    return {d.code: d for d, _ in _legacy_districts()}


@cache
def _commune_codes() -> dict[str, Commune]:
    return {c.code: c for c, _ in _legacy_communes()}


def legacy_to_2025_province(code: str) -> Province2025 | None:
    """The 2025 province a legacy province (two digits), district (three) or commune (five) now belongs to.

    The reform merged whole provinces, so a district follows its province; the dataset maps
    each legacy province to exactly one 2025 province. Districts were abolished in 2025.
    """
    if len(code) == 5:
        commune = _commune_codes().get(code)
        code = commune.province_code if commune else ""
    elif len(code) == 3:
        district = _district_codes().get(code)
        code = district.province_code if district else ""
    return _units_2025()[1].get(code)


REFORM_2025 = date(2025, 7, 1)
"""The day the 34 provinces replaced the 63 and districts were abolished."""


def merged_into(province: Province, period: date) -> Province2025 | None:
    """The 2025 province a legacy province had merged into by `period`, where it no longer
    existed then ("Hòa Bình" in 2026 is part of Phú Thọ); None where it still did: every month
    before the reform, and the 34 provinces whose names the 2025 provinces kept."""
    unit = legacy_to_2025_province(province.code) if period >= REFORM_2025 else None
    return None if unit is None or _key(unit.name) == _key(province.name) else unit


def area_rows() -> list[dict]:
    """One row per legacy province, district and commune: the shape of the `dim_areas` seed.

    A commune's parent is its district; every row carries its province's slug and 2025 province.
    """
    rows = []
    for p in provinces():
        unit_2025 = legacy_to_2025_province(p.code)
        common = {
            "province_slug": p.slug,
            "province_code_2025": unit_2025.code if unit_2025 else None,
            "province_name_2025": unit_2025.name if unit_2025 else None,
        }
        rows.append(
            {"code": p.code, "name": p.name, "kind": p.kind, "level": "province", "parent_code": None}
            | common
        )
        rows.extend(
            {"code": d.code, "name": d.name, "kind": d.kind, "level": "district", "parent_code": p.code}
            | common
            for d in districts(p.code)
        )
        rows.extend(
            {
                "code": c.code,
                "name": c.name,
                "kind": c.kind,
                "level": "commune",
                "parent_code": c.district_code,
            }
            | common
            for c in communes(p.code)
        )
    return rows


def areas_csv() -> str:
    """area_rows as the text of the dbt seed `areas.csv`; a test keeps the committed seed equal to it."""
    rows = area_rows()
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()

