"""High-tech farming and certification: greenhouse and irrigation area, certified facilities by standard."""

from __future__ import annotations

from pipelines.parsing.rules.base import Found, Keywords, ParagraphContext, first_key, has

STANDARDS = Keywords(
    {
        "vietgap": "vietgap",
        "vietgahp": "vietgahp",
        "globalgap": "globalgap",
        "ra": "ra",
        "rainforest": "ra",
        "iso": "iso",
        "haccp": "haccp",
        "hữu cơ": "organic",
        "4c": "4c",
    }
)
SECTORS = Keywords(
    {
        "trồng trọt": "crop",
        "chăn nuôi": "livestock",
        "nuôi trồng thủy sản": "aquaculture",
        "thủy sản": "aquaculture",
    }
)


def _facility_category(tail: str) -> str | None:
    """'trồng trọt được chứng nhận tiêu chuẩn ra với' -> 'ra_crop'; no standard, no category."""
    if not has(tail, "chứng nhận"):
        return None
    certified = tail.split("chứng nhận", 1)[1]
    standard = first_key(certified, STANDARDS)
    if not standard:
        return None
    sector = first_key(tail.split("chứng nhận", 1)[0], SECTORS)
    return f"{standard}_{sector}" if sector else standard


GREENHOUSES = ("nhà màng", "nhà lưới", "nhà kính")
IRRIGATION = ("tưới tiết kiệm", "tưới nhỏ giọt", "tưới phun")
UNITS = frozenset(("ha", "facility"))  # every figure is an area or follows a facility count


def extract(par: ParagraphContext) -> list[Found]:
    # Every figure needs one of these words after a number: most paragraphs with areas have none.
    if not par.mentions_any(*GREENHOUSES, *IRRIGATION, "chứng nhận"):
        return []
    found: list[Found] = []
    category: str | None = None
    for m in par.mentions:
        if m.q.unit == "ha" and has(m.tail, *GREENHOUSES):
            found.append(Found(m, "hightech_greenhouse_area"))
        elif m.q.unit == "ha" and has(m.tail, *IRRIGATION):
            found.append(Found(m, "hightech_efficient_irrigation_area"))
        elif m.q.unit == "facility" and (category := _facility_category(m.tail)):
            found.append(Found(m, "certified_facilities", category))
            continue
        elif category and m.q.unit in ("ha", "m3") and has(m.lead, "với", "diện tích", "quy mô"):
            indicator = "certified_area" if m.q.unit == "ha" else "certified_volume"
            found.append(Found(m, indicator, category))
        category = None
    return found
