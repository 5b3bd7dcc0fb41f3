"""What a figure means beyond what it measures: a level, a change or a plan; its scope; its area.

A rule says what a number measures. The questions a statistician asks next are the same for
every domain, so they are answered here, once, from the words of the number's clause and
sentence (docs/reading-figures.md); the words are in meaning.yaml beside this module. An answer
that is unclear is an `Unclear` with its reason: the engine then stores no figure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

from pipelines.parsing.areas import find_commune, find_district, is_city_province, names_province
from pipelines.parsing.numbers import UNITS, aligned_lower, find_quantities
from pipelines.parsing.rules.base import Mention, district_at_end, whole_words
from pipelines.parsing.vocabulary import vocabulary


@dataclass(frozen=True)
class Unclear:
    """Why a number is left unread: "plan", "scope" or "area"."""

    reason: str


@dataclass(frozen=True)
class Change:
    """A reported change: its sign, what it compares to, and whether the value is an index
    ("bằng 101,2% so với cùng kỳ": 100 means no change)."""

    sign: int
    base: str
    index: bool = False


@dataclass(frozen=True)
class Scope:
    """A figure's scope and the last month its window covers (None: the report's month)."""

    scope: str
    period: date | None = None


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _whole_words(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(whole_words(words))


@dataclass(frozen=True)
class _Vocabulary:
    change_end: re.Pattern[str]
    decrease: frozenset[str]
    index_end: re.Pattern[str]
    bases: tuple[tuple[str, re.Pattern[str]], ...]
    plan: re.Pattern[str]
    not_plan: re.Pattern[str]
    trailing_noun: re.Pattern[str]
    against_plan: re.Pattern[str]
    scopes: tuple[tuple[str, re.Pattern[str]], ...]
    annual_openings: tuple[re.Pattern[str], ...]
    literals: dict[re.Pattern[str], str]  # a word each scope pattern cannot match without
    counted: re.Pattern[str]
    stocks: frozenset[str]
    stock_at_month_end: re.Pattern[str]
    cumulative: frozenset[str]
    unit_named: re.Pattern[str]
    commune_kinds: frozenset[str]
    province: re.Pattern[str]
    district_back: re.Pattern[str]
    city_back: re.Pattern[str]
    not_a_unit_before: frozenset[str]
    kind_or_other: frozenset[str]


def _template(words: tuple[str, ...]) -> list[re.Pattern[str]]:
    """Whole words, longest first, where {month} and {year} stand for a month's or a year's number."""
    patterns = []
    for word in sorted(words, key=len, reverse=True):
        pattern = re.escape(word).replace(r"\ ", r"\s+")
        # a month's number never goes on as a decimal ("trong tháng 4,62 ha" names no April)
        pattern = pattern.replace(r"\{month\}", r"(?P<month>\d{1,2})(?![.,]?\d)")
        pattern = pattern.replace(r"\{year\}", r"(?P<year>\d{4})")
        patterns.append(pattern)
    # One regex a template: a regex may name a group only once.
    return [re.compile(rf"(?<!\w){pattern}(?!\w)") for pattern in patterns]


def _literals(scope: dict[str, tuple[str, ...]], openings: tuple[str, ...]) -> dict[re.Pattern[str], str]:
    """For each scope pattern, its template's longest word without a placeholder."""
    templates = [t for words in scope.values() for t in sorted(words, key=len, reverse=True)]
    templates += sorted(openings, key=len, reverse=True)
    patterns = [p for words in scope.values() for p in _template(words)] + _template(openings)
    return {
        pattern: max((w for w in template.split() if "{" not in w), key=len, default="")
        for pattern, template in zip(patterns, templates, strict=True)
    }


