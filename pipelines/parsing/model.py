"""Types the parser produces: typed figures with provenance, and what it could not understand.

Everything here is plain data so that the Dagster assets, the CLI and the tests share one shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date

STATUSES = ("estimate", "preliminary", "official", "reported")
QUALIFIERS = ("about", "nearly", "more_than")
# When a figure applies: in the month (or a stock at its end), from 1 January to the month's end,
# a whole year, or since a programme or period started.
SCOPES = ("month", "year_to_date", "annual", "cumulative")
# A level is what the warehouse stores as a fact; a change ("giảm 12 vụ so với cùng kỳ") is kept in
# staging only, with the base it compares to, so a check can hold it against the warehouse's trend.
KINDS = ("level", "change")
CHANGE_BASES = ("previous_month", "same_period_last_year", "previous_year", "unstated")


@dataclass(slots=True, unsafe_hash=True)
class Figure:
    """One number the report states, typed and traceable to its words.

    Read-only by convention, not frozen (it hashes and compares by its fields all the same):
    a frozen dataclass costs several times more to make, and a report has over a hundred figures.

    `indicator` says what is measured (its unit is fixed by the indicator catalogue);
    `category` breaks it down (species, violation type, sector, ...); `program`, `project`,
    `ref_year` and `stars` are the extra dimensions some domains carry.
    `area_code` is None for a province total, else a district (three digits) or commune (five
    digits) code. `scope` says when the figure applies (SCOPES) and `period` the last month its
    window covers when that is not the report's month ("Năm 2025 ..." in a January 2026 report is
    2025-12). `kind` is "change" for a reported change, with `change_base` what it compares to.
    """

    domain: str
    indicator: str
    value: float
    unit: str
    line_start: int
    line_end: int
    source_text: str
    rule: str
    section: str
    category: str = "all"
    area_code: str | None = None
    program: str | None = None
    project: str | None = None
    ref_year: int | None = None
    stars: int | None = None
    status: str = "reported"
    qualifier: str | None = None
    scope: str = "month"
    period: date | None = None
    kind: str = "level"
    change_base: str | None = None

    def as_row(self) -> dict:
        """The fields by name (what `dataclasses.asdict` gives, without its deep copy of every value)."""
        return {name: getattr(self, name) for name in FIGURE_FIELDS}


FIGURE_FIELDS = tuple(f.name for f in fields(Figure))


@dataclass(frozen=True)
class UnrecognisedNumber:
    """A number in the text that is neither a figure nor a known non-figure (date, year, section).

    `reason` says why it was left unread where the parser knows: "plan" (a target or forecast),
    "change" (a change with no figure to attach to), "conflict" (two readings of one slot),
    "area" or "scope" (unclear); None where no rule read it.
    """

    line: int
    text: str
    context: str
    reason: str | None = None


@dataclass(frozen=True)
class ParseIssue:
    """A problem that stops a submission from loading: names the file, the line and what was expected."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class ReportMetadata:
    """What the text says about itself: the month and the province it reports on."""

    period: date | None
    province_name: str | None
    province_code: str | None
    period_line: int | None = None
    province_line: int | None = None


@dataclass
class ParseResult:
    """The outcome of parsing one submission file; errors come back as values, never raised."""

    path: str
    metadata: ReportMetadata | None = None
    figures: list[Figure] = field(default_factory=list)
    unrecognised: list[UnrecognisedNumber] = field(default_factory=list)
    errors: list[ParseIssue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors
