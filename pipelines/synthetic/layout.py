"""The look of a PDF-extracted report, and how its numbers are written.

The parser joins a paragraph's lines back with spaces, so a line may break anywhere except
where the break itself would start a new paragraph: before an outline marker ("- ", "1. ",
"a) ", "II."), or before a capital letter right after a sentence end or inside a heading.
"""

from __future__ import annotations

import random

from pipelines.parsing.numbers import format_number
from pipelines.parsing.sections import marker_of

QUALIFIERS = {"khoảng": "about", "gần": "nearly", "hơn": "more_than", "trên": "more_than"}
"""Words before a number that say it is approximate, and the parser's code for each."""
_SENTENCE_ENDS = (".", "!", "?", ":", ";")
_HEADING_KINDS = frozenset({"part", "section", "subsection", "item", "star"})


def wrap(paragraph: str, width: int) -> list[str]:
    """Hard line breaks about every `width` characters, only where the parser keeps the paragraph whole."""
    words = paragraph.split()
    first = marker_of(words[0])
    heading = first is not None and first[0] in _HEADING_KINDS
    lines: list[str] = []
    current = words[0]
    for word in words[1:]:
        if len(current) + 1 + len(word) > width and _may_start_line(current, word, heading):
            lines.append(current)
            current = word
        else:
            current += " " + word
    lines.append(current)
    return lines


def _may_start_line(previous: str, word: str, heading: bool) -> bool:
    if marker_of(word) is not None:
        return False
    return not (word[0].isupper() and (heading or previous.endswith(_SENTENCE_ENDS)))


def page(lines: list[str], rng: random.Random) -> str:
    """Lines as pypdf extracts them: a blank line after each, and a page break (a leading space) every ~45."""
    out: list[str] = []
    next_break = rng.randint(38, 52)
    for index, line in enumerate(lines):
        if index == next_break:
            out.append(f"\n {line} ")
            next_break += rng.randint(40, 52)
        else:
            out.append(("\n\n" if index else "") + f"{line} ")
    return "".join(out) + "\n"


def count(value: int, pad: bool = False) -> str:
    """A count as reports write it; `pad` gives the common leading zero of small counts ("09 vụ")."""
    return f"{value:02d}" if pad and 0 <= value < 10 else format_number(value)


def decimal(value: float, places: int) -> str:
    """A measure with at most `places` decimals, trailing zeros dropped ("3,9", "1.250")."""
    return format_number(round(value, places))
