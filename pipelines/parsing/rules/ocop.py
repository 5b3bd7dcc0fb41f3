"""OCOP products: evaluated, certified (new) with stars, not certified, re-certified, cumulative totals.

Cooperative-owned OCOP products ("36 HTX sở hữu 71/194 sản phẩm OCOP") are read in cooperatives.py.
"""

from __future__ import annotations

import re

from pipelines.parsing import meaning
from pipelines.parsing.rules.base import Found, Mention, ParagraphContext, has
from pipelines.parsing.rules.cooperatives import OWNING
from pipelines.parsing.vocabulary import vocabulary

_STARS = re.compile(r"(?<![\d-])([345])\s*sao(?!\w)")
_STAR_RANGE = re.compile(r"\d\s*-\s*\d\s*sao")
_STARS_AT_END = re.compile(r"(?<![\d-])([345])\s*sao\W*$")
_PART_STOP = re.compile(r"[,;:(]")
WORDS = vocabulary(__file__)
OCOP, EXHIBITION, NOT_A_RESULT = WORDS["ocop"], WORDS["exhibition"], WORDS["not_a_result"]
MEASURES = tuple(WORDS["measures"].items())  # checked in this order
ADDED, RATING, PART_OF = WORDS["added"], WORDS["rating"], WORDS["part_of"]
CERTIFYING = tuple(w for w in WORDS["measures"]["certified"] if w not in RATING)
STOCK_VERB, BY_NOW, STOCK_TITLES = WORDS["stock_verb"], WORDS["by_now"], WORDS["stock_titles"]
_PART = re.compile("|".join(rf"(?<!\w){re.escape(word)}(?!\w)" for word in PART_OF))
EVALUATED = WORDS["evaluated"]
AT_LEAST = WORDS["at_least"]
HAVING, MONTH_WINDOWS = WORDS["having"], WORDS["month_windows"]
NAMED_TOTAL = tuple(w for w in WORDS["measures"]["certified_total"] if w not in HAVING)
_EXPIRED = re.compile("|".join(rf"(?<!\w){re.escape(word)}(?!\w)" for word in WORDS["expired"]))


def stars_after(after: str) -> int | None:
    """The one star rating named after a count, before the next number: "(sản phẩm OCOP 4 sao)"."""
    ratings = {int(s) for s in _STARS.findall(after)}
    if len(ratings) != 1 or _STAR_RANGE.search(after) or has(after, *AT_LEAST):  # "từ 3 sao trở lên"
        return None
    return ratings.pop()


def stars_of(m: Mention) -> int | None:
    """A count's star rating: named right after it ("4 sản phẩm 5 sao, 71 sản phẩm 4 sao"), else
    right before it in its own part ("OCOP 4 sao 3 sản phẩm, OCOP 3 sao 11 sản phẩm"), else
    further after it, leaving the next count its own rating."""
    if _STARS.search(m.tail):
        return stars_after(m.tail)
    if _own_rating_before(m.clause, m.clause_start == m.sentence_start) and not has(m.clause, *AT_LEAST):
        return int(_STARS_AT_END.search(m.clause).group(1))
    after = m.after
    if m.next_start < m.sentence_end and _own_rating_before(after, False):
        after = _STARS_AT_END.sub("", after)
    return stars_after(after)


def _own_rating_before(text: str, opens_sentence: bool) -> bool:
    """Whether `text` (the words before a count) ends in a rating of that count: one that opens
    the sentence or a part of it ("…, OCOP 3 sao", "(3 sao"), not the rating after the count before it."""
    match = _STARS_AT_END.search(text)
    return bool(match) and (opens_sentence or bool(_PART_STOP.search(text, 0, match.start())))


def _measure(text: str) -> str | None:
    """The first measure `text` names, outside its windows ("lũy kế từ đầu năm đã công nhận": new
    ones); an addition ("toàn tỉnh có thêm") is new, not the stock."""
    text = meaning.without_windows(text)
    code = next((code for code, words in MEASURES if has(text, *words)), None)
    return "certified" if code == "certified_total" and has(text, *ADDED) else code


