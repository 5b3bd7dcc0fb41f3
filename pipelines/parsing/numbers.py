"""Vietnamese numerals: `.` groups thousands, `,` is the decimal mark, multipliers and units follow.

`find_quantities` turns a paragraph into Quantity tokens (number, multiplier, unit, ratio);
`non_figure_kind` tells the numbers that are not figures (years, dates, section numbers, ids).
A token whose format is ambiguous ("1.5") is never given a value: it stays unrecognised.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

# Digits and groups not glued to a letter before them ("F1" is a name). The letter test follows
# the first digit, so that the regex engine can skip ahead to digits.
NUMBER_TOKEN = re.compile(r"\d(?<![^\W\d_]\d)\d*(?:[.,]\d+)*")
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
# Matched on the lower-cased text (`aligned_lower`): a case-sensitive match costs half as much.
_SUFFIX = re.compile(rf"\s*(?:(?P<mult>{_MULTIPLIER_RE})(?!\w)\s*)?(?P<unit>(?:{_UNIT_RE})(?!\w)|%)?")
_QUALIFIERS = (
    ("xấp xỉ", "about"),
    ("khoảng", "about"),
    ("gần", "nearly"),
    ("hơn", "more_than"),
    ("trên", "more_than"),
)
# A qualifier right before a number, after a space, "(" or nothing; matched on the reversed
# lower-cased text before the number, like `_ID_BEFORE_REVERSED`.
_QUALIFIER_REVERSED = re.compile("(" + "|".join(q[::-1] for q, _ in _QUALIFIERS) + r")(?:\s|\(|\Z)")
_QUALIFIER_LAST_LETTERS = frozenset(q[-1] for q, _ in _QUALIFIERS)


class NumberFormatError(ValueError):
    """A digit string that is not a Vietnamese number (e.g. "1.5": grouping or decimal?)."""


def parse_number(raw: str) -> float:
    """'353.350' -> 353350, '42,9' -> 42.9, '09' -> 9; raises NumberFormatError when ambiguous."""
    raw = raw.strip()
    if raw.isdecimal():  # digits only, most numbers: what `\d+` matches, without a regex
        return float(raw)
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


@dataclass(slots=True)
class Quantity:
    """A number with what follows it: multiplier, unit, and for "11/12 sản phẩm" a denominator.

    `value` is in the unit code's unit (multiplier applied, m2 -> ha, tỷ đồng -> triệu đồng).
    `spans` are the character ranges of every digit string the quantity uses.
    Read-only by convention, not frozen: a frozen dataclass costs several times more to make,
    and the parser makes over a hundred per report.
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


def aligned_lower(text: str, lowered: str | None = None) -> str:
    """`text` lower-cased letter for letter, so that one offset reads both texts.

    That is `text.lower()` (`lowered`, when the caller has it), except for "İ", the one letter
    whose lower case is two: it becomes "i".
    """
    if lowered is None:
        lowered = text.lower()
    return lowered if len(lowered) == len(text) else text.replace("İ", "i").lower()


def _qualifier(lowered: str, start: int, before_end: int) -> str | None:
    """The qualifier right before the number at `start` of the lower-cased text; `before_end` is
    where the text before the number ends.

    Most numbers follow a word that cannot end a qualifier: a test of that last letter spares the regex.
    """
    window_start = start - 12 if start > 12 else 0
    if before_end <= window_start or lowered[before_end - 1] not in _QUALIFIER_LAST_LETTERS:
        return None
    match = _QUALIFIER_REVERSED.match(lowered[window_start:start].rstrip()[::-1])
    if not match:
        return None
    word = match.group(1)[::-1]
    return next(code for q, code in _QUALIFIERS if q == word)


# A digit string of a text: (start, end, its digits, why it is no figure or None; see
# `non_figure_kind`). Both the quantity finder and the parser's coverage check need every token's
# kind, so a paragraph's tokens are classified once and handed to both. A plain tuple: a report
# has hundreds of them, and a tuple costs a fraction of an object to make and to read.
NumberToken = tuple[int, int, str, str | None]


def number_tokens(text: str, lowered: str | None = None) -> list[NumberToken]:
    """Every digit string of `text`, in order, with its non-figure kind.

    `lowered` is `text.lower()` when the caller has it already.
    """
    matches = list(NUMBER_TOKEN.finditer(text))
    if not matches:
        return []
    stars_possible = _may_name_stars(text, text.lower() if lowered is None else lowered)
    tokens = []
    for match in matches:
        start, end = match.span()
        raw = match.group()
        tokens.append((start, end, raw, _non_figure_kind(text, start, end, raw, stars_possible)))
    return tokens


