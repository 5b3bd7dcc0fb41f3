"""Processing and sales of farm products: produced, sold, exported, processed, in stock (tea, banana ...)."""

from __future__ import annotations

from pipelines.parsing.rules.base import Found, Keywords, Mention, ParagraphContext, first_key, last_key
from pipelines.parsing.rules.crops import CROPS
from pipelines.parsing.vocabulary import vocabulary

ACTIONS = Keywords.from_codes(vocabulary(__file__)["actions"])


def _product(par: ParagraphContext) -> str | None:
    """The product a bullet names before its colon: "- Sản phẩm Chè: ...", "- Chuối quả tươi: ..."."""
    head, colon, _ = par.paragraph.text.partition(":")
    return first_key(head.lower(), CROPS) if colon and len(head) < 60 else None


def _figure(m: Mention, product: str) -> Found | None:
    if m.q.unit != "ton":
        return None
    action = last_key(m.lead, ACTIONS)
    return Found(m, action, product) if action else None


UNITS = frozenset(("ton",))


def extract(par: ParagraphContext) -> list[Found]:
    product = _product(par)
    if not product:
        return []
    return [f for m in par.mentions if m.q.unit == "ton" and (f := _figure(m, product))]