def _stock(m: Mention) -> bool:
    """A count is the stock after "có" in a sentence saying "đến nay" with no window in its part
    ("Đến nay, Quảng Nam có hơn 400 sản phẩm"), or in a list under a stock's title."""
    title = m.sentence.split(":", 1)[0].strip(" -+•*") if ":" in m.sentence else ""
    if title in STOCK_TITLES:
        return True
    words = m.lead.split()
    verb = " ".join(words[-2:] if m.q.qualifier else words[-1:])  # "có hơn 400"
    by_now = has(m.sentence_before, *BY_NOW) and not meaning.names_scope(m.part)
    # "phấn đấu có thêm 50 sản phẩm; đến nay đã có 37 sản phẩm được công nhận, đạt 74% kế
    # hoạch": a count held against a target is the period's additions, never the stock.
    return by_now and has(verb, *STOCK_VERB) and not meaning.names_plan(m.sentence)


def _in_window(m: Mention) -> bool:
    """Whether a window of new products ("Năm 2023,", "9 tháng đầu năm,", "Trong tháng,") stands
    before the count in its part of the sentence; "lũy kế" windows also name a total."""
    before = m.sentence_before.rsplit(";", 1)[-1]
    return any(
        (scope in ("annual", "year_to_date") and not has(words, *NAMED_TOTAL)) or words in MONTH_WINDOWS
        for scope, words in meaning.scope_words(before)
    )


def _measure_of(m: Mention, before: str | None) -> str | None:
    """What a count measures: from its own words, else the measure of the count `before` it in
    its sentence ("Lũy kế ... có 194 sản phẩm, gồm 150 sản phẩm 3 sao"), else from its sentence.
    In a part of a stock "đạt" is a rating ("trong đó có 2 sản phẩm đạt 5 sao": the stock's), and
    products a stock's sentence says were certified are the stock, unless they were added."""
    parts = _PART.split(m.lead)  # a part's own words follow "trong đó": the words before are its whole's
    own = parts[-1] + " " + _EXPIRED.split(m.tail, 1)[0]  # "hết hạn công nhận" is the products' past
    measure = _measure(own)
    if measure == "certified_total" and not has(meaning.without_windows(own), *NAMED_TOTAL) and _in_window(m):
        # "Năm 2023, toàn tỉnh có 45 sản phẩm được công nhận": the year's, not the stock.
        return "certified" if has(own, *CERTIFYING) else None
    if measure == "certified" and before == "certified_total" and len(parts) > 1:
        return measure if has(own, *CERTIFYING) else before
    if (
        measure == "certified" and not has(own, *ADDED) and _stock(m)
    ):  # "đến nay có 256 sản phẩm được công nhận"
        return "certified_total"
    if measure or before:
        return measure or before
    return _measure(m.sentence_before) or ("certified_total" if _stock(m) else None)


def _figures(m: Mention, measure: str) -> list[Found]:
    stars = stars_of(m) if measure in ("certified", "recertified", "certified_total") else None
    found = [Found(m, "ocop_products", measure, stars=stars)]
    if m.q.denominator is not None and has(m.sentence_before + " " + m.tail, *EVALUATED):
        found.append(Found(m, "ocop_products", "evaluated", use_denominator=True))
    return found


def _about_ocop(m: Mention, cooperatives_at: dict[int, int]) -> bool:
    """Whether a count of products is of OCOP products this rule reads: its sentence names OCOP
    or a star rating, no fair, and no cooperatives owning them (read by cooperatives.py)."""
    if not (has(m.sentence, *OCOP) or _STARS.search(m.sentence)) or has(m.sentence, *EXHIBITION):
        return False
    if m.q.start > cooperatives_at.get(m.sentence_start, m.q.end) or has(m.lead, *OWNING):
        return False
    return not has(m.lead + " " + m.tail, *NOT_A_RESULT)


UNITS = frozenset(("product",))


def extract(par: ParagraphContext) -> list[Found]:
    found: list[Found] = []
    # Products after a count of cooperatives in its sentence are theirs ("Có 89 HTX tham gia
    # Chương trình OCOP với 142 sản phẩm"); those before it are the province's ("Toàn tỉnh có 210
    # sản phẩm OCOP của 131 chủ thể, trong đó có 37 HTX").
    cooperatives_at: dict[int, int] = {}
    for m in par.mentions:
        if m.q.unit == "cooperative":
            cooperatives_at.setdefault(m.sentence_start, m.q.start)
    sentence, measure = -1, None  # the sentence of the count before, and its measure
    for m in par.mentions:
        if m.q.unit != "product" or not _about_ocop(m, cooperatives_at):
            continue
        measure = _measure_of(m, measure if sentence == m.sentence_start else None)
        sentence = m.sentence_start
        if measure:
            found += _figures(m, measure)
    return found
