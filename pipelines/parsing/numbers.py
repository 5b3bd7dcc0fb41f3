"""Vietnamese numerals: `.` groups thousands, `,` is the decimal mark, multipliers and units follow.

`find_quantities` turns a paragraph into Quantity tokens (number, multiplier, unit, ratio);
`non_figure_kind` tells the numbers that are not figures (years, dates, section numbers, ids).
A token whose format is ambiguous ("1.5") is never given a value: it stays unrecognised.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

NUMBER_TOKEN = re.compile(r"(?<![^\W\d_])\d+(?:[.,]\d+)*")
_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_PLAIN = re.compile(r"\d+(?:,\d+)?")

MULTIPLIERS: dict[str, float] = {"nghìn": 1e3, "ngàn": 1e3, "triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9}

# Vietnamese unit word -> (unit code, factor to the code's unit). Money is in million VND:
# "triệu đồng" is the multiplier "triệu" then the unit "đồng" (1e6 * 1e-6 = 1).
UNITS: dict[str, tuple[str, float]] = {
    "con": ("head", 1),
    "tấn": ("ton", 1),
    "tạ": ("ton", 0.1),
    "kg": ("kg", 1),
    "ha": ("ha", 1),
    "héc ta": ("ha", 1),
    "hecta": ("ha", 1),
    "m2": ("ha", 1e-4),
    "m²": ("ha", 1e-4),
    "m3": ("m3", 1),
    "m³": ("m3", 1),
    "vụ": ("case", 1),
    "htx": ("cooperative", 1),
    "hợp tác xã": ("cooperative", 1),
    "sản phẩm": ("product", 1),
    "hộ": ("household", 1),
    "lượt": ("visit", 1),
    "lớp": ("class", 1),
    "học viên": ("trainee", 1),
    "chỉ tiêu": ("trainee", 1),
    "người": ("person", 1),
    "lao động": ("person", 1),
    "đồng": ("mvnd", 1e-6),
    "%": ("pct", 1),
    "cơ sở": ("facility", 1),
    "trang trại": ("farm", 1),
    "dự án": ("project", 1),
    "đợt": ("round", 1),
    "trường học": ("school", 1),
    "trường": ("school", 1),
    "huyện": ("district", 1),
    "xã": ("commune", 1),
    "cuộc": ("meeting", 1),
    "gian hàng": ("booth", 1),
}
UNIT_CODES = frozenset(code for code, _ in UNITS.values())

_MULTIPLIER_RE = "|".join(sorted(MULTIPLIERS, key=len, reverse=True))
_UNIT_RE = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_SUFFIX = re.compile(
    rf"\s*(?:(?P<mult>{_MULTIPLIER_RE})(?!\w)\s*)?(?P<unit>(?:{_UNIT_RE})(?!\w)|%)?", re.IGNORECASE
)
_QUALIFIERS = (
    ("xấp xỉ", "about"),
    ("khoảng", "about"),
    ("gần", "nearly"),
    ("hơn", "more_than"),
    ("trên", "more_than"),
)
_QUALIFIER_RE = re.compile(r"(?:^|\s|\()(" + "|".join(q for q, _ in _QUALIFIERS) + r")\s*$", re.IGNORECASE)


class NumberFormatError(ValueError):
    """A digit string that is not a Vietnamese number (e.g. "1.5": grouping or decimal?)."""


def parse_number(raw: str) -> float:
    """'353.350' -> 353350, '42,9' -> 42.9, '09' -> 9; raises NumberFormatError when ambiguous."""
    raw = raw.strip()
    if _GROUPED.fullmatch(raw) or _PLAIN.fullmatch(raw):
        return float(raw.replace(".", "").replace(",", "."))
    raise NumberFormatError(f"'{raw}' is not a Vietnamese number (expected 1.234.567,89 style)")


def format_number(value: float, decimals: int | None = None) -> str:
    """The inverse of parse_number: 353350 -> '353.350', 42.9 -> '42,9', 36.6 with 2 decimals -> '36,60'."""
    if not math.isfinite(value):
        raise ValueError(f"cannot format {value!r}")
    if decimals is None:
        text = repr(float(value))
        decimals = 0 if text.endswith(".0") else len(text.split(".")[1])
        if "e" in text:
            decimals = 0
    sign = "-" if value < 0 else ""
    whole, _, frac = f"{abs(value):.{decimals}f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped},{frac}" if frac else f"{sign}{grouped}"


@dataclass(frozen=True)
class Quantity:
    """A number with what follows it: multiplier, unit, and for "11/12 sản phẩm" a denominator.

    `value` is in the unit code's unit (multiplier applied, m2 -> ha, tỷ đồng -> triệu đồng).
    `spans` are the character ranges of every digit string the quantity uses.
    """

    start: int
    end: int
    raw: str
    value: float
    unit: str | None
    denominator: float | None = None
    qualifier: str | None = None
    after_slash: bool = False
    spans: tuple[tuple[int, int], ...] = ()


def _value(raw: str) -> float | None:
    try:
        return parse_number(raw)
    except NumberFormatError:
        return None


def _qualifier(text: str, start: int) -> str | None:
    match = _QUALIFIER_RE.search(text[max(0, start - 12) : start])
    if not match:
        return None
    word = match.group(1).lower()
    return next(code for q, code in _QUALIFIERS if q == word)


def find_quantities(text: str) -> list[Quantity]:
    """Every number of `text` that could be a figure, with its multiplier and unit.

    Known non-figures (years, dates, ids) and ambiguous digit strings are left out; see
    `non_figure_kind`. "a/b unit" gives one quantity with a denominator; "a unit/b unit"
    gives two, the second marked `after_slash`.
    """
    quantities: list[Quantity] = []
    tokens = list(NUMBER_TOKEN.finditer(text))
    skip_until = -1
    for i, token in enumerate(tokens):
        if token.start() < skip_until or non_figure_kind(text, token.start(), token.end()):
            continue
        number = _value(token.group())
        if number is None:
            continue
        end = token.end()
        spans = [(token.start(), token.end())]
        denominator = None
        if i + 1 < len(tokens) and text[end : tokens[i + 1].start()] == "/":
            den_value = _value(tokens[i + 1].group())
            if den_value is None:
                continue
            denominator = den_value
            spans.append((tokens[i + 1].start(), tokens[i + 1].end()))
            end = tokens[i + 1].end()
            skip_until = end
        suffix = _SUFFIX.match(text, end)
        multiplier = MULTIPLIERS.get((suffix.group("mult") or "").lower(), 1.0)
        unit_word = suffix.group("unit")
        unit, factor = UNITS.get(unit_word.lower(), (None, 1.0)) if unit_word else (None, 1.0)
        if unit_word or suffix.group("mult"):
            end = suffix.end()
        scale = multiplier * factor
        before = text[: token.start()].rstrip()
        quantities.append(
            Quantity(
                start=token.start(),
                end=end,
                raw=text[token.start() : end],
                value=_clean(number * scale),
                unit=unit,
                denominator=_clean(denominator * scale) if denominator is not None else None,
                qualifier=_qualifier(text, token.start()),
                after_slash=before.endswith("/")
                and bool(quantities)
                and quantities[-1].end >= len(before) - 1,
                spans=tuple(spans),
            )
        )
    return quantities


def _clean(value: float) -> float:
    """Round away binary noise from unit factors (1,1 * 1e3 -> 1100.0000000000002)."""
    return round(value, 9)


_YEAR = re.compile(r"(?:19|20)\d\d")
_ID_BEFORE = re.compile(
    r"(?:tiểu dự án|dự án|đợt|lần|tháng|ngày|điều|khoản|mục|phụ lục|nội dung|tiểu mục|"
    r"chương trình|nghị định|nghị quyết|quyết định|thông tư|ban chỉ đạo|quý)\s*$",
    re.IGNORECASE,
)
_STARS_AFTER = re.compile(r"\s*(?:-\s*\d+\s*)?sao\b", re.IGNORECASE)
_DATE = re.compile(r"\d{1,2}/\d{1,2}/\d{4}|\d{1,2}/\d{4}|\d{1,2}-\d{1,2}-\d{4}")


_ROMAN_QUARTER = re.compile(r"(?:^|\s)(?:quý\s+)?[IVX]+/$")
_ROUND_THE_CLOCK = (re.compile(r"/24\b"), re.compile(r"\b24/$"))
_DOCUMENT_NUMBER = re.compile(r"/\d*[A-ZĐ]")
_PARAGRAPH_START = re.compile(r"\s*(?:[-+*•–]\s*)?")
_OUTLINE_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2})+")
_OUTLINE_END = re.compile(r"\.(?:\s|$)|\)")
_WINDOW = 40


def non_figure_kind(text: str, start: int, end: int) -> str | None:
    """Why the digit string text[start:end] is not a figure, or None when it may be one."""
    raw = text[start:end]
    before = text[max(0, start - _WINDOW) : start]
    after = text[end : end + _WINDOW]
    for match in _DATE.finditer(text, max(0, start - 6), min(len(text), end + 8)):
        if match.start() <= start and end <= match.end():
            return "date"
    if _ROMAN_QUARTER.search(before):
        return "date"
    if _YEAR.fullmatch(raw):
        return "year"
    if raw == "24" and (_ROUND_THE_CLOCK[0].match(after) or _ROUND_THE_CLOCK[1].search(before)):
        return "idiom"
    if _DOCUMENT_NUMBER.match(after):
        return "document_number"
    if _ID_BEFORE.search(before):
        return "identifier"
    if _STARS_AFTER.match(after):
        return "stars"
    at_paragraph_start = start < _WINDOW and _PARAGRAPH_START.fullmatch(before) is not None
    if at_paragraph_start and (_OUTLINE_NUMBER.fullmatch(raw) or _OUTLINE_END.match(after)):
        return "section_number"
    return None
