"""Capital of the resettlement programme and the national target programmes (MTQG).

A capital paragraph is read left to right as a small state machine: "Dự án N" / "Tiểu dự án M" /
a named component set the project; "phân bổ", "vốn giao" / "giải ngân" set the measure; "năm YYYY là"
in brackets breaks the last measure down by allocation year; "đạt N%" is the reported rate.
The allocation year (ref_year) is the one a number's own words name, else its sentence's subject's,
else its paragraph's; a number is left without it where they name several years or a range.
A later programme named after "Chương trình" starts its own part of the paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pipelines.parsing import meaning  # the module, not its names: it imports rules.base
from pipelines.parsing.rules.base import (
    Found,
    Keywords,
    Mention,
    ParagraphContext,
    first_key,
    has,
    open_bracket,
)
from pipelines.parsing.vocabulary import vocabulary

WORDS = vocabulary(__file__)
PROGRAMS = Keywords.from_codes(WORDS["programs"])
PROGRAM_NAMED = Keywords.from_codes({"program": WORDS["program_named"]})
COMPONENTS = Keywords.from_codes(WORDS["components"])
PROJECT_KINDS = Keywords.from_codes(WORDS["project_kinds"])
ALLOCATED, DISBURSED = WORDS["allocated"], WORDS["disbursed"]
CAPITAL, CAPITAL_PARTS = WORDS["capital"], WORDS["capital_parts"]
CARRIED_OVER = WORDS["carried_over"]
PLANNED = WORDS["planned"]  # targets, not results
RATE, RATE_PLAN = WORDS["rate"], WORDS["rate_plan"]
CARRIED_OUT = WORDS["carried_out"]
# The units `_read` reads; a number in another unit only moves the project along.
UNITS = frozenset(("mvnd", "pct", "project", "household"))
_PROJECT = re.compile(r"dự án(?<!tiểu dự án)\s+(\d+)")
_SUBPROJECT = re.compile(r"tiểu dự án\s+(\d+)")
_YEAR = re.compile(r"năm(?<!\wnăm)\s+((?:19|20)\d\d)(?!\s*-)")
_YEAR_RANGE = re.compile(r"năm\s+\d{4}\s*-")
# Any span of years ("giai đoạn 2021-2025"): a paragraph or plan naming one is of several years.
_PERIOD = re.compile(r"(?:19|20)\d\d\s*-\s*(?:19|20)?\d\d\b")
_YEAR_COMMA = re.compile(r"năm\s+((?:19|20)\d\d)\s*,")


@dataclass
class _State:
    program: str
    project: str = "all"
    number: str | None = None
    measure: str | None = None
    measure_year: int | None = None
    year_sentence: int | None = None  # where the sentence of `measure_year` starts
    sentence: int | None = None  # where the sentence of the number being read starts
    subject_year: int | None = None  # the year that sentence's subject names


def program_of(par: ParagraphContext) -> str | None:
    """The programme a paragraph reports on: named in it, else in the bullets and headings above it."""
    program = first_key(par.text, PROGRAMS)
    if program:
        return program
    return next((p for a in par.node.ancestors() if (p := first_key(a.title.lower(), PROGRAMS))), None)


def _paragraph_year(text: str) -> int | None:
    """The year a paragraph opens with, or a sentence or a colon: "Năm 2023, kế hoạch vốn ..."."""
    for match in _YEAR_COMMA.finditer(text):
        before = text[: match.start()]
        if not before or before.rstrip().endswith((":", ".")):
            return int(match.group(1))
    return None


def _advance(state: _State, segment: str) -> None:
    """Move the programme and project along with what the text between two numbers names; a new
    one starts with no measure ("...; Dự án 3, vốn năm 2024 là ..." breaks down nothing before it)."""
    if (named := PROGRAM_NAMED.first.search(segment)) and (
        (program := first_key(segment[named.end() :], PROGRAMS)) not in (None, state.program)
    ):
        state.program, state.project, state.number = program, "all", None
        state.measure = state.year_sentence = None
    project = state.project
    if m := _PROJECT.search(segment):
        state.number, state.project = m.group(1), f"project_{m.group(1)}"
    if (m := _SUBPROJECT.search(segment)) and state.number:
        state.project = f"project_{state.number}_sub_{m.group(1)}"
    if state.number and (component := first_key(segment, COMPONENTS)):
        state.project = f"project_{state.number}_{component}"
    if state.project != project:
        state.measure = state.year_sentence = None


def _names_capital_of_year(m: Mention, year_match: re.Match[str] | None, state: _State) -> bool:
    """Whether a lead names the capital of a year and nothing else ("vốn năm 2024 là") before any
    measure of its sentence: after one, "(vốn năm 2022 là ...)" breaks that measure down, unless
    the capital is carried over outside brackets ("...; vốn năm 2023 kéo dài 12.410 triệu đồng")."""
    lead = m.lead
    return (
        bool(year_match)
        and has(lead[: year_match.start()], *CAPITAL)
        and not has(lead, *CAPITAL_PARTS)
        and (
            state.year_sentence != m.sentence_start
            or (has(lead[year_match.end() :], *CARRIED_OVER) and open_bracket(m) < 0)
        )
    )


def _subject_year(subject: str) -> int | None:
    """The one year a sentence's subject (its words before its first number) names: "Vốn đầu tư
    công năm 2024 của Sở: kế hoạch vốn giao 96.500 triệu đồng". None for a range or several years."""
    if _YEAR_RANGE.search(subject):
        return None
    years = {int(y.group(1)) for y in _YEAR.finditer(subject)}
    return years.pop() if len(years) == 1 else None


