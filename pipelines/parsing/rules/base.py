"""The grammar the domain rules share: a number in its clause, with its subject before and its noun after.

Reports state figures as "subject (verb) number unit (noun)", in lists after "trong đó" / "gồm".
`paragraph_context` cuts a paragraph into `Mention`s so that a rule only has to say which words
name which indicator; a rule that is not sure returns nothing and the number stays unrecognised.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache

from pipelines.parsing.areas import find_district
from pipelines.parsing.lazy import once
from pipelines.parsing.numbers import NumberToken, Quantity, find_quantities
from pipelines.parsing.readers import Paragraph
from pipelines.parsing.sections import Node

# A regex that opens with a literal is searched for like a plain substring; one that opens
# with a lookbehind is tried at every position, many times slower. So the lookbehinds of these
# patterns come after their first literal ("." here, the word in `_word`).
_SENTENCE_END = re.compile(r"\.(?<!\bTP\.)(?<!\bTp\.)(?<!\bTX\.)(?=\s+[^\W\d_])")
_STRONG = ";():.[]"
_STRONG_STOP = re.compile("[" + re.escape(_STRONG) + "]")
_WEAK_STOP = re.compile("[" + re.escape(_STRONG + ",") + "]")


@dataclass(eq=False)
class Mention:
    """One quantity of a paragraph with the words around it, lower-cased for matching.

    `lead`: the words before the number back to the last ; ( ) : or . (its subject and verb);
    `clause`: the same without that cut, back to the previous number or the sentence start;
    `tail`: the words after the unit up to the next punctuation (the noun in "97.015 con trâu");
    `after`: everything after the unit up to the next number or the end of the sentence;
    `sentence` and `sentence_before`: its sentence, whole and up to the number;
    `status` (from `sentence_before`) and `source_start`: what its figure records.

    `lead_start`, `sentence_before`, `status` and `source_start` are computed by `paragraph_context`:
    every figure needs them, and nearly every quantity becomes a figure. The other words are cut
    out when a rule first asks for them: most rules turn a number down on its unit alone.
    Rules read a mention, never change it.
    """

    index: int
    q: Quantity
    text: str = field(repr=False)
    lower: Callable[[int, int], str] = field(repr=False)
    sentence_start: int
    sentence_end: int
    clause_start: int
    next_start: int
    lead_start: int
    sentence_before: str
    status: str
    source_start: int

    @once
    def lead(self) -> str:
        return " ".join(self.lower(self.lead_start, self.q.start).split())

    @once
    def clause(self) -> str:
        return " ".join(self.lower(self.clause_start, self.q.start).split())

    @once
    def tail(self) -> str:
        stop = _WEAK_STOP.search(self.text, self.q.end, self.next_start)
        return " ".join(self.lower(self.q.end, stop.start() if stop else self.next_start).split())

    @once
    def after(self) -> str:
        return " ".join(self.lower(self.q.end, self.next_start).split())

    @once
    def sentence(self) -> str:
        return self.lower(self.sentence_start, self.sentence_end)


@dataclass(slots=True)
class Found:
    """What a rule says a mention is; the engine adds provenance and turns it into a Figure.

    Read-only by convention, not frozen: a frozen dataclass costs several times more to make.
    """

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
    """A paragraph of results with its place in the outline and its quantities.

    `text` is the paragraph lower-cased; `headings` and `text_and_headings` are computed once per
    paragraph: every rule reads them.
    """

    node: Node
    paragraph: Paragraph
    province_code: str | None
    text: str
    mentions: list[Mention] = field(default_factory=list)
    _districts_named: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)

    def districts_named(self, sentence: str) -> frozenset[str]:
        """`districts_named` for a sentence of this paragraph, worked out once per sentence: a
        rule asks for every number of it. Kept with the paragraph, never across reports."""
        named = self._districts_named.get(sentence)
        if named is None:
            named = self._districts_named[sentence] = districts_named(self.province_code, sentence)
        return named

    @once
    def headings(self) -> str:
        """The titles of the headings above this paragraph, nearest first, lower-cased."""
        return " | ".join(self.node.heading_texts()).lower()

    @once
    def text_and_headings(self) -> str:
        return f"{self.text} {self.headings}"

    @once
    def units(self) -> frozenset[str | None]:
        """The units of its mentions: a rule that reads none of them can skip the paragraph."""
        return frozenset(m.q.unit for m in self.mentions)

    def mentions_any(self, *words: str) -> bool:
        """Whether the paragraph contains any of `words` at all: a rule that reads only sentences
        naming one of them can skip a paragraph without (a cheap substring test, no regex)."""
        text = self.text
        for word in words:
            if word in text:
                return True
        return False

    def district(self, text: str) -> str | None:
        """The district a lead names at its end ("trong đó Tân Uyên có" -> Tân Uyên's code)."""
        return district_at_end(self.province_code, text)


_STATUS_WORDS = (("sơ bộ", "preliminary"), ("chính thức", "official"), ("ước", "estimate"))


def _status(sentence_before: str) -> str:
    for word, status in _STATUS_WORDS:
        if word in sentence_before and has(sentence_before, word):  # most sentences have none: no call
            return status
    return "reported"


def _sentence_bounds(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        bounds.append((start, match.end()))
        start = match.end()
    bounds.append((start, len(text)))
    return bounds


def _lower_slice(text: str, lowered: str) -> Callable[[int, int], str]:
    """`text[a:b].lower()` for many slices of one text, from `lowered`, the whole text lowered once.

    Slicing the lowered text gives the same, except around the two letters whose lower case
    depends on their neighbours or has another length (final sigma, dotted capital I).
    """
    if "Σ" in text or "İ" in text:
        return lambda a, b: text[a:b].lower()
    return lambda a, b: lowered[a:b]


def paragraph_context(
    node: Node, paragraph: Paragraph, province_code: str | None, tokens: list[NumberToken] | None = None
) -> ParagraphContext:
    """Cut a paragraph into mentions: for each quantity its lead (subject), tail (noun) and sentence.

    `tokens` are the paragraph's `number_tokens`, when the caller has them already.
    """
    text = paragraph.text
    lowered = paragraph.lower
    lower = _lower_slice(text, lowered)
    quantities = find_quantities(text, tokens)
    context = ParagraphContext(node, paragraph, province_code, lowered)
    if not quantities:  # numbers that are all dates, years or ids: no sentences to cut
        return context
    sentences = _sentence_bounds(text)
    sentence_starts = [a for a, _ in sentences]
    for i, q in enumerate(quantities):
        s_start, s_end = sentences[bisect.bisect_right(sentence_starts, q.start) - 1]
        prev_end = max(s_start, quantities[i - 1].end if i else 0)
        next_start = min(s_end, quantities[i + 1].start if i + 1 < len(quantities) else len(text))
        # The lead starts after the clause's last stop character (ignoring stops at its very end);
        # a figure's source text starts at its lead, or at its clause when the lead is one word.
        lead_start = prev_end + _last_strong_stop(text[prev_end : q.start].rstrip(" :")) + 1
        shown_start = lead_start if len(text[lead_start : q.start].split(None, 1)) == 2 else prev_end
        source_start = q.start - len(text[shown_start : q.start].lstrip(" -+*•–,;.():"))
        sentence_before = lower(s_start, q.start)
        context.mentions.append(
            Mention(
                i,
                q,
                text,
                lower,
                s_start,
                s_end,
                prev_end,
                max(q.end, next_start),
                lead_start,
                sentence_before,
                _status(sentence_before),
                source_start,
            )
        )
    return context


def _last_strong_stop(text: str) -> int:
    """The index of the last stop character of `text`, or -1: one search of the reversed text costs
    less than a `rfind` for each of them."""
    match = _STRONG_STOP.search(text[::-1])
    return len(text) - 1 - match.start() if match else -1


@cache
def _word(word: str) -> re.Pattern[str]:
    """`word` not inside a longer word: no word character right before or after it."""
    literal = re.escape(word)
    return re.compile(rf"{literal}(?<!\w{literal})(?!\w)")


def has(text: str, *words: str) -> bool:
    """Whether any of `words` stands in `text` as whole words (a substring test first: it is cheap)."""
    for word in words:
        if word in text and _word(word).search(text):
            return True
    return False


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


_FILLERS = ("có", "là", "đạt", "được", "với", "gồm", "trong đó", "riêng", "tại", "ở", "của", ":", ",", "-")
_LEAD_FILLER = re.compile(r"(?:\s|^)(?:" + "|".join(_FILLERS) + r")+\s*$", re.IGNORECASE)
# A text `_LEAD_FILLER` matches ends, spaces aside, in one of these once lower-cased ("ı" and the
# lower case of "İ" are what the regex also takes for "i"): a test that spares most leads its search.
_FILLER_ENDS = frozenset({filler[-1] for filler in _FILLERS} | {"ı", "İ".lower()})


def district_at_end(province_code: str | None, lead: str) -> str | None:
    """A district named by the last words of a lead, verbs and fillers stripped, else None."""
    if not province_code:
        return None
    text = lead
    while (
        text.rstrip()[-1:].lower() in _FILLER_ENDS
        and (match := _LEAD_FILLER.search(text))
        and match.start() < len(text)
    ):
        text = text[: match.start()]
    words = text.replace(",", " ").split()
    if "các" in words[-4:]:
        return None
    for n in range(min(5, len(words)), 0, -1):
        code = find_district(province_code, " ".join(words[-n:]))
        if code:
            return code.code
    return None


_DISTRICT_NAMED = re.compile(
    r"(?:huyện|thành phố|thị xã|tp\.?)\s+((?:[^\W\d_](?:[^\W\d_]|')*\s*){1,3})", re.IGNORECASE
)


def districts_named(province_code: str | None, text: str) -> frozenset[str]:
    """Codes of the districts a sentence names as "huyện X" / "thành phố X" / "thị xã X"."""
    if not province_code:
        return frozenset()
    found = set()
    for match in _DISTRICT_NAMED.finditer(text):
        words = match.group(0).split()
        for n in range(len(words), 1, -1):
            district = find_district(province_code, " ".join(words[:n]))
            if district:
                found.add(district.code)
                break
    return frozenset(found)


def only(items: Iterable[str]) -> str | None:
    """The single item, or None when there are none or several (never guess between them)."""
    items = set(items)
    return items.pop() if len(items) == 1 else None
