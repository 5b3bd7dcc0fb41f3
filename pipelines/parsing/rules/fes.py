"""Forest environment services (DVMTR): revenue and spending to date, spending by plan year."""

from __future__ import annotations

import re

from pipelines.parsing.rules.base import Found, Mention, ParagraphContext, has

_PLAN_YEAR = re.compile(r"năm(?<!\wnăm)\s+((?:19|20)\d\d)(?!\s*-)")


def _figure(m: Mention) -> Found | None:
    if m.q.unit != "mvnd":
        return None
    year_match = _PLAN_YEAR.search(m.lead)
    year = int(year_match.group(1)) if year_match and has(m.lead, "kế hoạch") else None
    if has(m.lead, "tổng thu", "thu", "số thu"):
        return Found(m, "fes_revenue", ref_year=year)
    if has(m.lead, "tổng chi", "chi", "giải ngân"):
        return Found(m, "fes_spending", ref_year=year)
    return None


UNITS = frozenset(("mvnd",))  # fees, in million VND


def extract(par: ParagraphContext) -> list[Found]:
    if not has(par.text_and_headings, "dvmtr", "dịch vụ môi trường rừng"):
        return []
    return [f for m in par.mentions if m.q.unit == "mvnd" and (f := _figure(m))]
