"""Vietnamese numerals: `.` groups thousands, `,` is the decimal mark, multipliers and units follow.

`find_quantities` turns a paragraph into Quantity tokens (number, multiplier, unit, ratio);
`non_figure_kind` tells the numbers that are not figures (years, dates, section numbers, ids).
A token whose format is ambiguous ("1.5") is never given a value: it stays unrecognised.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from dataclasses import dataclass

from pipelines.parsing.vocabulary import vocabulary

# Digits and groups not glued to a letter before them ("F1" is a name). The letter test follows
# the first digit, so that the regex engine can skip ahead to digits.
NUMBER_TOKEN = re.compile(r"\d(?<![^\W\d_]\d)\d*(?:[.,]\d+)*")
_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_PLAIN = re.compile(r"\d+(?:,\d+)?")

WORDS = vocabulary(__file__)
MULTIPLIERS: dict[str, float] = dict(WORDS["multipliers"])
# Vietnamese unit word -> (unit code, factor to the code's unit); money is in million VND.
UNITS: dict[str, tuple[str, float]] = {
    word: (code, factor) for code, words in WORDS["units"].items() for word, factor in words.items()
}
UNIT_CODES = frozenset(code for code, _ in UNITS.values())

_MULTIPLIER_RE = "|".join(sorted(MULTIPLIERS, key=len, reverse=True))
_UNIT_RE = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
# Matched on the lower-cased text (`aligned_lower`): a case-sensitive match costs half as much.
_SUFFIX = re.compile(rf"\s*(?:(?P<mult>{_MULTIPLIER_RE})(?!\w)\s*)?(?P<unit>(?:{_UNIT_RE})(?!\w)|%)?")
_QUALIFIERS = tuple((word, code) for code, words in WORDS["qualifiers"].items() for word in words)
# A qualifier right before a number, after a space, "(" or nothing; matched on the reversed
# lower-cased text before the number, like `_ID_BEFORE_REVERSED`.
_QUALIFIER_REVERSED = re.compile("(" + "|".join(q[::-1] for q, _ in _QUALIFIERS) + r")(?:\s|\(|\Z)")
_QUALIFIER_LAST_LETTERS = frozenset(q[-1] for q, _ in _QUALIFIERS)
_QUALIFIER_WINDOW = 12  # characters before a number, its qualifier and the spaces after it


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


def _qualifier(lowered: str, start: int) -> str | None:
    """The qualifier right before the number at `start` of the lower-cased text."""
    window_start = start - _QUALIFIER_WINDOW if start > _QUALIFIER_WINDOW else 0
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
    spans = list(map(re.Match.span, NUMBER_TOKEN.finditer(text)))
    return _classified(text, text.lower() if lowered is None else lowered, spans) if spans else []


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
        before_end = start  # the end of the text before the number, without copying that text
        while before_end > 0 and text[before_end - 1].isspace():
            before_end -= 1
        after_slash = (
            before_end > 0
            and text[before_end - 1] == "/"
            and bool(quantities)
            and quantities[-1].end >= before_end - 1
        )
        # Most numbers follow a word that cannot end a qualifier: a test of that last letter spares
        # the call and its regex.
        qualifier = None
        if (
            before_end > 0
            and before_end > start - _QUALIFIER_WINDOW
            and lowered[before_end - 1] in _QUALIFIER_LAST_LETTERS
        ):
            qualifier = _qualifier(lowered, start)
        quantities.append(
            Quantity(  # by position, in the order of its fields: a call by keyword costs three times more
                start,
                end,
                text[start:end],
                _clean(number * scale),
                unit,
                _clean(denominator * scale) if denominator is not None else None,
                qualifier,
                after_slash,
                spans,
            )
        )
    return quantities


def _clean(value: float) -> float:
    """Round away binary noise from unit factors (1,1 * 1e3 -> 1100.0000000000002).

    A whole number, as most counts are, has none: `round` would return it unchanged, at a cost.
    """
    return value if value.is_integer() else round(value, 9)


_CENTURIES = ("19", "20")  # of a year: a four-digit number that starts with one of them
# Words after which a number names something (a project, a month, a decree) instead of counting.
_ID_WORDS = WORDS["identifier_words"]
# Matched on the reversed text before a number, anchored at its start: a regex cannot search
# backwards, and a forward search for "word, spaces, end" would try every position.
_ID_BEFORE_REVERSED = re.compile("|".join(word[::-1] for word in _ID_WORDS), re.IGNORECASE)
# A number can follow an identifier word only where the text before it ends in one of these
# characters: the words' last letters in either case, all the characters whose lower case is one of
# them (tests/unit/test_numbers.py checks it), so no token needs a `lower` call.
_ID_LAST_CHARACTERS = frozenset(c for word in _ID_WORDS for c in (word[-1], word[-1].upper()))
_STARS_AFTER = re.compile(r"\s*(?:-\s*\d+\s*)?sao\b", re.IGNORECASE)
_DATE = re.compile(r"\d{1,2}/\d{1,2}/\d{4}|\d{1,2}/\d{4}|\d{1,2}-\d{1,2}-\d{4}")


_ROMAN_QUARTER = re.compile(r"(?:^|\s)(?:quý\s+)?[IVX]+/$")
_QUARTER_ENDS = tuple(f"{numeral}/{line_break}" for numeral in "IVX" for line_break in ("", "\n"))
_ROUND_THE_CLOCK = (re.compile(r"/24\b"), re.compile(r"\b24/$"))
_DOCUMENT_NUMBER = re.compile(r"/\d*[A-ZĐ]")
_PARAGRAPH_START = re.compile(r"\s*(?:[-+*•–]\s*)?")
_OUTLINE_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2})+")
_OUTLINE_END = re.compile(r"\.(?:\s|$)|\)")
_WINDOW = 40
_DATE_BEFORE, _DATE_AFTER = 6, 8


def non_figure_kind(text: str, start: int, end: int) -> str | None:
    """Why the digit string text[start:end] is not a figure, or None when it may be one."""
    return _classified(text, text.lower(), [(start, end)])[0][3]


def _classified(text: str, lowered: str, spans: list[tuple[int, int]]) -> list[NumberToken]:
    """The digit strings text[start:end] of `spans`, each with its `non_figure_kind`.

    `lowered` is `text.lower()`. One loop over a paragraph's tokens, not a call for each: the parser
    asks about every token of a report. Each regex runs only where the character it cannot match
    without is present, tested once for the paragraph where it can: most tokens fail every test.
    """
    # Case-insensitive, `_STARS_AFTER` reads "sao" also with "ſ" (long s), which stays itself in
    # lower case.
    stars_possible = "sao" in lowered or "ſ" in text
    slashes = "/" in text
    separators = _offsets_of(text, "/-") if slashes or "-" in text else None
    tokens: list[NumberToken] = []
    for start, end in spans:
        raw = text[start:end]
        before_start = start - _WINDOW if start > _WINDOW else 0
        if (
            separators
            and (i := bisect_left(separators, start - _DATE_BEFORE)) < len(separators)
            and separators[i] < end + _DATE_AFTER
            and _in_date(text, start, end, before_start)
        ):
            kind: str | None = "date"
        elif len(raw) == 4 and raw[:2] in _CENTURIES and raw.isdecimal():
            kind = "year"
        elif raw == "24" and (
            _ROUND_THE_CLOCK[0].match(text, end, end + _WINDOW)
            or _ROUND_THE_CLOCK[1].search(text[before_start:start])
        ):
            kind = "idiom"
        elif slashes and text[end : end + 1] == "/" and _DOCUMENT_NUMBER.match(text, end, end + _WINDOW):
            kind = "document_number"
        else:
            words = text[before_start:start].rstrip()  # the text before the number, within the window
            if words and words[-1] in _ID_LAST_CHARACTERS and _ID_BEFORE_REVERSED.match(words[::-1]):
                kind = "identifier"
            elif stars_possible and _STARS_AFTER.match(text, end, end + _WINDOW):
                kind = "stars"
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


def _offsets_of(text: str, characters: str) -> list[int]:
    """The offsets in `text` of every one of `characters`, in order."""
    offsets = []
    for character in characters:
        offset = text.find(character)
        while offset >= 0:
            offsets.append(offset)
            offset = text.find(character, offset + 1)
    offsets.sort()
    return offsets


def _in_date(text: str, start: int, end: int, before_start: int) -> bool:
    """Whether the number text[start:end] is part of a date or a quarter ("II/2023").

    Called only where a "/" or "-" lies within `_DATE_BEFORE` characters before the number and
    `_DATE_AFTER` after it, the window that holds any date including it. The regexes read the text
    in place (a position and an end), not a slice of it.
    """
    window_end = end + _DATE_AFTER  # search clips the end
    # The dates of the window one after the other, as `finditer` finds them (`_DATE` has no
    # anchor): a search call is the common case, a window with no date ("2023-2024", "11/12").
    # A date starting after the number is followed by none that includes it.
    match = _DATE.search(text, start - _DATE_BEFORE if start > _DATE_BEFORE else 0, window_end)
    while match and match.start() <= start:
        if end <= match.end():
            return True
        match = _DATE.search(text, match.end(), window_end)
    # `_ROMAN_QUARTER` needs "I/", "V/" or "X/" at the end of the text before, or before its final
    # line break; most numbers after a "/" follow a digit.
    return (
        text.endswith(_QUARTER_ENDS, before_start, start)
        and _ROMAN_QUARTER.search(text[before_start:start]) is not None
    )
