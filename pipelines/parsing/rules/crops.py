"""Crop progress: areas by crop and season and activity, shares covered (changes are read by the engine)."""

from __future__ import annotations

from pipelines.parsing.rules.base import Found, Keywords, Mention, ParagraphContext, first_key, has, last_key
from pipelines.parsing.vocabulary import vocabulary

WORDS = vocabulary(__file__)
CROPS = Keywords.from_codes(WORDS["crops"])
SEASONS = Keywords.from_codes(WORDS["seasons"])
ACTIVITIES = Keywords.from_codes(WORDS["activities"])
PLANTED_AREA = WORDS["planted_area"]
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


def _figure(m: Mention, category: str) -> Found | None:
    if m.q.unit == "pct" and has(m.tail, *COVERED):
        return Found(m, "crop_seedbed_covered_share", category)
    if m.q.unit != "ha":
        return None
    activity = last_key(m.lead, ACTIVITIES)
    if activity:
        return Found(m, activity, category)
    if has(m.lead, *PLANTED_AREA):
        return Found(m, "crop_area_planted", category)
    return None


def extract(par: ParagraphContext) -> list[Found]:
    subject = _subject(par)
    # A subject names a crop exactly when it has a category; most paragraphs have no subject.
    subject_category = crop_category(subject) if subject else None
    if not (subject_category or has(par.headings, *HEADING)):
        return []
    found = []
    for m in par.mentions:
        if m.q.unit not in UNITS:
            continue
        category = subject_category or crop_category(m.lead)
        if category and (f := _figure(m, category)):
            found.append(f)
    return found
