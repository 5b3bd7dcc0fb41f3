"""Processing and sales of farm products: produced, sold, exported, processed, in stock (tea, banana ...)."""

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
from pipelines.parsing.rules.crops import CROPS
from pipelines.parsing.vocabulary import vocabulary

WORDS = vocabulary(__file__)
ACTIONS = Keywords.from_codes(WORDS["actions"])
SALE_IN_PROSE = WORDS["sale_in_prose"]


def _product(par: ParagraphContext) -> str | None:
    """The product a bullet names before its colon: "- Sản phẩm Chè: ...", "- Chuối quả tươi: ..."."""
    head, colon, _ = par.paragraph.text.partition(":")
    return first_key(head.lower(), CROPS) if colon and len(head) < 60 else None


def _figure(m: Mention, product: str) -> Found | None:
    action = last_key(m.lead, ACTIONS)
    return Found(m, action, product) if action else None


def _sale_in_prose(m: Mention) -> Found | None:
    """A sale with its product right after the unit, outside a product bullet ("xuất khẩu gần
    3.000 tấn chuối")."""
    product = key_at_start(m.tail, CROPS)
    return _figure(m, product) if product and has(m.lead, *SALE_IN_PROSE) else None


UNITS = frozenset(("ton",))


def extract(par: ParagraphContext) -> list[Found]:
    product = _product(par)
    tons = [m for m in par.mentions if m.q.unit == "ton"]
    if not product:
        return [f for m in tons if (f := _sale_in_prose(m))]
    return [f for m in tons if (f := _figure(m, product))]
