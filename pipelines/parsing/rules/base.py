"""The grammar the domain rules share: a number in its clause, with its subject before and its noun after.

Reports state figures as "subject (verb) number unit (noun)", in lists after "trong đó" / "gồm".
`paragraph_context` cuts a paragraph into `Mention`s so that a rule only has to say which words
name which indicator; a rule that is not sure returns nothing and the number stays unrecognised.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache

from pipelines.parsing.areas import find_district
from pipelines.parsing.numbers import Quantity, find_quantities
from pipelines.parsing.readers import Paragraph
from pipelines.parsing.sections import Node

_SENTENCE_END = re.compile(r"(?<!\bTP)(?<!\bTp)(?<!\bTX)\.(?=\s+[^\W\d_])")
_STRONG = ";():.[]"
_WEAK = _STRONG + ","


@dataclass(frozen=True)
class Mention:
    """One quantity of a paragraph with the words around it, lower-cased for matching.

    `lead`: the words before the number back to the last ; ( ) : or . (its subject and verb);
    `clause`: the same without that cut, back to the previous number or the sentence start;
    `tail`: the words after the unit up to the next punctuation (the noun in "97.015 con trâu");
    `after`: everything after the unit up to the next number or the end of the sentence.
    """

    index: int
    q: Quantity
    lead: str
    clause: str
    tail: str
    after: str
    sentence: str
    sentence_before: str
    source_start: int
    status: str


@dataclass(frozen=True)
class Found:
    """What a rule says a mention is; the engine adds provenance and turns it into a Figure."""

    mention: Mention
    indicator: str
    category: str = "all"
    use_denominator: bool = False
    sign: int = 1
    unit: str | None = None
    area_code: str | None = None
    program: str | None = None
    project: str | None = None
    ref_year: int | None = None
    stars: int | None = None


@dataclass
class ParagraphContext:
    """A paragraph of results with its place in the outline and its quantities."""

    node: Node
    paragraph: Paragraph
    province_code: str | None
    mentions: list[Mention] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.paragraph.text.lower()

    @property
    def headings(self) -> str:
        """The titles of the headings above this paragraph, nearest first, lower-cased."""
        return " | ".join(self.node.heading_texts()).lower()

    def district(self, text: str) -> str | None:
        """The district a lead names at its end ("trong đó Tân Uyên có" -> Tân Uyên's code)."""
        return district_at_end(self.province_code, text)


def _status(sentence_before: str) -> str:
    if has(sentence_before, "sơ bộ"):
        return "preliminary"
    if has(sentence_before, "chính thức"):
        return "official"
    if has(sentence_before, "ước"):
        return "estimate"
    return "reported"


def _sentence_bounds(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        bounds.append((start, match.end()))
        start = match.end()
    bounds.append((start, len(text)))
    return bounds


def _cut_after_last(segment: str, stops: str) -> str:
    """The part of `segment` after its last stop character (ignoring stops at its very end)."""
    trimmed = segment.rstrip(" :")
    cut = max((trimmed.rfind(c) for c in stops), default=-1)
    return segment[cut + 1 :]


def _source_start(clause_start: int, clause: str, lead: str) -> int:
    """Where a figure's source text starts: at its lead, or back at its clause when the lead is one word."""
    shown = lead if len(lead.split()) >= 2 else clause
    return clause_start + len(clause) - len(shown) + len(shown) - len(shown.lstrip(" -+*•–,;.():"))


def _cut_before_first(segment: str, stops: str) -> str:
    positions = [p for p in (segment.find(c) for c in stops) if p >= 0]
    return segment[: min(positions)] if positions else segment


def paragraph_context(node: Node, paragraph: Paragraph, province_code: str | None) -> ParagraphContext:
    """Cut a paragraph into mentions: for each quantity its lead (subject), tail (noun) and sentence."""
    text = paragraph.text
    quantities = find_quantities(text)
    sentences = _sentence_bounds(text)
    context = ParagraphContext(node, paragraph, province_code)
    for i, q in enumerate(quantities):
        s_start, s_end = next((a, b) for a, b in sentences if a <= q.start < b)
        prev_end = max(s_start, quantities[i - 1].end if i else 0)
        next_start = min(s_end, quantities[i + 1].start if i + 1 < len(quantities) else len(text))
        lead = _cut_after_last(text[prev_end : q.start], _STRONG)
        tail = _cut_before_first(text[q.end : max(q.end, next_start)], _WEAK)
        sentence_before = text[s_start : q.start].lower()
        clause = text[prev_end : q.start]
        context.mentions.append(
            Mention(
                index=i,
                q=q,
                lead=" ".join(lead.lower().split()),
                clause=" ".join(clause.lower().split()),
                tail=" ".join(tail.lower().split()),
                after=" ".join(text[q.end : max(q.end, next_start)].lower().split()),
                sentence=text[s_start:s_end].lower(),
                sentence_before=sentence_before,
                source_start=_source_start(prev_end, clause, lead),
                status=_status(sentence_before),
            )
        )
    return context


@cache
def _word(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")


def has(text: str, *words: str) -> bool:
    """Whether any of `words` stands in `text` as whole words (a substring test first: it is cheap)."""
    return any(w in text and _word(w).search(text) for w in words)


def last_key(text: str, keywords: Mapping[str, str]) -> str | None:
    """The code of the keyword that ends last in `text` (the subject nearest a number); longer wins ties."""
    best: tuple[int, int, str] | None = None
    for word, code in keywords.items():
        if word not in text:
            continue
        for match in _word(word).finditer(text):
            rank = (match.end(), len(word), code)
            if best is None or rank[:2] > best[:2]:
                best = rank
    return best[2] if best else None


def first_key(text: str, keywords: Mapping[str, str]) -> str | None:
    """The code of the keyword that starts first in `text` (the noun right after a unit); longer wins ties."""
    best: tuple[int, int, str] | None = None
    for word, code in keywords.items():
        match = word in text and _word(word).search(text)
        if match and (best is None or (match.start(), -len(word)) < best[:2]):
            best = (match.start(), -len(word), code)
    return best[2] if best else None


def key_at_start(text: str, keywords: Mapping[str, str]) -> str | None:
    """The code of the keyword `text` begins with (the noun right after a unit: "con trâu")."""
    code = first_key(text, keywords)
    return code if code and any(text.startswith(w) and code == c for w, c in keywords.items()) else None


def all_keys(text: str, keywords: Mapping[str, str]) -> set[str]:
    return {code for word, code in keywords.items() if word in text and _word(word).search(text)}


_LEAD_FILLER = re.compile(
    r"(?:\s|^)(?:có|là|đạt|được|với|gồm|trong đó|riêng|tại|ở|của|:|,|-)+\s*$", re.IGNORECASE
)


def district_at_end(province_code: str | None, lead: str) -> str | None:
    """A district named by the last words of a lead, verbs and fillers stripped, else None."""
    if not province_code:
        return None
    text = lead
    while (match := _LEAD_FILLER.search(text)) and match.start() < len(text):
        text = text[: match.start()]
    words = text.replace(",", " ").split()
    if "các" in words[-4:]:
        return None
    for n in range(min(5, len(words)), 0, -1):
        code = find_district(province_code, " ".join(words[-n:]))
        if code:
            return code.code
    return None


def districts_named(province_code: str | None, text: str) -> set[str]:
    """Codes of the districts a sentence names as "huyện X" / "thành phố X" / "thị xã X"."""
    if not province_code:
        return set()
    found = set()
    for match in re.finditer(
        r"(?:huyện|thành phố|thị xã|tp\.?)\s+((?:[^\W\d_](?:[^\W\d_]|')*\s*){1,3})", text, re.IGNORECASE
    ):
        words = match.group(0).split()
        for n in range(len(words), 1, -1):
            district = find_district(province_code, " ".join(words[:n]))
            if district:
                found.add(district.code)
                break
    return found


def only(items: Iterable[str]) -> str | None:
    """The single item, or None when there are none or several (never guess between them)."""
    items = set(items)
    return items.pop() if len(items) == 1 else None