def _tail_year(m: Mention) -> int | None:
    """The year of the capital named right after an amount: "giải ngân 120,5 tỷ đồng vốn đầu tư
    công năm 2024"."""
    year_match = _YEAR.search(m.tail)
    return int(year_match.group(1)) if year_match and has(m.tail[: year_match.start()], *CAPITAL) else None


def _year_of(m: Mention, state: _State, default_year: int | None) -> int | None:
    """The allocation year of a number: named in its lead (none for a range of years) or right
    after it, else by its sentence's subject, else the paragraph's."""
    if year_match := _YEAR.search(m.lead):
        return int(year_match.group(1))
    if _YEAR_RANGE.search(m.lead):
        return None
    if (year := _tail_year(m)) is not None:
        return year
    return state.subject_year if state.subject_year is not None else default_year


def _paragraph_dates(m: Mention, state: _State) -> bool:
    """Whether the year of the measure read last, of this project, dates an undated disbursement
    after it: "Tổng kế hoạch vốn năm 2024 được giao là 612,8 tỷ đồng. Đến ngày 15/11/2024, đã giải
    ngân được 318,4 tỷ đồng". Not where the paragraph names another year or a range before it."""
    before = m.lowered[: m.q.start]
    years = {int(y.group(1)) for y in _YEAR.finditer(before)}
    return (
        state.measure is not None
        and state.measure_year is not None
        and years == {state.measure_year}
        and not _PERIOD.search(before)
    )


def _money(m: Mention, state: _State, default_year: int | None) -> Found | None:
    lead = m.lead
    year_match = _YEAR.search(lead)
    disbursed = has(lead, *DISBURSED)
    dated = state.year_sentence == m.sentence_start or _paragraph_dates(m, state)
    names_measure = disbursed or has(lead, *ALLOCATED) or _names_capital_of_year(m, year_match, state)
    if disbursed:
        state.measure = "capital_disbursed"
    elif names_measure:
        state.measure = "capital_allocated"
    elif not (year_match and state.measure):
        return None
    names_year = year_match or _YEAR_RANGE.search(lead) or _tail_year(m)
    if not names_year and default_year is None and disbursed and dated:
        # "Kế hoạch vốn năm 2024 là 356,8 tỷ đồng; đến ngày 31/10 đã giải ngân 201,45 tỷ đồng":
        # a disbursement in the sentence of a one-year allocation, or after a measure of the one
        # year its paragraph names, is of that year.
        year = state.measure_year
    else:
        year = _year_of(m, state, default_year)
    if not year_match or names_measure:
        state.measure_year = year
        state.year_sentence = m.sentence_start
    return Found(m, state.measure, unit="mvnd", program=state.program, project=state.project, ref_year=year)


def _carried_out(m: Mention) -> bool:
    """Whether a number counts projects carried out ("thực hiện chuyển tiếp 06 dự án")."""
    return m.q.unit == "project" and has(m.lead, *CARRIED_OUT)


def extract(par: ParagraphContext) -> list[Found]:
    # A capital paragraph names capital allocated or disbursed, or projects carried out.
    if not has(par.text, *ALLOCATED, *DISBURSED) and not any(map(_carried_out, par.mentions)):
        return []
    program = program_of(par)
    if not program:
        return []
    text = par.text
    default_year = _paragraph_year(text)
    state = _State(program)
    found: list[Found] = []
    previous_end = 0
    for m in par.mentions:
        _advance(state, text[previous_end : m.q.start])
        previous_end = m.q.end
        if m.sentence_start != state.sentence:
            state.sentence, state.subject_year = m.sentence_start, _subject_year(m.sentence_before)
        if m.q.unit not in UNITS or has(m.sentence_before, *PLANNED):
            continue
        if m.q.unit == "pct":
            found = _with_rate(found, m, state, default_year, par.province_code)
        else:
            found += _read(m, state, default_year)
    return found


