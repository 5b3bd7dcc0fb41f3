"""Aquaculture: pond area, tank and cage volume, production farmed and caught."""

from __future__ import annotations

from pipelines.parsing.rules.base import Found, Mention, ParagraphContext, has

UNITS = frozenset(("ha", "m3", "ton"))


def _figure(m: Mention) -> Found | None:
    if m.q.unit in ("ha", "m3"):
        subject = m.clause + " " + m.tail
        if m.q.unit == "ha" and has(subject, "ao", "mặt nước", "nuôi trồng thủy sản"):
            return Found(m, "aquaculture_area", "pond")
        if m.q.unit == "m3" and has(subject, "bể"):
            return Found(m, "aquaculture_volume", "tank")
        if m.q.unit == "m3" and has(subject, "lồng", "bè"):
            return Found(m, "aquaculture_volume", "cage")
    if m.q.unit != "ton" or not has(m.lead, "sản lượng"):
        return None
    farmed = has(m.lead, "nuôi trồng", "nuôi")
    caught = has(m.lead, "khai thác", "đánh bắt")
    if farmed and caught:
        return Found(m, "aquaculture_production", "all")
    if farmed:
        return Found(m, "aquaculture_production", "farmed")
    if caught:
        return Found(m, "aquaculture_production", "caught")
    return None


def extract(par: ParagraphContext) -> list[Found]:
    if not has(par.text_and_headings, "thủy sản", "cá"):
        return []
    # The words near the number first: they turn most numbers down, and cost less than the sentence.
    return [
        f
        for m in par.mentions
        if m.q.unit in UNITS and (f := _figure(m)) and has(m.sentence, "thủy sản", "cá", "ao", "nuôi trồng")
    ]
