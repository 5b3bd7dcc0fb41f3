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
PART = "part"  # the code of a species word followed by a part's word, or of another animal: no species' herd
# A species word with a part after it ("heo nái") is a longer subject than the species alone, so
# it wins where both start or where it ends last; a place's name after it ("trâu Lai Châu") wins back.
SUBJECTS = Keywords(
    dict(SPECIES)
    | {f"{word} {part}": PART for word in SPECIES for part in WORDS["parts"]}
    | {f"{word} {name}": code for word, code in SPECIES.items() for name in WORDS["not_parts"]}
    | dict.fromkeys(WORDS["other_animals"], PART)
)
MEATS = Keywords.from_codes(WORDS["meats"])
HERD, HERD_VERB, NOT_A_HERD = WORDS["herd"], WORDS["herd_verb"], WORDS["not_a_herd"]
HOLDERS, JOINED = WORDS["holders"], WORDS["joined"]
RESTOCKING = WORDS["restocking"]
CAUSES = WORDS["causes"]
MEAT, ALL_MEAT = WORDS["meat"], WORDS["all_meat"]


def _herd(m: Mention, after_herd: bool) -> Found | None:
    """A herd, by species; `after_herd`: the number before it in its sentence was a herd."""
    if m.q.unit != "head" or has(_without_causes(m.part), *NOT_A_HERD) or has(m.lead, *RESTOCKING):
        return None
    joined = after_herd and SUBJECTS.first.sub(" ", m.lead).strip(" ,") in JOINED
    if not (has(m.sentence_before, *HERD) or has(m.lead, *HERD_VERB) or joined):
        return None
    # "85 trang trại chăn nuôi lợn với tổng đàn 125.000 con": the farms' herd, not the province's.
    if has(m.sentence_before.rsplit(";", 1)[-1], *HOLDERS):
        return None
    # The subject of a list carries: "Đàn lợn toàn tỉnh 615.000 con, trong đó huyện Bảo Lâm 102.500 con".
    species = _species_after(m) or last_key(m.lead, SUBJECTS) or last_key(m.sentence_before, SUBJECTS)
    return Found(m, "livestock_herd", species) if species and species != PART else None


def _species_after(m: Mention) -> str | None:
    """The species named right after the unit ("97.015 con trâu", "31.200 con trâu, bò và ...").

    A species word holding a comma counts only where no number follows it: in "31.200 con trâu,
    bò 12.000 con" the comma parts two subjects, and 31.200 is the buffalo's."""
    match = SUBJECTS.first.match(m.after)
    if match and (m.after[match.end() :].strip(" .;") or m.next_start >= m.sentence_end):
        return SUBJECTS[match.group()]
    return key_at_start(m.tail, SUBJECTS)


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
    found: list[Found] = []
    herd_in: int | None = None  # the sentence whose last number was a herd
    for m in par.mentions:
        after_herd, herd_in = herd_in == m.sentence_start, None
        if m.q.unit not in UNITS:
            continue
        herd = _herd(m, after_herd)
        if herd:
            herd_in = m.sentence_start
        if f := herd or _meat(m):
            found.append(f)
    return found
