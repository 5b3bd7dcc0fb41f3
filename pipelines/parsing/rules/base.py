"""The grammar the domain rules share: a number in its clause, with its subject before and its noun after.

Reports state figures as "subject (verb) number unit (noun)", in lists after "trong đó" / "gồm".
`paragraph_context` cuts a paragraph into `Mention`s so that a rule only has to say which words
name which indicator; a rule that is not sure returns nothing and the number stays unrecognised.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache

from pipelines.parsing.areas import find_district, is_commune_kind
from pipelines.parsing.numbers import NumberToken, Quantity, aligned_lower, find_quantities
from pipelines.parsing.readers import Paragraph
from pipelines.parsing.sections import Node

# A sentence ends at a "." followed by a letter, except after "TP." / "TX." / "TT." (a town's name
# follows: "TT. Liên Nghĩa").
_SENTENCE_END = re.compile(r"\.(?<!\bTP\.)(?<!\bTp\.)(?<!\bTX\.)(?<!\bTT\.)(?<!\bTt\.)(?=\s+[^\W\d_])")
_STRONG = ";():.[]"
_WEAK_STOP = re.compile("[" + re.escape(_STRONG + ",") + "]")
# Matched from a clause's start to the number: everything up to its last stop character, except
# colons among the spaces and colons that end the clause ("Đàn trâu: 92.760" has no stop).
# Possessive, so one pass over the clause: no backtracking, no reversed copy of it. The "." of a
# unit's kind ("TT. Di Linh có 3 HTX") is no stop: the kind is part of the lead.
_UP_TO_LAST_STOP = re.compile(
    r"(?:(?:[^;():.\[\]]|(?<=\b[Tt][PpXxTt])\.)*+(?:[;().\[\]]|:(?![ :]*+\Z)))*+"
)
# What a figure's source text does not start with (list dashes, stray punctuation).
_SOURCE_PADDING = re.compile(r"[ \-+*•–,;.():]*+")


@dataclass(eq=False)
class Mention:
    """One quantity of a paragraph with the words around it, lower-cased for matching.

    `lead`: the words before the number back to the last ; ( ) : or . (its subject and verb);
    `clause`: the same without that cut, back to the previous number or the sentence start;
    `tail`: the words after the unit up to the next punctuation (the noun in "97.015 con trâu");
    `after`: everything after the unit up to the next number or the end of the sentence;
    `sentence` and `sentence_before`: its sentence, whole and up to the number;
    `part`: its part of the sentence, between the ";" before and after the number (an exclusion
    word in another part, "...; các địa phương phòng, chống dịch", says nothing of it);
    `sentences`: the (start, end) of every sentence of its paragraph, shared by its mentions;
    `lead_start`: where `lead` stands in the paragraph;
    `status` (from `sentence_before`) and `source_start`: what its figure records.

    `paragraph_context` gives the positions, `lead`, `sentence_before`, `status` and
    `source_start`; the other words are cut from them when the mention is made (nearly every
    mention is asked for them). A paragraph's words are separated by single spaces
    (`join_paragraphs`), so stripping the ends of a cut tidies it. Rules read a mention, never
    change it.
    """

    index: int
    q: Quantity
    text: str = field(repr=False)
    lowered: str = field(repr=False)
    sentence_start: int
    sentence_end: int
    clause_start: int
    next_start: int
    lead: str
    sentence_before: str
    status: str
    source_start: int
    sentences: tuple[tuple[int, int], ...] = field(repr=False)
    lead_start: int

    clause: str = field(init=False, repr=False)
    tail: str = field(init=False, repr=False)
    after: str = field(init=False, repr=False)
    sentence: str = field(init=False, repr=False)
    part: str = field(init=False, repr=False)

    def __post_init__(self) -> None:
        lowered, q = self.lowered, self.q
        self.clause = lowered[self.clause_start : q.start].strip()
        stop = _WEAK_STOP.search(self.text, q.end, self.next_start)
        self.tail = lowered[q.end : stop.start() if stop else self.next_start].strip()
        self.after = lowered[q.end : self.next_start].strip()
        self.sentence = lowered[self.sentence_start : self.sentence_end]
        start = lowered.rfind(";", self.sentence_start, q.start) + 1 or self.sentence_start
        end = lowered.find(";", q.end, self.sentence_end)
        self.part = lowered[start : end if end >= 0 else self.sentence_end]


@dataclass(slots=True)
class Found:
    """What a rule says a mention is; the engine adds provenance and turns it into a Figure.

    Read-only by convention.
    """

    mention: Mention
    indicator: str
    category: str = "all"
    use_denominator: bool = False
    unit: str | None = None
    area_code: str | None = None
    program: str | None = None
    project: str | None = None
    ref_year: int | None = None
    stars: int | None = None
    # What the quantity is multiplied by to be in `unit`: a culled weight in tấn is stored in kg.
    factor: float = 1.0


@dataclass
class ParagraphContext:
    """A paragraph of results with its place in the outline and its quantities.

    `text` is the paragraph lower-cased, letter for letter (see `aligned_lower`); `units` are the
    units of its mentions (the engine calls only the rules that read one of them); `headings`
    and `text_and_headings` are computed once per paragraph.
    """

    node: Node
    paragraph: Paragraph
    province_code: str | None
    text: str
    mentions: list[Mention]
    units: frozenset[str | None]
    _districts_named: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)

    def districts_named(self, sentence: str) -> frozenset[str]:
        """`districts_named` for a sentence of this paragraph, worked out once per sentence: a
        rule asks for every number of it. Kept with the paragraph, never across reports."""
        named = self._districts_named.get(sentence)
        if named is None:
            named = self._districts_named[sentence] = districts_named(self.province_code, sentence)
        return named

    @cached_property
    def section_titles(self) -> tuple[str, ...]:
        """The titles of the headings above this paragraph, nearest first, in their own case
        (a unit's name is capitalised: "3. Huyện Đức Trọng")."""
        return tuple(self.node.heading_texts())

    @cached_property
    def heading_titles(self) -> tuple[str, ...]:
        """The titles of the headings above this paragraph, nearest first, lower-cased."""
        return tuple(title.lower() for title in self.section_titles)

    @cached_property
    def headings(self) -> str:
        """`heading_titles` as one text."""
        return " | ".join(self.heading_titles)

    @cached_property
    def text_and_headings(self) -> str:
        return f"{self.text} {self.headings}"

    def mentions_any(self, *words: str) -> bool:
        """Whether the paragraph contains any of `words` at all, whole or inside a longer word."""
        return any(word in self.text for word in words)

    def district(self, text: str) -> str | None:
        """The district a lead names at its end ("trong đó Tân Uyên có" -> Tân Uyên's code)."""
        return district_at_end(self.province_code, text)


_STATUS_WORDS = (("sơ bộ", "preliminary"), ("chính thức", "official"), ("ước", "estimate"))


def _status(sentence_before: str) -> str:
    for word, status in _STATUS_WORDS:
        if word in sentence_before and has(sentence_before, word):  # most sentences have none: no call
            return status
    return "reported"


def sentence_bounds(text: str) -> tuple[tuple[int, int], ...]:
    """The (start, end) of each sentence of a paragraph's text."""
    bounds, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        bounds.append((start, match.end()))
        start = match.end()
    bounds.append((start, len(text)))
    return tuple(bounds)


def paragraph_context(
    node: Node, paragraph: Paragraph, province_code: str | None, tokens: list[NumberToken] | None = None
) -> ParagraphContext | None:
    """Cut a paragraph into mentions: for each quantity its lead (subject), tail (noun) and sentence.

    None for a paragraph without quantities (its numbers are all dates, years or ids): no rule
    has anything to read in it. `tokens` are the paragraph's `number_tokens`, when the caller
    has them already.
    """
    text = paragraph.text
    lowered = aligned_lower(text, paragraph.lower)
    quantities = find_quantities(text, tokens, lowered)
    if not quantities:
        return None
    mentions: list[Mention] = []
    context = ParagraphContext(
        node, paragraph, province_code, lowered, mentions, frozenset([q.unit for q in quantities])
    )
    sentences = sentence_bounds(text)
    sentence_starts = [a for a, _ in sentences]
    ends = [q.start for q in quantities[1:]]
    ends.append(len(text))
    previous_end = 0
    for i, q in enumerate(quantities):
        start = q.start
        s_start, s_end = sentences[bisect.bisect_right(sentence_starts, start) - 1]
        clause_start = s_start if s_start > previous_end else previous_end
        next_start = ends[i] if ends[i] < s_end else s_end
        previous_end = q.end
        # The lead starts after the clause's last stop character; a figure's source text starts
        # at its lead, or at its clause when the lead is one word.
        lead_start = _UP_TO_LAST_STOP.match(text, clause_start, start).end()
        lead = lowered[lead_start:start].strip()  # the same letters and spaces as in `text`
        shown_start = lead_start if " " in lead else clause_start
        source_start = _SOURCE_PADDING.match(text, shown_start, start).end()
        sentence_before = lowered[s_start:start]
        mentions.append(
            Mention(
                i,
                q,
                text,
                lowered,
                s_start,
                s_end,
                clause_start,
                q.end if q.end > next_start else next_start,
                lead,
                sentence_before,
                _status(sentence_before),
                source_start,
                sentences,
                lowered.find(lead, lead_start) if lead else start,
            )
        )
    return context


def _whole(word: str) -> str:
    """The regex of `word` not inside a longer word: no word character right before or after it.

    The check before the word is written after it, as "the word, not preceded by a letter": a
    regex that opens with the word is searched for like a plain substring.
    """
    literal = re.escape(word)
    return rf"{literal}(?<!\w{literal})(?!\w)"


def open_bracket(m: Mention) -> int:
    """Where the bracket around a number opens in its sentence, -1 outside any: a bracket's
    words ("(năm 2022 là 2.120 triệu đồng, ...)", "(phá rừng 3 vụ, ...)") are its own part."""
    opened = m.lowered.rfind("(", m.sentence_start, m.q.start)
    return opened if opened > m.lowered.rfind(")", m.sentence_start, m.q.start) else -1


def whole_words(words: Iterable[str]) -> str:
    """One regex of `words` as whole words (see `_whole`), the longest first where two start at
    the same place."""
    return "|".join(_whole(word) for word in sorted(words, key=len, reverse=True))


@cache
def _words(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(whole_words(words))


class Keywords(dict[str, str]):
    """Lower-case words that name codes ("trâu bò" -> "buffalo_cattle").

    `first` is one regex of all the words, longest first (the tie-break when two start at the
    same place); `anywhere` finds every keyword at every position, overlapping ones too ("trâu
    bò" and "bò"), as a lookahead does not consume the text.
    """

    def __init__(self, words: Mapping[str, str]) -> None:
        super().__init__(words)
        alternatives = whole_words(self)
        self.first = re.compile(alternatives)
        self.anywhere = re.compile(f"(?=({alternatives}))")

    @classmethod
    def from_codes(cls, codes: Mapping[str, Iterable[str]]) -> Keywords:
        """Keywords from codes with their words, as a vocabulary file lists them ({"pig": ["lợn", "heo"]}).

        A word listed under two codes is refused: it could not say which one it names.
        """
        words: dict[str, str] = {}
        for code, listed in codes.items():
            for word in listed:
                if words.setdefault(word, code) != code:
                    raise ValueError(f"'{word}' is listed under both {words[word]} and {code}")
        return cls(words)


def has(text: str, *words: str) -> bool:
    """Whether any of `words` stands in `text` as whole words (one regex of them all)."""
    return _words(words).search(text) is not None


def last_key(text: str, keywords: Keywords) -> str | None:
    """The code of the keyword that ends last in `text` (the subject nearest a number); longer wins ties."""
    # `max` keeps the first of equal ends, the one that starts first: the longer.
    match = max(keywords.anywhere.finditer(text), key=lambda m: m.end(1), default=None)
    return keywords[match.group(1)] if match else None


def first_key(text: str, keywords: Keywords) -> str | None:
    """The code of the keyword that starts first in `text` (the noun right after a unit); longer wins ties."""
    match = keywords.first.search(text)
    return keywords[match.group()] if match else None


def key_at_start(text: str, keywords: Keywords) -> str | None:
    """The code of the keyword `text` begins with (the noun right after a unit: "con trâu"); longer wins."""
    match = keywords.first.match(text)
    return keywords[match.group()] if match else None


def all_keys(text: str, keywords: Mapping[str, str]) -> set[str]:
    """The codes of all the keywords in `text`."""
    return {code for word, code in keywords.items() if has(text, word)}


_FILLERS = ("có", "là", "đạt", "được", "với", "gồm", "trong đó", "riêng", "tại", "ở", "của", ":", ",", "-")
_LEAD_FILLER = re.compile(r"(?:\s|^)(?:" + "|".join(_FILLERS) + r")+\s*$", re.IGNORECASE)
# A text `_LEAD_FILLER` matches ends, spaces aside, in one of these once lower-cased ("ı" and the
# lower case of "İ" are what the regex also takes for "i"): a test that spares most leads its search.
_FILLER_ENDS = frozenset({filler[-1] for filler in _FILLERS} | {"ı", "İ".lower()})


@lru_cache(maxsize=4096)
def district_at_end(province_code: str | None, lead: str) -> str | None:
    """A district named by the last words of a lead, verbs and fillers stripped, else None
    (also where a commune's kind stands before the name: the commune is named). A name lookup,
    cached as `find_district` is: the engine and the rules ask it of the same leads."""
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
            # "thị trấn Tân Uyên", "xã Ea H'leo": a commune's name, not its namesake district's.
            kind = words[-n - 2 : -n]
            if any(is_commune_kind(" ".join(kind[i:])) for i in range(len(kind))):
                return None
            return code.code
    return None


_DISTRICT_NAMED = re.compile(
    r"(?:huyện|thành phố|thị xã|tp\.?)\s+((?:[^\W\d_](?:[^\W\d_]|')*\s*){1,3})", re.IGNORECASE
)


# A plural kind lists several districts ("tại các huyện Krông Búk, Cư Kuin, Lắk"), up to a stop.
_PLURAL_KIND = re.compile(r"(?:các|những)\s+$", re.IGNORECASE)
_LIST_END = re.compile(r"[.;:()\d]")
_LIST_SEPARATOR = re.compile(r",|\s+và\s+")


def districts_named(province_code: str | None, text: str) -> frozenset[str]:
    """Codes of the districts a sentence names as "huyện X" / "thành phố X" / "thị xã X", and
    each name of a list after a plural kind ("các huyện A, B và C")."""
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
        if _PLURAL_KIND.search(text, max(0, match.start() - 8), match.start()):
            end = _LIST_END.search(text, match.start(1))
            listed = text[match.start(1) : end.start() if end else len(text)]
            for item in _LIST_SEPARATOR.split(listed):
                words = item.split()
                for n in range(min(3, len(words)), 0, -1):
                    district = find_district(province_code, " ".join(words[:n]))
                    if district:
                        found.add(district.code)
                        break
    return frozenset(found)


def only(items: Iterable[str]) -> str | None:
    """The single item, or None when there are none or several (never guess between them)."""
    items = set(items)
    return items.pop() if len(items) == 1 else None