@cache
def _vocabulary() -> _Vocabulary:
    words = vocabulary(__file__)
    change, area = words["change"], words["area"]
    between = _alternation(change["between"])
    return _Vocabulary(
        change_end=re.compile(
            rf"(?:^|[\s(,;])(?P<word>{_alternation(change['increase'] + change['decrease'])})"
            rf"(?:\s+(?:{between}))*\s*[+-]?$"
        ),
        decrease=frozenset(change["decrease"]),
        index_end=re.compile(rf"(?:^|[\s(,;])(?:{_alternation(change['index'])})\s*$"),
        bases=tuple((base, _whole_words(base_words)) for base, base_words in words["change_base"].items()),
        plan=_whole_words(words["plan_words"]),
        not_plan=_whole_words(words["not_plan"]),
        trailing_noun=re.compile(rf"^[\s,]*(?:{_alternation(words['plan_trailing_nouns'])})(?!\w)"),
        against_plan=re.compile(rf"^(?:so\s+với\s+)?(?:{_alternation(words['against_plan'])})(?!\w)"),
        scopes=tuple(
            (scope, pattern)
            for scope, templates in words["scope"].items()
            for pattern in _template(templates)
        ),
        annual_openings=tuple(_template(words["annual_openings"])),
        literals=_literals(words["scope"], words["annual_openings"]),
        counted=re.compile(rf"\s*(?:{_alternation(tuple(UNITS))})(?!\w)"),
        stocks=frozenset(words["stocks"]),
        stock_at_month_end=_whole_words(words["stock_at_month_end"]),
        cumulative=frozenset(words["cumulative"]),
        unit_named=re.compile(
            rf"(?P<kind>{whole_words(area['district'] + area['commune'])})\s+"
            r"(?P<name>[^\W\d_](?:[^\W\d_]|')*(?:\s+[^\W\d_](?:[^\W\d_]|')*){0,3})"  # "Cư M'gar"
        ),
        commune_kinds=frozenset(area["commune"]),
        province=_whole_words(area["province"]),
        district_back=_whole_words(area["district_back"]),
        city_back=_whole_words(area["city_back"]),
        not_a_unit_before=frozenset(area["not_a_unit_before"]),
        kind_or_other=frozenset(area["kind_or_other"]),
    )


# --- kind: level, change or plan ---------------------------------------------------------------


def change_of(m: Mention) -> Change | None:
    """The change a number states, or None for a level.

    "giảm 12 vụ", "tăng thêm 5 HTX", "(+1.824 con)", "bằng 101,2% so với cùng kỳ" are changes;
    "giảm còn 275.400 con" is a level (the words must stand right before the number). A number
    measured against a plan ("đạt 96,8% so với kế hoạch") compares to no earlier value: no change.
    """
    words = _vocabulary()
    if rates_plan(m):
        return None
    before = m.lowered[m.clause_start : m.q.start]
    signed = m.lowered[m.q.start - 1] if m.q.start > 0 else ""
    if signed in "+-−" and signed and before[:-1].rstrip().endswith("("):
        return Change(-1 if signed != "+" else 1, _base(m))
    match = words.change_end.search(before)
    if match:
        sign = -1 if match.group("word") in words.decrease else 1
        return Change(sign, _base(m))
    if m.q.unit == "pct" and words.index_end.search(before) and m.after.startswith("so với"):
        return Change(1, _base(m), index=True)
    return None


def _base(m: Mention) -> str:
    """What a change compares to: the base named nearest after the number in its clause
    ("giảm 2.000 con (-0,9%) so với tháng trước"), else one named before it."""
    rest = m.lowered[m.q.end : m.sentence_end]
    rest = rest[: rest.find(";")] if ";" in rest else rest
    for text in (rest, m.sentence_before):
        found = [(match.start(), base) for base, p in _vocabulary().bases if (match := p.search(text))]
        if found:
            return min(found)[1]
    return "unstated"


def is_past_value(m: Mention) -> bool:
    """Whether a level is the value of the period a comparison names, not the report's: its own
    words, after the last comma, open with that period ("Đàn lợn 512.300 con (cùng kỳ năm trước
    498.200 con)", "(tháng trước 42 vụ)"). Never a figure of the report's month: left unread,
    reason `scope`."""
    own = m.lead.rsplit(",", 1)[-1].strip()
    return any(pattern.match(own) for _, pattern in _vocabulary().bases)


