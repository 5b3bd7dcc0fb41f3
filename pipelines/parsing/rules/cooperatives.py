"""Cooperatives and farms: by sector, by district, area, jobs; cooperatives owning OCOP products.

A count of cooperatives or farms is stored as the stock, so a count that is not the stock (new,
dissolved, stopped, a part of unnamed kind) is left unread: a wrong stock is worse than none.
"""

from __future__ import annotations

from pipelines.parsing import meaning  # the module, not its names: it imports rules.base
from pipelines.parsing.rules.base import Found, Keywords, Mention, ParagraphContext, first_key, has, last_key
from pipelines.parsing.vocabulary import vocabulary

WORDS = vocabulary(__file__)
SECTORS = Keywords.from_codes(WORDS["sectors"])
TOTAL, ACTIVE, JOINED, PART = WORDS["total"], WORDS["active"], WORDS["joined"], WORDS["part"]
OWNING, SHARE = WORDS["owning"], WORDS["share"]
COOPERATIVE, OCOP, FARM = WORDS["cooperative"], WORDS["ocop"], WORDS["farm"]
FARM_AREA, FARM_JOBS = WORDS["farm_area"], WORDS["farm_jobs"]
ITEM_BREAK = Keywords.from_codes({"break": [*JOINED, *PART]}).first  # where a list item ends
NOT_A_STOCK = Keywords.from_codes({"not_a_stock": WORDS["not_a_stock"]}).first  # one search a text
# Cooperatives, the OCOP products they own (and their share), farms with their area and jobs;
# None: the counts of a table whose heading names what they count.
UNITS = frozenset(("cooperative", "product", "pct", "farm", "ha", "person", None))


def _item(m: Mention) -> tuple[str, str]:
    """The count's own words in its list item: its lead after the last comma, joining or part word,
    and its tail before the next. They name its sector ("gồm trồng trọt 125 HTX, chăn nuôi 62 HTX")
    or say it is no stock; the words beyond belong to its neighbours ("12 HTX chăn nuôi và 5 HTX")."""
    lead = ITEM_BREAK.split(m.lead.rsplit(",", 1)[-1])[-1]
    return lead.strip(), ITEM_BREAK.split(m.tail)[0].strip()


def _is_total(par: ParagraphContext, m: Mention) -> bool:
    """Whether a count with no sector and no district is the province's total: its own words say
    so, or it is joined to a number of something else by its clause's verb ("Có 3 liên hiệp HTX
    và 865 HTX"; after "12 HTX chăn nuôi và" the count is a sector's, not the total)."""
    if has(m.lead, *PART):
        return False
    if has(m.lead, *TOTAL) or has(_item(m)[1], *ACTIVE):
        return True
    before = par.mentions[m.index - 1] if m.index else None
    if before is None or before.sentence_start != m.sentence_start or before.q.unit == m.q.unit:
        return False
    joined = bool(m.lead) and m.lead.split()[-1] in JOINED
    return joined and has(m.sentence_before.rsplit(";", 1)[-1], *TOTAL)


def _count(par: ParagraphContext, m: Mention, indicator: str) -> list[Found]:
    """A stock of cooperatives or farms, by district or sector, or the province's total."""
    lead, tail = _item(m)
    if NOT_A_STOCK.search(lead) or NOT_A_STOCK.search(tail):
        return []
    unit = meaning.unit_in_lead(m, par.province_code) if par.province_code else None
    sector = first_key(tail, SECTORS) or last_key(lead, SECTORS) or "all"
    if isinstance(unit, str):
        return [Found(m, indicator, sector, area_code=unit)]
    if sector != "all" or _is_total(par, m):
        return [Found(m, indicator, sector)]
    return []


def _cooperative(par: ParagraphContext, m: Mention) -> list[Found]:
    if has(m.tail, *OWNING):  # cooperatives owning something are no stock, whatever they own
        return [Found(m, "cooperatives_owning_ocop")] if has(m.sentence, *OCOP) else []
    return _count(par, m, "cooperatives")


def _owned_ocop(m: Mention) -> list[Found]:
    if m.q.unit == "product" and has(m.lead, *OWNING):
        found = [Found(m, "ocop_products", "owned_by_cooperatives")]
        if m.q.denominator is not None:
            found.append(Found(m, "ocop_products", "certified_total", use_denominator=True))
        return found
    if m.q.unit == "pct" and has(m.lead, *SHARE):
        return [Found(m, "ocop_share_owned_by_cooperatives")]
    return []


def _farm(par: ParagraphContext, m: Mention) -> list[Found]:
    if m.q.unit == "farm":
        return _count(par, m, "farms")
    if m.q.unit == "ha" and has(m.lead, *FARM_AREA):
        return [Found(m, "farm_area")]
    if m.q.unit == "person" and has(m.lead, *FARM_JOBS):
        return [Found(m, "farm_jobs")]
    return []


def _table_row(m: Mention) -> list[Found]:
    """A count with no unit in a flattened table whose heading names farms or cooperatives
    ("Trang trại: tổng số 98; trồng trọt 41; chăn nuôi 39"), when its row's words are just a
    total's or a sector's: any other row ("tổng số lao động 450") is something else."""
    heading, colon, _ = m.sentence.lstrip(" -+•*").partition(":")
    heading = heading.strip()
    if not colon or heading not in (*FARM, *COOPERATIVE):
        return []
    sector = "all" if m.lead in TOTAL else SECTORS.get(m.lead)
    if sector is None:
        return []
    unit, indicator = ("farm", "farms") if heading in FARM else ("cooperative", "cooperatives")
    return [Found(m, indicator, sector, unit=unit)]


def extract(par: ParagraphContext) -> list[Found]:
    found: list[Found] = []
    table = par.mentions_any(*FARM, *COOPERATIVE)  # a table's heading names what it counts
    for m in par.mentions:
        if m.q.unit not in UNITS:
            continue
        if m.q.unit is None:
            found += _table_row(m) if table else []
        elif m.q.unit == "cooperative":
            found += _cooperative(par, m)
        elif has(m.sentence, *COOPERATIVE) and has(m.sentence, *OCOP):
            found += _owned_ocop(m)
        elif has(m.sentence, *FARM):
            found += _farm(par, m)
    return found
