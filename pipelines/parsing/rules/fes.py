"""Forest environment services (DVMTR): revenue and spending to date, spending by plan year."""

from __future__ import annotations

import re

from pipelines.parsing.rules.base import Found, Mention, ParagraphContext, has
from pipelines.parsing.vocabulary import vocabulary

WORDS = vocabulary(__file__)
PARAGRAPH, REVENUE, SPENDING, PLAN = WORDS["paragraph"], WORDS["revenue"], WORDS["spending"], WORDS["plan"]
_PLAN_YEAR = re.compile(r"năm(?<!\wnăm)\s+((?:19|20)\d\d)(?!\s*-)")


def _figure(m: Mention) -> Found | None:
    if m.q.unit != "mvnd":
        return None
    year_match = _PLAN_YEAR.search(m.lead)
    year = int(year_match.group(1)) if year_match and has(m.lead, *PLAN) else None
    if has(m.lead, *REVENUE):
        return Found(m, "fes_revenue", ref_year=year)
    if has(m.lead, *SPENDING):
        return Found(m, "fes_spending", ref_year=year)
    return None


UNITS = frozenset(("mvnd",))  # fees, in million VND


def extract(par: ParagraphContext) -> list[Found]:
    if not has(par.text_and_headings, *PARAGRAPH):
        return []
    return [f for m in par.mentions if m.q.unit == "mvnd" and (f := _figure(m))]
