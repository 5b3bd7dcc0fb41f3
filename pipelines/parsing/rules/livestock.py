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

SPECIES = Keywords(
    {
        "gia súc chính": "main_livestock",
        "tổng đàn gia súc": "main_livestock",
        "trâu": "buffalo",
        "bò": "cattle",
        "trâu bò": "buffalo_cattle",
        "trâu, bò": "buffalo_cattle",
        "trâu và bò": "buffalo_cattle",
        "lợn": "pig",
        "heo": "pig",
        "dê": "goat",
        "cừu": "sheep",
        "dê cừu": "goat_sheep",
        "dê, cừu": "goat_sheep",
        "ngựa": "horse",
        "gia cầm": "poultry",
        "gà": "chicken",
    }
)
MEATS = Keywords(
    {
        "thịt lợn": "pork",
        "thịt heo": "pork",
        "thịt trâu": "buffalo_meat",
        "thịt bò": "beef",
        "thịt trâu bò": "buffalo_cattle_meat",
        "thịt gia cầm": "poultry_meat",
        "thịt gà": "chicken_meat",
        "thịt dê": "goat_meat",
    }
)
# Head counts in these sentences are events (culling, slaughter, vaccination), not herds.
NOT_A_HERD = (
    "tiêu hủy",
    "mắc bệnh",
    "chết",
    "tiêm phòng",
    "xuất chuồng",
    "giết mổ",
    "dịch",
    "buôn bán",
)


def _herd(m: Mention) -> Found | None:
    if m.q.unit != "head" or has(m.sentence, *NOT_A_HERD):
        return None
    if not (has(m.sentence_before, "đàn", "tổng đàn", "hiện có") or has(m.lead, "có")):
        return None
    species = key_at_start(m.tail, SPECIES) or last_key(m.lead, SPECIES)
    return Found(m, "livestock_herd", species) if species else None


def _meat(m: Mention) -> Found | None:
    if m.q.unit != "ton" or not has(m.sentence_before, "thịt"):
        return None
    meat = last_key(m.lead, MEATS) or first_key(m.tail, MEATS)
    if meat:
        return Found(m, "meat_output", meat)
    if has(m.lead, "thịt hơi", "sản lượng thịt", "thịt"):
        return Found(m, "meat_output", "all")
    return None


UNITS = frozenset(("head", "ton"))  # herds and meat


def extract(par: ParagraphContext) -> list[Found]:
    return [f for m in par.mentions if m.q.unit in UNITS and (f := _herd(m) or _meat(m))]
