"""Capital of the resettlement programme and the national target programmes (MTQG).

A capital paragraph is read left to right as a small state machine: "Dự án N" / "Tiểu dự án M" /
a named component set the project; "phân bổ", "vốn giao" / "giải ngân" set the measure; "năm YYYY là"
in brackets breaks the last measure down by allocation year; "đạt N%" is the reported rate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pipelines.parsing.rules.base import Found, Keywords, Mention, ParagraphContext, first_key, has
from pipelines.parsing.vocabulary import vocabulary

WORDS = vocabulary(__file__)
PROGRAMS = Keywords.from_codes(WORDS["programs"])
COMPONENTS = Keywords.from_codes(WORDS["components"])
PROJECT_KINDS = Keywords.from_codes(WORDS["project_kinds"])
ALLOCATED, DISBURSED = WORDS["allocated"], WORDS["disbursed"]
PLANNED = WORDS["planned"]  # targets, not results
RATE = WORDS["rate"]
# The units `_read` reads; a number in another unit only moves the project along.
UNITS = frozenset(("mvnd", "pct", "project", "household"))
_PROJECT = re.compile(r"dự án(?<!tiểu dự án)\s+(\d+)")
_SUBPROJECT = re.compile(r"tiểu dự án\s+(\d+)")
_YEAR = re.compile(r"năm(?<!\wnăm)\s+((?:19|20)\d\d)(?!\s*-)")
_YEAR_RANGE = re.compile(r"năm\s+\d{4}\s*-")
_YEAR_COMMA = re.compile(r"năm\s+((?:19|20)\d\d)\s*,")


@dataclass
class _State:
    program: str
    project: str = "all"
    number: str | None = None
    measure: str | None = None
    measure_year: int | None = None
    year_sentence: int | None = None  # where the sentence of `measure_year` starts


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
    """Move the project along with what the text between two numbers names."""
    if m := _PROJECT.search(segment):
        state.number, state.project = m.group(1), f"project_{m.group(1)}"
    if (m := _SUBPROJECT.search(segment)) and state.number:
        state.project = f"project_{state.number}_sub_{m.group(1)}"
    if state.number and (component := first_key(segment, COMPONENTS)):
        state.project = f"project_{state.number}_{component}"


def _money(m: Mention, state: _State, default_year: int | None) -> Found | None:
    lead = m.lead
    year_match = _YEAR.search(lead)
    disbursed = has(lead, *DISBURSED)
    names_measure = disbursed or has(lead, *ALLOCATED)
    if disbursed:
        state.measure = "capital_disbursed"
    elif names_measure:
        state.measure = "capital_allocated"
    elif not (year_match and state.measure):
        return None
    if year_match:
        year = int(year_match.group(1))
    elif _YEAR_RANGE.search(lead):
        year = None
    elif default_year is None and disbursed and state.year_sentence == m.sentence_start:
        # "Kế hoạch vốn năm 2024 là 356,8 tỷ đồng; đến ngày 31/10 đã giải ngân 201,45 tỷ đồng":
        # a disbursement in the sentence of a one-year allocation is of that year.
        year = state.measure_year
    else:
        year = default_year
    if not year_match or names_measure:
        state.measure_year = year
        state.year_sentence = m.sentence_start
    return Found(m, state.measure, unit="mvnd", program=state.program, project=state.project, ref_year=year)


def extract(par: ParagraphContext) -> list[Found]:
    # A capital paragraph names capital allocated or disbursed.
    if not has(par.text, *ALLOCATED, *DISBURSED):
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
        if m.q.unit not in UNITS or has(m.sentence_before, *PLANNED):
            continue
        found += _read(m, state, default_year)
    return found


def _read(m: Mention, state: _State, default_year: int | None) -> list[Found]:
    """What one number of a capital paragraph is, given the project and measure read so far."""
    if m.q.unit == "mvnd":
        figure = _money(m, state, default_year)
        if figure and m.q.denominator is not None and figure.indicator == "capital_disbursed":
            # "đã giải ngân 712.115/1.239.405 triệu đồng": disbursed of allocated.
            return [figure, replace(figure, indicator="capital_allocated", use_denominator=True)]
        return [figure] if figure else []
    if m.q.unit == "pct" and has(m.lead, *RATE) and state.measure == "capital_disbursed":
        return [
            Found(
                m,
                "capital_disbursement_rate",
                program=state.program,
                project=state.project,
                ref_year=state.measure_year,
            )
        ]
    if m.q.unit == "project":
        kind = first_key(m.tail, PROJECT_KINDS) or "all"
        return [
            Found(
                m,
                "capital_projects",
                kind,
                program=state.program,
                project=state.project,
                ref_year=default_year,
            )
        ]
    if m.q.unit == "household" and m.q.after_slash:
        return [
            Found(
                m, "capital_households", program=state.program, project=state.project, ref_year=default_year
            )
        ]
    return []
