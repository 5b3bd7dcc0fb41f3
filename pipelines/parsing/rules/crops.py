"""Crop progress: areas by crop and season and activity, shares covered (changes are read by the engine)."""

from __future__ import annotations

from pipelines.parsing.rules.base import Found, Keywords, Mention, ParagraphContext, first_key, has, last_key

CROPS = Keywords(
    {
        "lúa": "rice",
        "ngô": "maize",
        "bắp": "maize",
        "sắn": "cassava",
        "khoai mì": "cassava",
        "khoai lang": "sweet_potato",
        "đậu tương": "soybean",
        "lạc": "peanut",
        "rau": "vegetables",
        "rau màu": "vegetables",
        "chè": "tea",
        "cà phê": "coffee",
        "mắc ca": "macadamia",
        "cao su": "rubber",
        "cây ăn quả": "fruit_trees",
        "chuối": "banana",
        "mía": "sugarcane",
        "dược liệu": "medicinal_plants",
        "quế": "cinnamon",
    }
)
SEASONS = Keywords(
    {
        "đông xuân": "winter_spring",
        "vụ đông xuân": "winter_spring",
        "vụ đông": "winter",
        "ngô đông": "winter",
        "hè thu": "summer_autumn",
        "thu đông": "autumn_winter",
        "vụ mùa": "main_season",
        "lúa mùa": "main_season",
        "xuân hè": "spring_summer",
    }
)
ACTIVITIES = Keywords(
    {
        "làm đất": "crop_area_land_prepared",
        "gieo mạ": "crop_area_seedbed",
        "gieo cấy": "crop_area_planted",
        "gieo trồng": "crop_area_planted",
        "trồng mới": "crop_area_planted",
        "trồng": "crop_area_planted",
        "thực hiện": "crop_area_planted",
        "cấy": "crop_area_planted",
        "thu hoạch": "crop_area_harvested",
    }
)
UNITS = frozenset(("ha", "pct"))  # what `_figure` reads


def crop_category(subject: str) -> str | None:
    """'lúa đông xuân 2023-2024' -> 'rice_winter_spring'; the first season named decides."""
    crop = first_key(subject, CROPS)
    if not crop:
        return None
    season = first_key(subject, SEASONS)
    return f"{crop}_{season}" if season else crop


def _subject(par: ParagraphContext) -> str:
    """A crop bullet names its crop before the first colon: "- Lúa đông xuân 2023-2024: ..."."""
    head = par.paragraph.text.split(":", 1)[0] if ":" in par.paragraph.text else ""
    return head.lower()


def _figure(m: Mention, category: str) -> Found | None:
    if m.q.unit == "pct" and has(m.tail, "che phủ"):
        return Found(m, "crop_seedbed_covered_share", category)
    if m.q.unit != "ha":
        return None
    activity = last_key(m.lead, ACTIVITIES)
    if activity:
        return Found(m, activity, category)
    if has(m.lead, "diện tích"):
        return Found(m, "crop_area_planted", category)
    return None


def extract(par: ParagraphContext) -> list[Found]:
    subject = _subject(par)
    # A subject names a crop exactly when it has a category; most paragraphs have no subject.
    subject_category = crop_category(subject) if subject else None
    if not (subject_category or has(par.headings, "trồng trọt")):
        return []
    found = []
    for m in par.mentions:
        if m.q.unit not in UNITS:
            continue
        category = subject_category or crop_category(m.lead)
        if category and (f := _figure(m, category)):
            found.append(f)
    return found
