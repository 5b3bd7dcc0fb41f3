"""High-tech farming and certification: greenhouse and irrigation area, certified facilities by standard."""

from __future__ import annotations

from pipelines.parsing.rules.base import Found, Keywords, ParagraphContext, first_key, has
from pipelines.parsing.vocabulary import vocabulary

WORDS = vocabulary(__file__)
STANDARDS = Keywords.from_codes(WORDS["standards"])
SECTORS = Keywords.from_codes(WORDS["sectors"])
GREENHOUSES, IRRIGATION, SCALE = WORDS["greenhouses"], WORDS["irrigation"], WORDS["scale"]
GREENHOUSE_AREA = WORDS["greenhouse_area"]
# The standard is named after this word, the sector before it.
_CERTIFIED = "chứng nhận"


def _facility_category(tail: str) -> str | None:
    """'trồng trọt được chứng nhận tiêu chuẩn ra với' -> 'ra_crop'; no standard, no category."""
    if not has(tail, _CERTIFIED):
        return None
    before, certified = tail.split(_CERTIFIED, 1)
    standard = first_key(certified, STANDARDS)
    if not standard:
        return None
    sector = first_key(before, SECTORS)
    return f"{standard}_{sector}" if sector else standard


UNITS = frozenset(("ha", "facility"))  # every figure is an area or follows a facility count


def extract(par: ParagraphContext) -> list[Found]:
    found: list[Found] = []
    category: str | None = None
    for m in par.mentions:
        if m.q.unit == "ha" and (has(m.tail, *GREENHOUSES) or has(m.lead, *GREENHOUSE_AREA)):
            found.append(Found(m, "hightech_greenhouse_area"))
        elif m.q.unit == "ha" and has(m.tail, *IRRIGATION):
            found.append(Found(m, "hightech_efficient_irrigation_area"))
        elif m.q.unit == "facility" and (category := _facility_category(m.tail)):
            found.append(Found(m, "certified_facilities", category))
            continue
        elif category and m.q.unit in ("ha", "m3") and has(m.lead, *SCALE):
            indicator = "certified_area" if m.q.unit == "ha" else "certified_volume"
            found.append(Found(m, indicator, category))
        category = None
    return found
