"""Vocational training for rural workers: classes and trainees, by district, share of the year's plan."""

from __future__ import annotations

from pipelines.parsing.rules.base import Found, ParagraphContext, has
from pipelines.parsing.vocabulary import vocabulary

WORDS = vocabulary(__file__)
PARAGRAPH, PLAN, PART_OF_LIST = WORDS["paragraph"], WORDS["plan"], WORDS["part_of_list"]
UNIT_INDICATORS = {"class": "training_classes", "trainee": "training_trainees", "person": "training_trainees"}
UNITS = frozenset(("pct", *UNIT_INDICATORS))


def extract(par: ParagraphContext) -> list[Found]:
    if not has(par.text, *PARAGRAPH):
        return []
    found: list[Found] = []
    district: str | None = None
    for m in par.mentions:
        if m.q.unit == "pct" and has(m.tail, *PLAN):
            found.append(Found(m, "training_plan_achieved_share"))
            continue
        indicator = UNIT_INDICATORS.get(m.q.unit or "")
        if not indicator:
            continue
        # "Phong Thổ 25 lớp, 775 học viên": the trainees inherit the district named before the classes
        # (a lead of "," or "với" names none).
        if m.q.unit == "class" or m.lead.strip(" ,") not in ("", "với"):
            district = par.district(m.lead)
        if district is None and has(m.sentence_before, *PART_OF_LIST):
            continue
        found.append(
            Found(
                m, indicator, unit="trainee" if indicator == "training_trainees" else None, area_code=district
            )
        )
    return found
