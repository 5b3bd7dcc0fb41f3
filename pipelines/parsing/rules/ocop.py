"""OCOP products: evaluated, certified with stars, not certified, re-certified, cumulative totals.

Cooperative-owned OCOP products ("36 HTX sở hữu 71/194 sản phẩm OCOP") are read in cooperatives.py.
"""

from __future__ import annotations

import re

from pipelines.parsing.rules.base import Found, Mention, ParagraphContext, has

_STARS = re.compile(r"(?<![\d-])\s*([345])\s*sao(?!\w)")


def stars_after(text: str) -> int | None:
    """The one star rating named right after a count: "(sản phẩm OCOP 4 sao)"; a range gives None."""
    head = re.split(r"[;.]|\bvà\b", text, maxsplit=1)[0]
    ratings = {int(s) for s in _STARS.findall(head)}
    return ratings.pop() if len(ratings) == 1 and not re.search(r"\d\s*-\s*\d\s*sao", head) else None


def _figures(m: Mention, after: str) -> list[Found]:
    said = m.lead + " " + m.tail
    if has(said, "chưa đạt", "không đạt"):
        found = [Found(m, "ocop_products", "not_certified")]
    elif has(said, "tái công nhận", "công nhận lại"):
        found = [Found(m, "ocop_products", "recertified", stars=stars_after(after))]
    elif has(said, "lũy kế", "luỹ kế", "tổng số", "toàn tỉnh có"):
        found = [Found(m, "ocop_products", "certified_total", stars=stars_after(after))]
    elif has(said, "đạt", "công nhận", "chứng nhận"):
        found = [Found(m, "ocop_products", "certified", stars=stars_after(after))]
    elif has(m.lead, "đánh giá", "phân hạng"):
        return [Found(m, "ocop_products", "evaluated")]
    else:
        return []
    if m.q.denominator is not None and has(
        m.sentence_before + " " + m.tail, "đánh giá", "phân hạng", "tham gia"
    ):
        found.append(Found(m, "ocop_products", "evaluated", use_denominator=True))
    return found


def extract(par: ParagraphContext) -> list[Found]:
    found: list[Found] = []
    text = par.paragraph.text.lower()
    for m in par.mentions:
        if m.q.unit != "product" or not has(m.sentence, "ocop") or has(m.sentence, "htx", "hợp tác xã"):
            continue
        if has(m.sentence, "trưng bày", "gian hàng"):
            continue
        found += _figures(m, text[m.q.end :])
    return found
