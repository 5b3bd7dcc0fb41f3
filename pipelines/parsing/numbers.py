"""Vietnamese numerals: `.` groups thousands, `,` is the decimal mark, multipliers and units follow.

`find_quantities` turns a paragraph into Quantity tokens (number, multiplier, unit, ratio);
`non_figure_kind` tells the numbers that are not figures (years, dates, section numbers, ids).
A token whose format is ambiguous ("1.5") is never given a value: it stays unrecognised.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from pipelines.parsing.vocabulary import vocabulary

# Digits and groups not glued to a letter before them ("F1" is a name).
NUMBER_TOKEN = re.compile(r"(?<![^\W\d_])\d+(?:[.,]\d+)*")
_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_PLAIN = re.compile(r"\d+(?:,\d+)?")

WORDS = vocabulary(__file__)
MULTIPLIERS: dict[str, float] = dict(WORDS["multipliers"])
# Vietnamese unit word -> (unit code, factor to the code's unit); money is in million VND.
UNITS: dict[str, tuple[str, float]] = {
    word: (code, factor) for code, words in WORDS["units"].items() for word, factor in words.items()
}
UNIT_CODES = frozenset(code for code, _ in UNITS.values())

_MULTIPLIER_RE = "|".join(re.escape(m) for m in sorted(MULTIPLIERS, key=len, reverse=True))
_UNIT_RE = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
# Matched on the lower-cased text (`aligned_lower`), so that a unit matches in any case; the longest
# word first ("trường học" before "trường").
_SUFFIX = re.compile(rf"\s*(?:(?P<mult>{_MULTIPLIER_RE})(?!\w)\s*)?(?P<unit>(?:{_UNIT_RE})(?!\w)|%)?")
_QUALIFIERS = tuple((word, code) for code, words in WORDS["qualifiers"].items() for word in words)
_QUALIFIER_CODES = dict(_QUALIFIERS)
# A qualifier at the end of the text before a number, after a space, "(" or nothing.
_QUALIFIER = re.compile(r"(?:^|[\s(])(" + "|".join(re.escape(q) for q, _ in _QUALIFIERS) + r")\s*\Z")
# How far before a number its qualifier is looked for: the longest one, "(" and a few spaces.
_QUALIFIER_WINDOW = max(len(q) for q, _ in _QUALIFIERS) + 6
_COMPARATIVES = frozenset(WORDS["comparatives"])
_COMPARATIVE_WINDOW = max(len(w) for w in _COMPARATIVES) + 1


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


@dataclass(slots=True)
class Quantity:
    """A number with what follows it: multiplier, unit, and for "11/12 sản phẩm" a denominator.

    `value` is in the unit code's unit (multiplier applied, m2 -> ha, tỷ đồng -> triệu đồng).
    `spans` are the character ranges of every digit string the quantity uses.
    Read-only by convention.
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


def _qualifier(lowered: str, start: int) -> str | None:
    """The qualifier right before the number at `start` of the lower-cased text ("ít hơn 12 vụ"
    is a comparison, no qualifier)."""
    window = lowered[max(0, start - _QUALIFIER_WINDOW - _COMPARATIVE_WINDOW) : start]
    match = _QUALIFIER.search(window)
    if not match:
        return None
    if match.group(1) == "hơn" and window[: match.start(1)].rstrip().rsplit(" ", 1)[-1] in _COMPARATIVES:
        return None
    return _QUALIFIER_CODES[match.group(1)]


# A digit string of a text: (start, end, its digits, why it is no figure or None; see
# `non_figure_kind`). Both the quantity finder and the parser's coverage check need every token's
# kind, so a paragraph's tokens are classified once and handed to both.
NumberToken = tuple[int, int, str, str | None]


def number_tokens(text: str, lowered: str | None = None) -> list[NumberToken]:
    """Every digit string of `text`, in order, with its non-figure kind.

    `lowered` is not needed (the kinds are read from `text`); it is accepted for the callers that
    pass it.
    """
    return _classified(text, [match.span() for match in NUMBER_TOKEN.finditer(text)])


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
        number = _value(raw)
        if number is None:
            continue
        spans: tuple[tuple[int, int], ...] = ((start, end),)
        denominator = None
        # "a/b": the next token starts right after a "/"
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
        before_end = start  # the end of the text before the number, spaces aside
        while before_end > 0 and text[before_end - 1].isspace():
            before_end -= 1
        after_slash = (
            before_end > 0
            and text[before_end - 1] == "/"
            and bool(quantities)
            and quantities[-1].end >= before_end - 1
        )
        quantities.append(
            Quantity(
                start=start,
                end=end,
                raw=text[start:end],
                value=_clean(number * scale),
                unit=unit,
                denominator=_clean(denominator * scale) if denominator is not None else None,
                qualifier=_qualifier(lowered, start),
                after_slash=after_slash,
                spans=spans,
            )
        )
    return quantities


def _clean(value: float) -> float:
    """Round away binary noise from unit factors (1,1 * 1e3 -> 1100.0000000000002)."""
    return round(value, 9)


