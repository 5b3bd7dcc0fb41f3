"""Forest environment services (DVMTR): revenue and spending to date, spending by plan year."""

from __future__ import annotations

import re

from pipelines.parsing.rules.base import Found, Mention, ParagraphContext, has
from pipelines.parsing.vocabulary import vocabulary

WORDS = vocabulary(__file__)
PARAGRAPH, REVENUE, SPENDING, PLAN = WORDS["paragraph"], WORDS["revenue"], WORDS["spending"], WORDS["plan"]
RATE = WORDS["rate"]
_PLAN_YEAR = re.compile(r"năm(?<!\wnăm)\s+((?:19|20)\d\d)(?!\s*-)")


def _figure(m: Mention) -> Found | None:
    """Revenue or spending as its lead says ("Thu tiền DVMTR 9 tháng đạt": a count of months is
    no number, so the lead goes back over it); a rate ("420.000 đồng/ha", "đơn giá chi trả bình
    quân") is no amount of money."""
    lead = m.lead
    if m.q.unit != "mvnd" or m.tail.startswith("/") or has(lead, *RATE):
        return None
    year_match = _PLAN_YEAR.search(lead)
    # The plan word stands before its year: "Năm 2023, tổng thu tiền DVMTR" names the window.
    year = int(year_match.group(1)) if year_match and has(lead[: year_match.start()], *PLAN) else None
    if has(lead, *REVENUE):
        return Found(m, "fes_revenue", ref_year=year)
    if has(lead, *SPENDING):
        return Found(m, "fes_spending", ref_year=year)
    return None


UNITS = frozenset(("mvnd",))  # fees, in million VND


def extract(par: ParagraphContext) -> list[Found]:
    if not has(par.text_and_headings, *PARAGRAPH):
        return []
    return [
        f
        for m in par.mentions
        if m.q.unit == "mvnd" and (f := _figure(m))
    ]
