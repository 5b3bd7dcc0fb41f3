"""Cooperatives and farms: by sector, by district, area, jobs; cooperatives owning OCOP products."""

from __future__ import annotations

from pipelines.parsing.rules.base import Found, Keywords, Mention, ParagraphContext, first_key, has
from pipelines.parsing.vocabulary import vocabulary

WORDS = vocabulary(__file__)
SECTORS = Keywords.from_codes(WORDS["sectors"])
TOTAL, ACTIVE, OWNING, SHARE = WORDS["total"], WORDS["active"], WORDS["owning"], WORDS["share"]
COOPERATIVE, OCOP, FARM = WORDS["cooperative"], WORDS["ocop"], WORDS["farm"]
FARM_AREA, FARM_JOBS = WORDS["farm_area"], WORDS["farm_jobs"]
# Cooperatives, the OCOP products they own (and their share), farms with their area and jobs.
UNITS = frozenset(("cooperative", "product", "pct", "farm", "ha", "person"))


def _cooperative(par: ParagraphContext, m: Mention) -> list[Found]:
    if has(m.tail, *OWNING):
        return [Found(m, "cooperatives_owning_ocop")]
    district = par.district(m.lead)
    sector = first_key(m.tail, SECTORS) or "all"
    if district:
        return [Found(m, "cooperatives", sector, area_code=district)]
    if sector != "all" or has(m.lead, *TOTAL) or has(m.tail, *ACTIVE):
        return [Found(m, "cooperatives", sector)]
    return []


def _owned_ocop(m: Mention) -> list[Found]:
    if m.q.unit == "product" and has(m.lead, *OWNING):
        found = [Found(m, "ocop_products", "owned_by_cooperatives")]
        if m.q.denominator is not None:
            found.append(Found(m, "ocop_products", "certified_total", use_denominator=True))
        return found
    if m.q.unit == "pct" and has(m.lead, *SHARE):
        return [Found(m, "ocop_share_owned_by_cooperatives")]
    return []


def _farm(par: ParagraphContext, m: Mention) -> list[Found]:
    if m.q.unit == "farm":
        district = par.district(m.lead)
        sector = first_key(m.tail, SECTORS) or "all"
        return [Found(m, "farms", sector, area_code=district)]
    if m.q.unit == "ha" and has(m.lead, *FARM_AREA):
        return [Found(m, "farm_area")]
    if m.q.unit == "person" and has(m.lead, *FARM_JOBS):
        return [Found(m, "farm_jobs")]
    return []


def extract(par: ParagraphContext) -> list[Found]:
    found: list[Found] = []
    for m in par.mentions:
        if m.q.unit not in UNITS:
            continue
        if m.q.unit == "cooperative":
            found += _cooperative(par, m)
        elif has(m.sentence, *COOPERATIVE) and has(m.sentence, *OCOP):
            found += _owned_ocop(m)
        elif has(m.sentence, *FARM):
            found += _farm(par, m)
    return found