_CENTURIES = ("19", "20")  # of a year: a four-digit number that starts with one of them
# Words after which a number names something (a project, a month, a decree) instead of counting.
_ID_WORDS = tuple(WORDS["identifier_words"])
_COUNTED_AFTER = tuple(WORDS["counted_after"])
_UNIT_THEN_STOP = re.compile(rf"\s*(?:{_UNIT_RE})(?!\w)\s*(?:[,;.:)]|\Z)", re.IGNORECASE)
_STARS_AFTER = re.compile(r"\s*(?:-\s*\d+\s*)?sao\b", re.IGNORECASE)
# A count of months ("6 tháng đầu năm", "lũy kế 10 tháng") is a window's length, part of a scope:
# no figure, and no end of the subject before it ("Sản lượng thịt hơi 6 tháng đầu năm ước đạt ...").
_MONTHS_AFTER = re.compile(r"\s*tháng(?!\w)", re.IGNORECASE)
_DATE = re.compile(r"\d{1,2}/\d{1,2}/\d{4}|\d{1,2}/\d{4}|\d{1,2}-\d{1,2}-\d{4}")
_DAY_MONTH = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?![\d/])")
_DATE_WORD_END = re.compile(
    r"(?:^|\W)(?:" + "|".join(re.escape(w) for w in WORDS["date_words"]) + r")\s*\Z", re.IGNORECASE
)


_ROMAN_QUARTER = re.compile(r"(?:^|\s)(?:quý\s+)?[IVX]+/$")
_ROUND_THE_CLOCK = (re.compile(r"/24\b"), re.compile(r"\b24/$"))
_DOCUMENT_NUMBER = re.compile(r"/\d*[A-ZĐ]")
_PARAGRAPH_START = re.compile(r"\s*(?:[-+*•–]\s*)?")
_OUTLINE_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2})+")
_OUTLINE_END = re.compile(r"\.(?:\s|$)|\)")
_WINDOW = 40
_DATE_BEFORE, _DATE_AFTER = 6, 8


def non_figure_kind(text: str, start: int, end: int) -> str | None:
    """Why the digit string text[start:end] is not a figure, or None when it may be one."""
    return _classified(text, [(start, end)])[0][3]


def _classified(text: str, spans: list[tuple[int, int]]) -> list[NumberToken]:
    """The digit strings text[start:end] of `spans`, each with its `non_figure_kind`."""
    tokens: list[NumberToken] = []
    for start, end in spans:
        raw = text[start:end]
        before_start = max(0, start - _WINDOW)
        words = text[before_start:start].rstrip()  # the text before the number, within the window
        if _in_date(text, start, end, before_start):
            kind: str | None = "date"
        elif len(raw) == 4 and raw[:2] in _CENTURIES and raw.isdecimal():
            kind = "year"
        elif raw == "24" and (
            _ROUND_THE_CLOCK[0].match(text, end, end + _WINDOW)
            or _ROUND_THE_CLOCK[1].search(text[before_start:start])
        ):
            kind = "idiom"
        elif text[end : end + 1] == "/" and _DOCUMENT_NUMBER.match(text, end, end + _WINDOW):
            kind = "document_number"
        elif words.lower().endswith(_ID_WORDS) and not (
            words.lower().endswith(_COUNTED_AFTER) and _UNIT_THEN_STOP.match(text, end)
        ):
            kind = "identifier"
        elif _STARS_AFTER.match(text, end, end + _WINDOW):
            kind = "stars"
        elif len(raw) <= 2 and raw.isdecimal() and _MONTHS_AFTER.match(text, end, end + _WINDOW):
            kind = "duration"
        elif (
            start < _WINDOW
            and _PARAGRAPH_START.fullmatch(text, 0, start) is not None
            and (_OUTLINE_NUMBER.fullmatch(raw) or _OUTLINE_END.match(text, end, end + _WINDOW))
        ):
            kind = "section_number"
        else:
            kind = None
        tokens.append((start, end, raw, kind))
    return tokens


def _in_date(text: str, start: int, end: int, before_start: int) -> bool:
    """Whether the number text[start:end] is part of a date or a quarter ("II/2023").

    Every date and quarter has a "/" or "-" within a few characters of each of its numbers.
    """
    near = text[max(0, start - _DATE_BEFORE) : end + _DATE_AFTER]
    if "/" not in near and "-" not in near:
        return False
    for match in _DATE.finditer(text, max(0, start - _DATE_BEFORE), end + _DATE_AFTER):
        if match.start() > start:
            break
        if end <= match.end():
            return True
    return _ROMAN_QUARTER.search(text[before_start:start]) is not None or _day_month(text, start, end)


def _day_month(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is the day or the month of a date without its year ("đến 30/6")."""
    # A day and month are at most five characters: look no further than that around the token
    # (and one character more, for the check that no digit or "/" follows).
    for match in _DAY_MONTH.finditer(text, max(0, start - 3), end + 5):
        if match.start() > start:
            break
        if match.end() < end:
            continue
        day, month = int(match.group(1)), int(match.group(2))
        after = _SUFFIX.match(text[match.end() : match.end() + _WINDOW].lower())
        return (
            1 <= month <= day <= 31
            and month <= 12
            and not (after.group("unit") or after.group("mult"))
            and _DATE_WORD_END.search(text[max(0, match.start() - _WINDOW) : match.start()]) is not None
        )
    return False