def find_quantities(
    text: str, tokens: list[NumberToken] | None = None, lowered: str | None = None
) -> list[Quantity]:
    """Every number of `text` that could be a figure, with its multiplier and unit.

    Known non-figures (years, dates, ids) and ambiguous digit strings are left out; see
    `non_figure_kind`. "a/b unit" gives one quantity with a denominator; "a unit/b unit"
    gives two, the second marked `after_slash`. `tokens` are `number_tokens(text)` and `lowered`
    is `aligned_lower(text)` when the caller has them already.
    """
    quantities: list[Quantity] = []
    if tokens is None:
        tokens = number_tokens(text)
    if lowered is None:
        lowered = aligned_lower(text)
    last = len(tokens) - 1
    skip_until = -1
    for i, (start, end, raw, non_figure) in enumerate(tokens):
        if non_figure or start < skip_until:
            continue
        number = float(raw) if raw.isdecimal() else _value(raw)
        if number is None:
            continue
        spans: tuple[tuple[int, int], ...] = ((start, end),)
        denominator = None
        # "a/b": the next token starts right after a "/" (a test that makes no slice of the text)
        if i < last and tokens[i + 1][0] == end + 1 and text[end] == "/":
            following_start, following_end, following_raw, _ = tokens[i + 1]
            denominator = _value(following_raw)
            if denominator is None:
                continue
            spans += ((following_start, following_end),)
            end = skip_until = following_end
        suffix = _SUFFIX.match(lowered, end)
        multiplier_word, unit_word = suffix.groups()
        scale = MULTIPLIERS.get(multiplier_word, 1.0) if multiplier_word else 1.0
        unit = None
        if unit_word:
            unit, factor = UNITS.get(unit_word, (None, 1.0))
            scale *= factor
        if unit_word or multiplier_word:
            end = suffix.end()
        before_end = _end_of_text_before(text, start)
        after_slash = (
            before_end > 0
            and text[before_end - 1] == "/"
            and bool(quantities)
            and quantities[-1].end >= before_end - 1
        )
        quantities.append(
            Quantity(  # by position, in the order of its fields: a call by keyword costs three times more
                start,
                end,
                text[start:end],
                _clean(number * scale),
                unit,
                _clean(denominator * scale) if denominator is not None else None,
                _qualifier(lowered, start, before_end),
                after_slash,
                spans,
            )
        )
    return quantities


def _end_of_text_before(text: str, start: int, floor: int = 0) -> int:
    """len(text[:start].rstrip()), no lower than `floor`, without copying the text before `start`."""
    while start > floor and text[start - 1].isspace():
        start -= 1
    return start


def _clean(value: float) -> float:
    """Round away binary noise from unit factors (1,1 * 1e3 -> 1100.0000000000002).

    A whole number, as most counts are, has none: `round` would return it unchanged, at a cost.
    """
    return value if value.is_integer() else round(value, 9)


_YEAR = re.compile(r"(?:19|20)\d\d")
# Words after which a number names something (a project, a month, a decree) instead of counting.
_ID_WORDS = (
    "tiểu dự án|dự án|đợt|lần|tháng|ngày|điều|khoản|mục|phụ lục|nội dung|tiểu mục|"
    "chương trình|nghị định|nghị quyết|quyết định|thông tư|ban chỉ đạo|quý"
).split("|")
# Matched on the reversed text before a number, anchored at its start: a regex cannot search
# backwards, and a forward search for "word, spaces, end" would try every position.
_ID_BEFORE_REVERSED = re.compile("|".join(word[::-1] for word in _ID_WORDS), re.IGNORECASE)
# A number can follow an identifier word only where the text before it ends in one of these letters.
_ID_LAST_LETTERS = frozenset(word[-1] for word in _ID_WORDS)
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
    return _non_figure_kind(text, start, end, text[start:end], _may_name_stars(text, text.lower()))


def _may_name_stars(text: str, lowered: str) -> bool:
    """Whether `_STARS_AFTER` can match in `text`, whose lower case is `lowered`.

    Case-insensitive, the regex reads "sao" also with "ſ" (long s), which stays itself in lower case.
    One test per paragraph spares most tokens that regex (a case-insensitive search is slower).
    """
    return "sao" in lowered or "ſ" in text


def _non_figure_kind(text: str, start: int, end: int, raw: str, stars_possible: bool) -> str | None:
    """`non_figure_kind` of `raw`, text[start:end], told once per paragraph whether any number
    of it can be a star rating."""
    # Each regex runs only where the character it cannot match without is present: most
    # tokens fail these cheap tests, and the parser asks about every token of a report.
    # The window holds the two characters before the number and the one after it: without a "/"
    # in it, no date, quarter or document number can include the number. The regexes read the
    # text in place (a position and an end), not a slice of it.
    window_start, window_end = start - 6 if start > 6 else 0, end + 8  # find and finditer clip the end
    before_start = start - _WINDOW if start > _WINDOW else 0
    slash = text.find("/", window_start, window_end) >= 0
    if slash or text.find("-", window_start, window_end) >= 0:
        for match in _DATE.finditer(text, window_start, window_end):
            if match.start() <= start and end <= match.end():
                return "date"
    if slash and text.find("/", start - 2 if start > 2 else 0, start) >= 0:
        if _ROMAN_QUARTER.search(text[before_start:start]):
            return "date"
    if len(raw) == 4 and _YEAR.fullmatch(raw):
        return "year"
    if raw == "24" and (
        _ROUND_THE_CLOCK[0].match(text, end, end + _WINDOW)
        or _ROUND_THE_CLOCK[1].search(text[before_start:start])
    ):
        return "idiom"
    if slash and text.startswith("/", end) and _DOCUMENT_NUMBER.match(text, end, end + _WINDOW):
        return "document_number"
    words_end = _end_of_text_before(text, start, before_start)  # within the window
    if (
        words_end > before_start
        and text[words_end - 1].lower() in _ID_LAST_LETTERS
        and _ID_BEFORE_REVERSED.match(text[before_start:words_end][::-1])
    ):
        return "identifier"
    if stars_possible and _STARS_AFTER.match(text, end, end + _WINDOW):
        return "stars"
    at_paragraph_start = start < _WINDOW and _PARAGRAPH_START.fullmatch(text, 0, start) is not None
    if at_paragraph_start and (
        _OUTLINE_NUMBER.fullmatch(raw) or _OUTLINE_END.match(text, end, end + _WINDOW)
    ):
        return "section_number"
    return None
