"""Crop progress: areas by crop and season and activity, shares covered (changes are read by the engine)."""

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
CROPS = Keywords.from_codes(WORDS["crops"])
SEASONS = Keywords.from_codes(WORDS["seasons"])
ACTIVITIES = Keywords.from_codes(WORDS["activities"])
PLANTED_AREA, NOT_ACTIVITIES = WORDS["planted_area"], WORDS["not_activities"]
PERENNIALS = frozenset(WORDS["perennials"])
COVERED, HEADING = WORDS["covered"], WORDS["heading"]
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


def _list_item(lead: str) -> bool:
    """Whether a lead is only a crop with its season, an item of a list whose activity its
    sentence named before ("sắn" in "Diện tích gieo trồng: sắn 62.000 ha")."""
    item = lead.strip(" ,;:-")
    crop = CROPS.first.match(item)
    if not crop:
        return False
    rest = item[crop.end() :].strip()
    season = SEASONS.first.match(rest)
    return not rest or (season is not None and season.end() == len(rest))


def _activity(words: str) -> str | None:
    """The activity named last in `words`, words that only hold one ("trồng trọt") left out."""
    for word in NOT_ACTIVITIES:
        words = words.replace(word, " ")
    return last_key(words, ACTIVITIES)


def _perennial(category: str) -> bool:
    """Whether the category's crop is a perennial, whose bare area is the area standing."""
    return any(category == crop or category.startswith(f"{crop}_") for crop in PERENNIALS)


def _figure(m: Mention, category: str) -> Found | None:
    if m.q.unit == "pct" and has(m.tail, *COVERED):
        return Found(m, "crop_seedbed_covered_share", category)
    if m.q.unit != "ha":
        return None
    # An item of a list takes the activity its sentence named before it.
    words = m.sentence_before if _list_item(m.lead) else m.lead
    activity = _activity(words)
    if activity:
        return Found(m, activity, category)
    if has(words, *PLANTED_AREA) and not _perennial(category):
        return Found(m, "crop_area_planted", category)
    return None


def extract(par: ParagraphContext) -> list[Found]:
    subject = _subject(par)
    # A subject names a crop exactly when it has a category; most paragraphs have no subject.
    subject_category = crop_category(subject) if subject else None
    if not (subject_category or has(par.headings, *HEADING)):
        return [f for m in par.mentions if m.q.unit == "ha" and (f := _crop_named_after(m, ""))]
    found = []
    for m in par.mentions:
        if m.q.unit not in UNITS:
            continue
        category = subject_category or crop_category(m.lead)
        f = _figure(m, category) if category else _crop_named_after(m, subject)
        if f:
            found.append(f)
    return found


def _crop_named_after(m: Mention, subject: str) -> Found | None:
    """An area with its crop right after its unit ("gieo cấy được 98.500 ha lúa"), its season
    from the bullet's subject ("- Vụ Mùa: ..."): read only with an activity before it, as an
    area word alone may be a damaged one ("thiệt hại diện tích 15.600 ha lúa")."""
    if m.q.unit != "ha" or not key_at_start(m.tail, CROPS):
        return None
    activity = _activity(m.lead)
    return Found(m, activity, crop_category(f"{m.tail} {subject}")) if activity else None