def is_plan(m: Mention) -> bool:
    """Whether the number is a target, proposal or forecast: a plan word in its lead or opening
    its clause, unless the words name a result ("kế hoạch vốn", "đạt 92,7% kế hoạch")."""
    words = _vocabulary()
    lead = m.lead
    if m.clause_start > m.sentence_start:  # a plan noun right after the number before is its own
        lead = words.trailing_noun.sub("", lead, count=1)
    clause = _clause_before(m)
    return names_plan(lead) or names_plan(clause[:40]) or _opens_plan_bracket(m) or _exceeds_plan(m)


def rates_plan(m: Mention) -> bool:
    """Whether the number is measured against a plan: its words open with a plan noun ("đạt
    92,7% kế hoạch", "bằng 96,8% so với kế hoạch"). Such a rate is no level a change after it
    can belong to ("đạt 67,5% kế hoạch, bằng 105% so với cùng kỳ": the index is the trainees')."""
    return bool(_vocabulary().against_plan.match(m.after))


def _exceeds_plan(m: Mention) -> bool:
    """Whether the number is a change against a plan ("vượt 7,5% kế hoạch", "tăng 2% so với kế
    hoạch"): the excess over a target, not a rate of it nor a change of the figure."""
    return rates_plan(m) and bool(_vocabulary().change_end.search(m.lowered[m.clause_start : m.q.start]))


def _opens_plan_bracket(m: Mention) -> bool:
    """Whether the number opens a bracket right after a plan noun: the plan's value ("đạt 98,7%
    chỉ tiêu giai đoạn 2021-2025 (150 sản phẩm)"), not the report's."""
    before = m.sentence_before.rstrip()
    if m.lead.strip() or not before.endswith("("):
        return False
    return names_plan(before[:-1].rsplit(",", 1)[-1])


def names_plan(text: str) -> bool:
    """Whether `text` names a target or forecast anywhere ("phấn đấu có thêm 50 sản phẩm", "đạt
    74% kế hoạch"), words that name a result ("kế hoạch vốn") aside."""
    words = _vocabulary()
    if not words.plan.search(text):  # most texts name no plan word at all
        return False
    return bool(words.plan.search(words.not_plan.sub(" ", text)))


def _clause_before(m: Mention) -> str:
    """The sentence before the number, from its last ";"."""
    before = m.sentence_before
    cut = before.rfind(";")
    return before[cut + 1 :].lstrip(" -+•*") if cut >= 0 else before.lstrip(" -+•*")


# --- scope -------------------------------------------------------------------------------------


def _nearest_scope_word(text: str, end: int | None = None) -> tuple[str, re.Match[str]] | None:
    """The scope word of `text` that ends nearest before `end` (the number; default: the end of
    `text`), with its match."""
    end = len(text) if end is None else end
    before = [found for found in _scope_words(text) if found[1].end() <= end]
    return max(before, key=lambda found: found[1].end(), default=None)


@lru_cache(maxsize=1024)
def _scope_words(text: str) -> tuple[tuple[str, re.Match[str]], ...]:
    """Every scope word of a sentence with its match, worked out once for all its numbers.

    Words after "so với" name a change's base ("so với tháng 9"), and a year is a whole year's
    only where it opens its clause ("Năm 2025, ...", not "sản phẩm OCOP năm 2023").
    """
    words = _vocabulary()
    candidates = [(scope, pattern) for scope, pattern in words.scopes]
    candidates += [("annual", pattern) for pattern in words.annual_openings]
    found = []
    for scope, pattern in candidates:
        if words.literals[pattern] not in text:  # a whole-word regex is tried at every position
            continue
        for match in pattern.finditer(text):
            before = text[: match.start()].rstrip()
            if before.endswith("so với"):
                continue
            if match.groupdict().get("month") and words.counted.match(text, match.end("month")):
                continue  # "trong tháng 12 vụ": the number counts cases, it names no month
            if pattern in words.annual_openings and before.strip(" -+•*") and before[-1] not in ";:.(":
                continue
            found.append((scope, match))
    return tuple(found)


