"""High-tech farming and certification: greenhouse and irrigation area, certified facilities by standard."""

from __future__ import annotations

from pipelines.parsing.rules.base import Found, Keywords, Mention, ParagraphContext, first_key, has
from pipelines.parsing.rules.crops import CROPS
from pipelines.parsing.vocabulary import vocabulary

WORDS = vocabulary(__file__)
STANDARDS = Keywords.from_codes(WORDS["standards"])
SECTORS = Keywords.from_codes(WORDS["sectors"])
GREENHOUSES, IRRIGATION, SCALE = WORDS["greenhouses"], WORDS["irrigation"], WORDS["scale"]
AREA, GREENHOUSE_AREA, NOT_CERTIFIED = WORDS["area"], WORDS["greenhouse_area"], WORDS["not_certified"]
# The standard is named after this word, the sector before it.
_CERTIFIED = "chứng nhận"


def _certified_category(text: str, crop_sector: bool = False) -> str | None:
    """'trồng trọt được chứng nhận tiêu chuẩn ra với' -> 'ra_crop'; no standard, no category.
    With `crop_sector`, a crop named anywhere ("diện tích cà phê được chứng nhận 4c") is the
    crop sector."""
    if not has(text, _CERTIFIED):
        return None
    before, certified = text.split(_CERTIFIED, 1)
    standard = first_key(certified, STANDARDS)
    if not standard:
        return None
    sector = first_key(before, SECTORS)
    if not sector and crop_sector:
        sector = first_key(certified, SECTORS) or ("crop" if first_key(text, CROPS) else None)
    return f"{standard}_{sector}" if sector else standard


def _area_indicator(m: Mention) -> str | None:
    """Greenhouse or irrigation area: named after the number, or in the area's words before it
    ("Diện tích nhà màng, nhà lưới đạt 152 ha", "nâng tổng diện tích nhà kính lên"; not
    "diện tích rau trồng trong nhà màng", an area sown), never both kinds at once."""
    if has(m.tail, *GREENHOUSES):
        return "hightech_greenhouse_area"
    if has(m.tail, *IRRIGATION):
        return "hightech_efficient_irrigation_area"
    greenhouse, irrigation = has(m.lead, *GREENHOUSE_AREA), has(m.lead, *IRRIGATION)
    if greenhouse and not irrigation:
        return "hightech_greenhouse_area"
    if irrigation and not has(m.lead, *GREENHOUSES) and m.lead.lstrip(" -").startswith(tuple(AREA)):
        return "hightech_efficient_irrigation_area"
    return None


def _certified_area(m: Mention) -> str | None:
    """The category of an area (the first quantity of its sentence) whose sentence opens with an
    area word and names its certification before the number."""
    opening = m.sentence_before.lstrip(" -")
    if not opening.startswith(tuple(AREA)) or has(opening, *NOT_CERTIFIED):
        return None
    return _certified_category(opening, crop_sector=True)


UNITS = frozenset(("ha", "facility"))  # every figure is an area or follows a facility count


def extract(par: ParagraphContext) -> list[Found]:
    found: list[Found] = []
    category: str | None = None
    sentence_start, unit_seen = -1, False  # whether a quantity came before in the sentence
    for m in par.mentions:
        if m.sentence_start != sentence_start:
            sentence_start, unit_seen = m.sentence_start, False
        first_in_sentence, unit_seen = not unit_seen, unit_seen or m.q.unit is not None
        if m.q.unit == "ha" and (indicator := _area_indicator(m)):
            found.append(Found(m, indicator))
        elif m.q.unit == "facility" and (category := _certified_category(m.tail)):
            found.append(Found(m, "certified_facilities", category))
            continue
        elif category and m.q.unit in ("ha", "m3") and has(m.lead, *SCALE):
            indicator = "certified_area" if m.q.unit == "ha" else "certified_volume"
            found.append(Found(m, indicator, category))
        elif m.q.unit == "ha" and first_in_sentence and (area_category := _certified_area(m)):
            found.append(Found(m, "certified_area", area_category))
        category = None
    return found
