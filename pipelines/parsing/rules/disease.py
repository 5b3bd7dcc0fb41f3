"""Animal disease: outbreak households and place, culled head and weight, vaccination progress."""

from __future__ import annotations

from pipelines.parsing.rules.base import Found, Keywords, Mention, ParagraphContext, all_keys, has, only
from pipelines.parsing.vocabulary import vocabulary

WORDS = vocabulary(__file__)
DISEASES = Keywords.from_codes(WORDS["diseases"])
DISEASE, OUTBREAK, CULLED, WEIGHT = WORDS["disease"], WORDS["outbreak"], WORDS["culled"], WORDS["weight"]
VACCINATION, COMPLETED = WORDS["vaccination"], WORDS["completed"]
BACK_REFERENCE = WORDS["back_reference"]
# Vaccinated districts, outbreak households, culled head and weight.
UNITS = frozenset(("district", "household", "head", "kg", "ton"))
KG_PER_TON = 1000.0  # a culled weight in tấn is stored in the indicator's kg


def _indicator(m: Mention, after_culled: bool) -> str | None:
    """What a number of an outbreak counts, read from its unit and the words near it; a weight
    counts only right after the culled head count of its sentence (`after_culled`), in its part."""
    if m.q.unit == "household" and has(m.sentence_before, *OUTBREAK):
        return "disease_outbreak_households"
    if m.q.unit == "head" and has(m.lead + " " + m.tail, *CULLED):
        return "disease_culled_head"
    weighed = m.q.after_slash or has(m.lead, *WEIGHT)
    if m.q.unit in ("kg", "ton") and after_culled and ";" not in m.clause and weighed:
        return "disease_culled_weight"
    return None


def _disease(par: ParagraphContext, m: Mention) -> str | None:
    """The one disease of a figure's sentence; where the sentence names none and refers back to
    it ("Từ đầu năm đến nay dịch đã xảy ra tại 412 hộ"), the one its paragraph and headings
    named before it."""
    named = all_keys(m.sentence, DISEASES)
    if not named and has(m.sentence, *BACK_REFERENCE):
        named = all_keys(par.text[: m.sentence_start], DISEASES) | all_keys(par.headings, DISEASES)
    return only(named)


def _vaccination(m: Mention) -> list[Found]:
    if m.q.unit != "district" or m.q.denominator is None or not has(m.sentence, *VACCINATION):
        return []
    if not has(m.sentence, *COMPLETED):
        return []
    return [
        Found(m, "vaccination_districts_completed"),
        Found(m, "vaccination_districts_total", use_denominator=True),
    ]


def extract(par: ParagraphContext) -> list[Found]:
    found: list[Found] = []
    culled_in: int | None = None  # the sentence whose last number was a culled head count
    for m in par.mentions:
        after_culled, culled_in = culled_in == m.sentence_start, None
        if m.q.unit not in UNITS:
            continue
        found += _vaccination(m)
        # The sentence's disease and district are read only for a number its own words make a figure.
        indicator = _indicator(m, after_culled)
        if indicator == "disease_culled_head":
            culled_in = m.sentence_start
        if not indicator:
            continue
        disease = _disease(par, m)
        if disease and has(m.sentence, *DISEASE):
            area = only(par.districts_named(m.sentence))
            tons = m.q.unit == "ton"
            unit, factor = ("kg", KG_PER_TON) if tons else (None, 1.0)
            found.append(Found(m, indicator, disease, unit=unit, area_code=area, factor=factor))
    return found