def scope_words(text: str) -> tuple[tuple[str, str], ...]:
    """The scope words `text` names, each with its scope ("năm 2023" annual, "từ đầu năm"
    year_to_date): for a rule whose measure depends on the window its count is counted in."""
    return tuple((scope, match.group(0)) for scope, match in _scope_words(text))


def names_scope(text: str) -> bool:
    """Whether `text` names when something applies ("tính chung 10 tháng", "trong tháng")."""
    return _nearest_scope_word(text) is not None


def _blank_scope_words(text: str, scopes: tuple[str, ...] | None = None) -> str:
    """`text` with its scope words (those of `scopes`, default every one) blanked out, each
    character a space, so that offsets into it still hold."""
    for scope, match in _scope_words(text):
        if scopes is None or scope in scopes:
            text = text[: match.start()] + " " * (match.end() - match.start()) + text[match.end() :]
    return text


def without_scope_words(text: str) -> str | None:
    """`text` with its scope words blanked out ("tính chung 10 tháng là" -> "là"), None where it
    names no scope: whether a number's words name anything besides its window."""
    return _blank_scope_words(text) if _scope_words(text) else None


def without_windows(text: str) -> str:
    """`text` with the scope words of a window since a start blanked ("lũy kế từ khi triển khai",
    "lũy kế đến hết tháng 9", "từ đầu năm"): they say when, never what, so a rule's words inside
    them ("lũy kế" of a total) are not read. Bare "lũy kế" stays: it also names a total."""
    return _blank_scope_words(text, ("year_to_date", "cumulative"))


def _month_before(month: int, year: int | None, report: date) -> date | None:
    """The month `month` (of `year`, else the latest one not after the report's) within the
    twelve months up to the report's month; None outside them."""
    if not 1 <= month <= 12:
        return None
    if year is None:
        year = report.year if month <= report.month else report.year - 1
    when = date(year, month, 1)
    months_back = (report.year - when.year) * 12 + report.month - when.month
    return when if 0 <= months_back < 12 else None


def scope_of(
    m: Mention, slot: str, report: date | None, headings: tuple[str, ...] = (), ref_year: int | None = None
) -> Scope | Unclear:
    """When the figure of `slot` ("indicator" and "indicator.category") applies: from a scope word
    right after the number in its clause, its tail ("15 sản phẩm được công nhận trong tháng"),
    else the scope word nearest before the number in its sentence; where its sentence names
    none, from the nearest earlier sentence of its paragraph, else the nearest of `headings`
    (lower-cased, nearest first), that names one (`_carried`); where none is named, the report's
    month, or for money of a year (`ref_year`) the year so far (`_year_of_money`).

    `report` is the report's month; where it is unknown, a scope that needs it is unclear.
    """
    words = _vocabulary()
    indicator = slot.split(".", 1)[0]
    if slot in words.cumulative or indicator in words.cumulative:
        return Scope("cumulative")
    stock = slot in words.stocks or indicator in words.stocks
    own = min(_scope_words(m.tail), key=lambda found: found[1].start(), default=None)
    found = own or _nearest_scope_word(m.sentence, len(m.sentence_before))
    if found is None:
        if _scope_words(m.sentence):
            return Scope("month")
        carried = _carried(m, stock, report, headings)
        return carried if carried is not None else _year_of_money(ref_year, report)
    scope, match = found
    if stock and scope not in ("month", "annual"):
        # No year-to-date or cumulative stock; a stock the changes reached, or as of now, is the
        # month's. Not where "đến nay" only ends the window ("Lũy kế từ đầu năm đến nay, ... có
        # 168 HTX": new ones or all of them?).
        before, end = m.sentence_before, match.end()
        reached = own is None and any(
            before[end : at.start()].strip() for at in words.stock_at_month_end.finditer(before, end)
        )
        return Scope("month") if reached else Unclear("scope")
    return _named(scope, match, report)


