"""Aquaculture: pond area, tank and cage volume, production farmed and caught."""

from __future__ import annotations

from pipelines.parsing.rules.base import Found, Mention, ParagraphContext, has
from pipelines.parsing.vocabulary import vocabulary

WORDS = vocabulary(__file__)
PARAGRAPH, SENTENCE = WORDS["paragraph"], WORDS["sentence"]
AREAS, VOLUMES = WORDS["areas"], WORDS["volumes"]
PRODUCTION, FARMED, CAUGHT = WORDS["production"], WORDS["farmed"], WORDS["caught"]
ALL_PRODUCTION, LIST_OPENERS = WORDS["all_production"], WORDS["list_openers"]
NOT_PRODUCTION = WORDS["not_production"]
UNITS = frozenset(("ha", "m3", "ton"))


def _production_part(m: Mention) -> bool:
    """A part of the production its sentence names before it, the lead being just the part's
    word ("..., trong đó nuôi trồng 31.500 tấn, khai thác 16.700 tấn"): a longer lead ("con
    giống thả nuôi 30 tấn") may be anything else."""
    if not has(m.sentence_before, *PRODUCTION):
        return False
    part = m.lead.strip(" ,-")
    for opener in LIST_OPENERS:
        part = part.removeprefix(opener).strip(" ,:")
    return part in FARMED or part in CAUGHT


def _figure(m: Mention) -> Found | None:
    if m.q.unit in ("ha", "m3"):
        subject = m.clause + " " + m.tail
        indicator, categories = (
            ("aquaculture_area", AREAS) if m.q.unit == "ha" else ("aquaculture_volume", VOLUMES)
        )
        category = next((code for code, words in categories.items() if has(subject, *words)), None)
        if category:
            return Found(m, indicator, category)
    if m.q.unit != "ton" or has(m.lead, *NOT_PRODUCTION):
        return None
    if not (has(m.lead, *PRODUCTION) or _production_part(m)):
        return None
    farmed = has(m.lead, *FARMED)
    caught = has(m.lead, *CAUGHT)
    if farmed and caught:
        return Found(m, "aquaculture_production", "all")
    if farmed:
        return Found(m, "aquaculture_production", "farmed")
    if caught:
        return Found(m, "aquaculture_production", "caught")
    if has(m.lead, *ALL_PRODUCTION):
        return Found(m, "aquaculture_production", "all")
    return None


def extract(par: ParagraphContext) -> list[Found]:
    if not has(par.text_and_headings, *PARAGRAPH):
        return []
    return [f for m in par.mentions if m.q.unit in UNITS and (f := _figure(m)) and has(m.sentence, *SENTENCE)]
