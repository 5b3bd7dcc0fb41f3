"""OCOP products: evaluated, certified (new) with stars, not certified, re-certified, cumulative totals.

Cooperative-owned OCOP products ("36 HTX sở hữu 71/194 sản phẩm OCOP") are read in cooperatives.py.
"""

from __future__ import annotations

import re

from pipelines.parsing.rules.base import Found, Mention, ParagraphContext, has
from pipelines.parsing.vocabulary import vocabulary

_STARS = re.compile(r"(?<![\d-])([345])\s*sao(?!\w)")
_STAR_RANGE = re.compile(r"\d\s*-\s*\d\s*sao")
WORDS = vocabulary(__file__)
OCOP, COOPERATIVE, EXHIBITION = WORDS["ocop"], WORDS["cooperative"], WORDS["exhibition"]
MEASURES = tuple(WORDS["measures"].items())  # checked in this order
EVALUATED = WORDS["evaluated"]
AT_LEAST = WORDS["at_least"]


def stars_after(after: str) -> int | None:
    """The one star rating named after a count, before the next number: "(sản phẩm OCOP 4 sao)"."""
    ratings = {int(s) for s in _STARS.findall(after)}
    if len(ratings) != 1 or _STAR_RANGE.search(after) or has(after, *AT_LEAST):  # "từ 3 sao trở lên"
        return None
    return ratings.pop()


def _measure(text: str) -> str | None:
    return next((code for code, words in MEASURES if has(text, *words)), None)


def _figures(m: Mention, measure: str) -> list[Found]:
    stars = stars_after(m.after) if measure in ("certified", "recertified", "certified_total") else None
    found = [Found(m, "ocop_products", measure, stars=stars)]
    if m.q.denominator is not None and has(m.sentence_before + " " + m.tail, *EVALUATED):
        found.append(Found(m, "ocop_products", "evaluated", use_denominator=True))
    return found


UNITS = frozenset(("product",))


def extract(par: ParagraphContext) -> list[Found]:
    found: list[Found] = []
    for m in par.mentions:
        if m.q.unit != "product" or not has(m.sentence, *OCOP) or has(m.sentence, *COOPERATIVE):
            continue
        if has(m.sentence, *EXHIBITION):
            continue
        # "gồm 150 sản phẩm 3 sao" inherits the measure of the sentence ("Lũy kế ... có 194 sản phẩm").
        measure = _measure(m.lead + " " + m.tail) or _measure(m.sentence_before)
        if measure:
            found += _figures(m, measure)
    return found