def _named(scope: str, match: re.Match[str], report: date | None) -> Scope | Unclear:
    """The scope a scope word names, its period worked out against the report's month."""
    groups = match.groupdict()
    month = int(groups["month"]) if groups.get("month") else None
    year = int(groups["year"]) if groups.get("year") else None
    if report is None:
        if month or year or scope == "annual":
            return Unclear("scope")
        return Scope("year_to_date" if scope.startswith("year") else scope)
    if scope == "month":
        if not month:
            return Scope("month")
        period = _month_before(month, year, report)
        return Scope("month", period) if period else Unclear("scope")
    if scope == "annual":
        return _annual(match, year, report)
    if scope == "year_to_date" or scope == "year_to_date_or_cumulative":
        if month is None:
            return Scope("year_to_date")
        period = date(report.year, month, 1) if 1 <= month <= report.month else None
        return Scope("year_to_date", period) if period else Unclear("scope")
    return Scope("cumulative")


def _carried(
    m: Mention, stock: bool, report: date | None, headings: tuple[str, ...]
) -> Scope | Unclear | None:
    """The scope a sentence with no scope word of its own takes: the one named by the nearest
    earlier sentence of its paragraph that names one ("Từ đầu năm đến nay ... 412 vụ. Diện tích
    rừng bị thiệt hại 38,6 ha": year to date), else by the nearest heading above that names one
    ("I. KẾT QUẢ THỰC HIỆN 9 THÁNG ĐẦU NĂM 2024").

    A programme's period names the programme, not a window of figures: it carries from a
    sentence only where a quantity of that sentence follows it ("Giai đoạn 2021-2025, đã đào tạo
    15.420 lao động"; not "Thực hiện kế hoạch giai đoạn 2021-2025, ..."), never from a heading
    ("Chương trình MTQG ... giai đoạn 2021-2025").
    Where that text names two different scopes ("THÁNG 9 VÀ 9 THÁNG ĐẦU NĂM") a flow is unclear.
    A stock stands at a date: it takes a month or a whole year carried to it, else the month.
    None where no sentence or heading names a scope.
    """
    named = _carried_scopes(m.lowered, m.text, m.sentences, m.sentence_start, headings, report)
    if named is None:
        return None
    one = next(iter(named)) if len(named) == 1 else None
    if not stock:
        return one or Unclear("scope")
    if isinstance(one, Unclear) or (one and one.scope in ("month", "annual")):
        return one
    return Scope("month")


@lru_cache(maxsize=256)
def _carried_scopes(
    lowered: str,
    text: str,
    sentences: tuple[tuple[int, int], ...],
    sentence_start: int,
    headings: tuple[str, ...],
    report: date | None,
) -> frozenset[Scope | Unclear] | None:
    """The scopes named by the nearest earlier sentence of a paragraph (`lowered`, `text`), else
    the nearest heading, that names any (see `_carried`); worked out once for all the numbers of
    the sentence starting at `sentence_start`. None where none names one."""
    for found in _scoping_words(lowered, text, sentences, sentence_start, headings):
        return frozenset(_named(scope, match, report) for scope, match in found)
    return None


def _scoping_words(
    lowered: str,
    text: str,
    sentences: tuple[tuple[int, int], ...],
    sentence_start: int,
    headings: tuple[str, ...],
) -> Iterator[tuple[tuple[str, re.Match[str]], ...]]:
    """The scope words that carry from each earlier sentence of the paragraph, nearest first,
    then from each heading, nearest first (see `_carried`); texts without any are left out."""
    earlier = [(a, b) for a, b in sentences if b <= sentence_start]
    for a, b in reversed(earlier):
        found = _scope_words(lowered[a:b])
        if any(scope == "cumulative" for scope, _ in found):
            last = max((q.start for q in find_quantities(text[a:b])), default=-1)
            found = tuple(f for f in found if f[0] != "cumulative" or f[1].end() <= last)
        if found:
            yield found
    for heading in headings:
        found = tuple(f for f in _scope_words(heading) if f[0] != "cumulative")
        if found:
            yield found


