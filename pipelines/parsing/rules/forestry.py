"""Forest protection: outreach and pledges, law violations by type (cases, damaged area, timber), patrols."""

from __future__ import annotations

from pipelines.parsing import meaning
from pipelines.parsing.rules.base import (
    Found,
    Keywords,
    Mention,
    ParagraphContext,
    first_key,
    has,
    key_at_start,
    last_key,
    only,
    open_bracket,
)
from pipelines.parsing.vocabulary import vocabulary

WORDS = vocabulary(__file__)
VIOLATION_TYPES = Keywords.from_codes(WORDS["violation_types"])
RECORDS = WORDS["violation_types"]["forest_product_records"]
VIOLATION, ALL_VIOLATIONS, PART_OF_LIST = WORDS["violation"], WORDS["all_violations"], WORDS["part_of_list"]
PROSECUTED = WORDS["prosecuted"]
DAMAGED_AREA, TIMBER, PATROL = WORDS["damaged_area"], WORDS["timber"], WORDS["patrol"]
DAMAGE, FOREST_DAMAGED, NATURAL_DAMAGE = WORDS["damage"], WORDS["forest_damaged"], WORDS["natural_damage"]
OUTREACH = Keywords.from_codes(WORDS["outreach"])
OUTREACH_SENTENCE, PLEDGE = WORDS["outreach_sentence"], WORDS["pledge"]
WINDOW_FILLERS = frozenset(WORDS["window_fillers"])


def _names_only_its_window(lead: str) -> bool:
    """Whether a lead is a window and fillers only ("tính chung 10 tháng là"): a count with any
    other word ("từ đầu năm đến nay đã khởi tố hình sự 3 vụ") has a subject of its own."""
    rest = meaning.without_scope_words(lead.strip(" -+•*"))
    return rest is not None and WINDOW_FILLERS.issuperset(rest.split())


def _names_the_total(subject: str) -> bool:
    """Whether a sentence's words before its first number name the count of all violations, with
    no type: "Số vụ vi phạm theo địa bàn: Mường Nhé 5 vụ; Tủa Chùa 2 vụ" lists it by district."""
    return (
        has(subject, *VIOLATION)
        and has(subject, *ALL_VIOLATIONS)
        and not has(subject, *PART_OF_LIST)
        and last_key(subject, VIOLATION_TYPES) is None
    )


def _carried_type(m: Mention, counts: list[tuple[int, str]]) -> str | None:
    """The type a count naming only its window is about: the one type its sentence counted
    before it, outside brackets or in its own ("8 vụ phá rừng; tính chung 10 tháng là 91 vụ").
    A bracketed list of parts is no subject ("11 vụ vi phạm (phá rừng 3 vụ, khác 2 vụ); lũy kế
    từ đầu năm 148 vụ": the total's), and a total followed by a part ("11 vụ vi phạm, trong đó
    phá rừng 3 vụ, lũy kế 25 vụ") leaves it unclear."""
    bracket = open_bracket(m)
    return only(kind for opened, kind in counts if opened in (-1, bracket))


def _violation_type(
    par: ParagraphContext, m: Mention, counts: list[tuple[int, str]], by_district: bool
) -> str | None:
    """The type a count of cases is about, named after it ("6 vụ phá rừng trái phép") or before
    it ("phá rừng trái pháp luật 6 vụ"); 'hồ sơ lâm sản' outranks the 'vận chuyển, mua bán'
    inside its own name; a total says 'tổng', and a part of a list ('trong đó') is none. A count
    whose words name only its window ("tính chung 10 tháng là 91 vụ") is about the type its
    sentence counted (`_carried_type`). In a sentence that lists the total by district, a count
    led by a district's name alone is that district's total (`by_district`)."""
    lead = m.lead  # "Số vụ vi phạm 9 tháng là 174 vụ": a count of months is no number
    if has(lead, *RECORDS) or has(m.tail, *RECORDS):
        return "forest_product_records"
    kind = key_at_start(m.tail, VIOLATION_TYPES) or last_key(lead, VIOLATION_TYPES)
    if kind:
        return kind
    if (has(lead, *ALL_VIOLATIONS) or has(m.tail, *VIOLATION)) and not has(lead, *PART_OF_LIST):
        return "all"
    if by_district:
        return "all"
    return _carried_type(m, counts) if _names_only_its_window(lead) else None