def _with_rate(
    found: list[Found], m: Mention, state: _State, default_year: int | None, province_code: str | None
) -> list[Found]:
    """`found` and the disbursement rate `m` states, if it is one.

    A rate follows a disbursement ("đã giải ngân 201,45 tỷ đồng, đạt 56,5%") or names it
    ("Tỷ lệ giải ngân vốn đầu tư công năm 2024 đạt 71,2%"). The year of the plan it is against
    ("đạt 61% KH vốn năm 2024") dates it and a disbursement of its sentence that named no year;
    a year that disagrees with the disbursement's leaves the rate unread; a plan of several years
    undates it (`_undated_by_plan`). A rate that follows a disbursement is of its district
    ("huyện Bảo Lâm đã giải ngân 12.300 triệu đồng, đạt 60,1%"), unread where its own words say
    more than the rate word.
    """
    if not has(m.lead, *RATE):
        return found
    if has(m.lead, *DISBURSED) and not has(m.lead, *CAPITAL_PARTS):
        state.measure, state.measure_year = "capital_disbursed", _year_of(m, state, default_year)
        state.year_sentence = m.sentence_start
    if state.measure != "capital_disbursed":
        return found
    year = state.measure_year
    plan = m.tail if has(m.tail, *RATE_PLAN) else ""
    plan_years = {int(y.group(1)) for y in _YEAR.finditer(plan)}
    if len(plan_years) > 1 or _PERIOD.search(plan):
        undated = _undated_by_plan(found, m)
        if undated is None:
            return found
        found, year, state.measure_year = undated, None, None
    elif plan_years and (plan_year := plan_years.pop()) != year:
        years_named = _YEAR.search(m.sentence_before) or _YEAR_RANGE.search(m.sentence_before)
        if year is not None or years_named or default_year is not None:
            return found
        year = state.measure_year = plan_year
        found = [
            replace(f, ref_year=year) if f.mention.sentence_start == m.sentence_start else f for f in found
        ]
    area = None
    if not has(m.lead, *DISBURSED) and province_code:
        disbursed = next((f for f in reversed(found) if f.indicator == "capital_disbursed"), None)
        area = meaning.area_of(disbursed.mention, province_code) if disbursed else None
        # A district's rate says only "đạt": "..., toàn tỉnh đạt 52%" may be another area's.
        if isinstance(area, meaning.Unclear) or (area is not None and m.lead.strip(" ,") not in RATE):
            return found
    where = {"program": state.program, "project": state.project, "ref_year": year}
    rate = Found(m, "capital_disbursement_rate", area_code=area, **where)
    return [*found, rate]


def _undated_by_plan(found: list[Found], rate: Mention) -> list[Found] | None:
    """`found` for a rate against a plan of several years ("đạt 48,2% kế hoạch vốn năm 2024 và vốn
    năm 2023 chuyển sang"): the disbursements of its sentence that name no year of their own are
    of them all, so undated; None (the rate unclear) where one names its own year."""
    sentence = rate.sentence_start
    rated = [f for f in found if f.indicator == "capital_disbursed" and f.mention.sentence_start == sentence]
    if any(f.ref_year is not None and _own_year(f.mention) for f in rated):
        return None
    return [replace(f, ref_year=None) if f in rated else f for f in found]


def _own_year(m: Mention) -> bool:
    """Whether a number's own words name its allocation year: its lead, or the capital after it."""
    return bool(_YEAR.search(m.lead)) or _tail_year(m) is not None


def _read(m: Mention, state: _State, default_year: int | None) -> list[Found]:
    """What an amount or a count of a capital paragraph is, given the project and measure read so far."""
    if m.q.unit == "mvnd":
        figure = _money(m, state, default_year)
        if figure and m.q.denominator is not None and figure.indicator == "capital_disbursed":
            # "đã giải ngân 712.115/1.239.405 triệu đồng": disbursed of allocated.
            return [figure, replace(figure, indicator="capital_allocated", use_denominator=True)]
        return [figure] if figure else []
    where = {"program": state.program, "project": state.project, "ref_year": _year_of(m, state, default_year)}
    if m.q.unit == "project" and (_carried_out(m) or open_bracket(m) >= 0):
        # "thực hiện chuyển tiếp 06 dự án (04 dự án vùng thiên tai ...)": the total, then by kind.
        return [Found(m, "capital_projects", first_key(m.tail, PROJECT_KINDS) or "all", **where)]
    if m.q.unit == "household" and m.q.after_slash:
        return [Found(m, "capital_households", **where)]
    return []