def _year_of_money(ref_year: int | None, report: date | None) -> Scope | Unclear:
    """The scope of a figure no word scopes: the report's month; but money of a year's plan
    ("Tạm ứng tiền DVMTR năm 2024 ... 45.000 triệu đồng") is paid over that year, so it counts
    since the year began when the year is the report's, and is unclear for another year."""
    if ref_year is None:
        return Scope("month")
    return Scope("year_to_date") if report is not None and ref_year == report.year else Unclear("scope")


def _annual(match: re.Match[str], year: int | None, report: date) -> Scope | Unclear:
    """A whole year: a past year is stored for its December; the report's own year only in a
    December report (before, "năm 2025" could be the year so far or a forecast)."""
    if year is None:
        text = match.group(0)
        if "năm qua" in text:
            year = report.year - 1 if report.month == 1 else report.year
        else:  # "cả năm"
            year = report.year
    if year > report.year:
        return Unclear("plan")
    if year == report.year and report.month != 12:
        return Unclear("scope")
    return Scope("annual", date(year, 12, 1))


def capital_scope(m: Mention) -> Scope:
    """Capital allocated or disbursed counts since its allocation (its year is the figure's
    allocation year), unless the sentence says it is the month's ("trong tháng giải ngân ...")."""
    found = _nearest_scope_word(m.sentence, len(m.sentence_before))
    month_named = found and found[0] == "month" and not found[1].groupdict().get("month")
    if month_named and "tháng" in found[1].group(0):
        return Scope("month")
    return Scope("cumulative")


# --- area --------------------------------------------------------------------------------------

# A sentence's opening, after a time set off by a comma ("Trong tháng, tại xã X (huyện Y) xảy ra",
# "Năm 2023, huyện X ...", "6 tháng đầu năm, huyện X ...", "Từ đầu năm đến nay, huyện X ...").
_SENTENCE_OPENING = re.compile(
    r"[\s\-+•*]*(?:(?:(?:trong\s+)?(?:tháng|năm|quý)(?:\s+[\w/]+){0,2}"
    r"|(?:lũy kế\s+)?\d{1,2}\s+tháng(?:\s+đầu\s+năm)?(?:\s+\d{4})?"
    r"|(?:tính\s+)?từ\s+đầu\s+năm(?:\s+đến\s+nay)?|(?:tính\s+)?đến\s+nay|hiện\s+nay)\s*,\s*)?"
    r"(?:theo\s+(?:báo cáo\s+)?(?:của\s+)?(?:ubnd\s+|ủy ban nhân dân\s+)?|tại\s+|ở\s+"
    r"|hạt kiểm lâm\s+|trên địa bàn\s+)?(?=\w)"
)


@dataclass(frozen=True)
class _Unit:
    code: str
    level: str  # district | commune
    district_code: str


def _units_named(province_code: str, text: str, original: str) -> list[_Unit] | Unclear:
    """The districts and communes `text` names with their kind ("huyện Tân Uyên", "xã Bum Nưa").

    `original` is `text` in its own case: a capitalised name that is no unit of the province
    ("Xã Tân Lập" in a province without one) makes the area unclear.
    """
    words = _vocabulary()
    units: list[_Unit] = []
    position = 0
    while match := words.unit_named.search(text, position):
        # The next unit may start inside this match's name ("huyện Như Xuân và huyện Thường Xuân").
        position = match.start("name")
        kind = match.group("kind")
        before = text[: match.start()].split()
        if before and before[-1] in words.not_a_unit_before | {"thị", "tác"} and kind != "thị xã":
            continue
        names = list(re.finditer(r"\S+", match.group("name")))
        unit = None
        for n in range(len(names), 0, -1):
            name = f"{kind} {match.group('name')[: names[n - 1].end()]}"
            if kind in words.commune_kinds:
                commune = find_commune(province_code, name)
                if commune:
                    unit = _Unit(commune.code, "commune", commune.district_code)
            else:
                district = find_district(province_code, name)
                if district:
                    unit = _Unit(district.code, "district", district.code)
            if unit:
                position += names[n - 1].end()
                break
        if unit:
            units.append(unit)
        elif original[match.start("name")].isupper() and kind not in words.kind_or_other:
            return Unclear("area")
    return units