def _outreach(m: Mention) -> Found | None:
    if m.q.unit == "school":
        return Found(m, "forest_outreach_schools")
    if m.q.unit == "meeting":
        return Found(m, "forest_outreach_meetings")
    if has(m.lead, *PLEDGE):
        return Found(m, "forest_pledge_households")
    if m.q.unit == "household" and has(m.tail, *PLEDGE):
        return Found(m, "forest_pledge_households", unit="visit")
    indicator = first_key(m.tail, OUTREACH)
    return Found(m, indicator) if indicator and m.q.unit == "visit" else None


def _names_a_type(m: Mention) -> bool:
    return bool(key_at_start(m.tail, VIOLATION_TYPES) or last_key(m.lead, VIOLATION_TYPES))


def _owner(m: Mention, counts: list[tuple[int, str]], counted: set[str]) -> str | None:
    """The violation type an area or timber belongs to: that of the last count of cases before it
    in its sentence, outside any bracket or in its own ("phá rừng 09 vụ (diện tích thiệt hại
    3,9 ha)"): a part's type ends with its sentence and its bracket ("(…, vận chuyển lâm sản 02
    vụ), diện tích thiệt hại 1,25 ha" is the all row's). A sentence with no count of its own
    speaks of the total the paragraph counted (`counted`: the types it counted), when its words
    say damage or seizure ("Tang vật tịch thu 46,7 m3 gỗ"); in a paragraph with no count, only
    "rừng bị thiệt hại" with no natural cause is the violations' (the all row's). Else the type
    is unclear and the number is not read."""
    if counts:
        bracket = open_bracket(m)
        return next((kind for opened, kind in reversed(counts) if opened in (-1, bracket)), None)
    if "all" in counted and has(m.lead, *DAMAGE):
        return "all"
    if not counted and has(m.lead, *FOREST_DAMAGED) and not has(m.sentence, *NATURAL_DAMAGE):
        return "all"
    return None


UNITS = None  # outreach is counted in many units (villages, people, households, schools)


def extract(par: ParagraphContext) -> list[Found]:
    found: list[Found] = []
    counted: set[str] = set()  # the violation types the paragraph has counted
    counts: list[tuple[int, str]] = []  # its sentence's counts of cases: (their bracket, their type)
    sentence_start, by_district = -1, False
    for m in par.mentions:
        if m.sentence_start != sentence_start:
            sentence_start, counts = m.sentence_start, []
            by_district = _names_the_total(m.sentence_before)
        if m.q.unit == "case":  # the sentence's counts are all led by a district's name
            by_district = by_district and par.district(m.lead) is not None
        if m.q.unit in ("round", "case") and has(m.sentence, *PATROL):
            indicator = "forest_patrols" if m.q.unit == "round" else "forest_patrol_violations_detected"
            found.append(Found(m, indicator))
        elif (
            m.q.unit == "case"
            and not has(m.lead, *PROSECUTED)
            and (
                has(m.sentence, *VIOLATION)
                or _names_a_type(m)
                or (counts and _names_only_its_window(m.lead))
            )
            and (kind := _violation_type(par, m, counts, by_district))
        ):
            found.append(Found(m, "forest_violation_cases", kind))
            counts.append((open_bracket(m), kind))
            counted.add(kind)
        elif m.q.unit == "ha" and (m.q.after_slash or has(m.lead, *DAMAGED_AREA)):
            if kind := _owner(m, counts, counted):
                found.append(Found(m, "forest_violation_damaged_area", kind))
        elif m.q.unit == "m3" and (m.q.after_slash or has(m.lead + " " + m.tail, *TIMBER)):
            if kind := _owner(m, counts, counted):
                found.append(Found(m, "forest_violation_timber", kind))
        elif has(m.sentence, *OUTREACH_SENTENCE) and (f := _outreach(m)):
            found.append(f)
    return found
