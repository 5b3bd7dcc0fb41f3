"""Livestock: herds by species ("Đàn trâu 92.760 con", "97.015 con trâu", "trâu bò") and meat output."""

from __future__ import annotations

from pipelines.parsing.rules.base import (
    Found,
    Keywords,
    Mention,
    ParagraphContext,
    first_key,
    has,
    key_at_start,
    last_key,
)
from pipelines.parsing.vocabulary import vocabulary

WORDS = vocabulary(__file__)
SPECIES = Keywords.from_codes(WORDS["species"])
PART = "part"  # the code of a species word followed by a part's word: no species' herd
# A species word with a part after it ("heo nái") is a longer subject than the species alone, so
# it wins where both start or where it ends last; a place's name after it ("trâu Lai Châu") wins back.
SUBJECTS = Keywords(
    dict(SPECIES)
    | {f"{word} {part}": PART for word in SPECIES for part in WORDS["parts"]}
    | {f"{word} {name}": code for word, code in SPECIES.items() for name in WORDS["not_parts"]}
)
MEATS = Keywords.from_codes(WORDS["meats"])
HERD, HERD_VERB, NOT_A_HERD = WORDS["herd"], WORDS["herd_verb"], WORDS["not_a_herd"]
HOLDERS = WORDS["holders"]
RESTOCKING = WORDS["restocking"]
CAUSES = WORDS["causes"]
MEAT, ALL_MEAT = WORDS["meat"], WORDS["all_meat"]


def _herd(m: Mention) -> Found | None:
    if m.q.unit != "head" or has(_without_causes(m.part), *NOT_A_HERD) or has(m.lead, *RESTOCKING):
        return None
    if not (has(m.sentence_before, *HERD) or has(m.lead, *HERD_VERB)):
        return None
    # "85 trang trại chăn nuôi lợn với tổng đàn 125.000 con": the farms' herd, not the province's.
    if has(m.sentence_before.rsplit(";", 1)[-1], *HOLDERS):
        return None
    # The subject of a list carries: "Đàn lợn toàn tỉnh 615.000 con, trong đó huyện Bảo Lâm 102.500 con".
    species = (
        key_at_start(m.tail, SUBJECTS) or last_key(m.lead, SUBJECTS) or last_key(m.sentence_before, SUBJECTS)
    )
    return Found(m, "livestock_herd", species) if species and species != PART else None


def _without_causes(text: str) -> str:
    """The text without the causes it names ("do ảnh hưởng của dịch bệnh"): a herd that fell
    because of a disease is still a herd."""
    for cause in CAUSES:
        text = text.replace(cause, " ")
    return text


def _meat(m: Mention) -> Found | None:
    if m.q.unit != "ton" or not has(m.sentence_before, *MEAT):
        return None
    meat = last_key(m.lead, MEATS) or first_key(m.tail, MEATS)
    if meat:
        return Found(m, "meat_output", meat)
    if has(m.lead, *ALL_MEAT):
        return Found(m, "meat_output", "all")
    return None


UNITS = frozenset(("head", "ton"))  # herds and meat


def extract(par: ParagraphContext) -> list[Found]:
    return [f for m in par.mentions if m.q.unit in UNITS and (f := _herd(m) or _meat(m))]