def _one_unit(units: list[_Unit] | Unclear) -> str | None | Unclear:
    """The smallest unit when all named units nest in one another, else Unclear."""
    if isinstance(units, Unclear):
        return units
    if not units:
        return None
    communes = {u.code for u in units if u.level == "commune"}
    districts = {u.district_code for u in units}
    if len(districts) > 1 or len(communes) > 1:
        return Unclear("area")
    return communes.pop() if communes else districts.pop()


def unit_in_lead(m: Mention, province_code: str) -> str | None | Unclear:
    """The district or commune the number's own lead names ("trong đó thị trấn Tân Uyên có",
    "tại huyện X phát hiện", "trong đó Tân Uyên"), else None: a part of a list is about it."""
    lead = m.lead
    original = m.text[m.lead_start : m.lead_start + len(lead)]
    named = _one_unit(_units_named(province_code, lead, original))
    return named if named is not None else district_at_end(province_code, lead)


def area_of(m: Mention, province_code: str | None, headings: tuple[str, ...] = ()) -> str | None | Unclear:
    """The unit a figure is about: None for the province, a district or commune code, or Unclear.

    Named in the number's lead ("tại huyện X phát hiện", "trong đó Tân Uyên"), else at the
    opening of its sentence ("Theo UBND huyện X, ...", "Tại xã X, ..."), else by the nearest of
    the `headings` above (original case) that names one ("3. Huyện Đức Trọng"); "toàn tỉnh" in
    the lead names the province. A unit named elsewhere in the sentence does not move the figure.
    """
    if not province_code:
        return None
    named = unit_in_lead(m, province_code)
    if named is not None:
        return named
    lead = m.lead
    if _vocabulary().province.search(lead):
        return None
    lead_start = m.lead_start
    row = _row_heading(m, province_code)
    if row is not None:
        return row
    opening = _SENTENCE_OPENING.match(m.lowered, m.sentence_start, lead_start)
    start = opening.end() if opening else m.sentence_start
    first = _vocabulary().unit_named.match(m.lowered, start, lead_start)
    if first is None:
        heading = _district_heading(m, province_code, start)
        if heading is not None:
            return heading
        section = section_unit(province_code, headings) if headings else None
        return _district_referred_to(m, province_code, section)
    end = first.end()
    return _one_unit(_units_named(province_code, m.lowered[start:end], m.text[start:end]))


def _row_heading(m: Mention, province_code: str) -> str | None:
    """The district heading the number's row of a list by district ("Huyện X: đàn trâu 18.560
    con, đàn bò 9.800 con; huyện Y: đàn bò 6.120 con"): the words before the last colon of its
    part of the sentence, back to the stop before them, when they are one district's whole name.
    Nearer than the sentence's opening, so row Y's figures are never X's."""
    part_start = m.lowered.rfind(";", m.sentence_start, m.lead_start) + 1 or m.sentence_start
    colon = m.lowered.rfind(":", part_start, m.q.start)
    if colon < 0:
        return None
    start = max(m.lowered.rfind(stop, part_start, colon) + 1 for stop in "().:") or part_start
    opening = _SENTENCE_OPENING.match(m.lowered, start, colon)
    heading = _colon_heading(m.lowered, opening.end() if opening else start, colon)
    district = _heading_unit(province_code, heading) if heading else None
    return district if isinstance(district, str) else None


def _district_heading(m: Mention, province_code: str, start: int) -> str | None | Unclear:
    """The district a sentence opens with, bare, before a colon ("- Tân Uyên: tổng đàn trâu
    12.300 con"): its line of a list by district. Words before the colon that end in a district's
    name without being one whole name ("Tân Uyên và Than Uyên:"), or a commune's bare name, make
    the area unclear; words that name no unit ("Chăn nuôi:") or hold a number (a figure's own
    list) say nothing."""
    colon = m.lowered.find(":", start, m.q.start)
    heading = _colon_heading(m.lowered, start, colon) if colon >= 0 else None
    return _heading_unit(province_code, heading) if heading else None


def _colon_heading(lowered: str, start: int, colon: int) -> str | None:
    """The words from `start` to a colon, where they may name a unit: none that hold a number
    (a figure's own list, "trong đó 58 HTX:")."""
    heading = lowered[start:colon].strip()
    return heading if heading and not any(c.isdigit() for c in heading) else None


@lru_cache(maxsize=4096)
def _heading_unit(province_code: str, heading: str) -> str | None | Unclear:
    """The district words before a colon name (see `_district_heading`): a name lookup, cached
    as `find_district` is, for the numbers of a line share it."""
    district = find_district(province_code, heading)
    if district:
        return district.code
    named = district_at_end(province_code, heading) or find_commune(province_code, heading)
    return Unclear("area") if named else None


def _district_referred_to(
    m: Mention, province_code: str, section: str | None | Unclear
) -> str | None | Unclear:
    """The district "toàn huyện" / "của huyện" refers back to when the sentence names none: the
    one district its paragraph named before ("chăn nuôi ở huyện Như Xuân phát triển mạnh. Hiện
    toàn huyện có ..."), else the unit of the section (`section_unit`). Such a figure is never
    the province's: with none or several, unclear. Without such words, the section's unit."""
    back = _refers_back(m.lowered, m.sentence_start, m.sentence_end, is_city_province(province_code))
    if back is None or back > m.q.start:
        return section
    districts = _districts_before(province_code, m.lowered, m.text, m.sentence_start)
    if isinstance(districts, Unclear):
        return districts
    if not districts and isinstance(section, str):
        return section
    return next(iter(districts)) if len(districts) == 1 else Unclear("area")


@lru_cache(maxsize=256)
def _refers_back(lowered: str, start: int, end: int, city_province: bool) -> int | None:
    """Where the first words of a sentence that refer back to a district end ("toàn huyện", and
    "toàn thành phố" in a province that is no city), None where it has none: worked out once
    for all the numbers of the sentence, each of which is referred back when they stand before it."""
    words = _vocabulary()
    sentence = lowered[start:end]
    found = [words.district_back.search(sentence)]
    if not city_province:
        found.append(words.city_back.search(sentence))
    return min((start + match.end() for match in found if match), default=None)


@lru_cache(maxsize=256)
def _districts_before(province_code: str, lowered: str, text: str, end: int) -> frozenset[str] | Unclear:
    """The districts a paragraph names before `end` (see `_district_referred_to`), worked out once
    for all the numbers of the sentence starting there."""
    units = _units_named(province_code, lowered[:end], text[:end])
    return units if isinstance(units, Unclear) else frozenset(u.district_code for u in units)


@lru_cache(maxsize=1024)
def section_unit(province_code: str, headings: tuple[str, ...]) -> str | None | Unclear:
    """The unit the nearest heading that names one is about ("3. Huyện Đức Trọng", "a) Xã Tân
    Lập"): a report's section by district gives that district's figures, never the province's.
    A heading naming the province ("3. Toàn tỉnh", "KẾT QUẢ CỦA TỈNH") stops the search; so
    does one whose unknown capitalised unit is the province itself ("THÀNH PHỐ ĐÀ NẴNG" in Đà
    Nẵng's report). An unknown unit, or two, leave the area unclear. Cached: every figure of a
    section asks."""
    words = _vocabulary()
    for title in headings:
        lowered = aligned_lower(title)
        units = _units_named(province_code, lowered, title)
        if isinstance(units, Unclear):
            return None if names_province(province_code, title) else units
        if units:
            return _one_unit(units)
        if words.province.search(lowered):
            return None
    return None
