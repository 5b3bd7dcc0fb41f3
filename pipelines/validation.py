"""Consistency checks on one submission's figures: do the parts add up, do the rates agree.

The rules the warehouse's dbt tests apply to the fact tables after a load (same names), here in
pure Python on a parsed report, so a statistics officer can run them (`agristat validate`)
before filing. A report leaves out parts that are zero, so the parts it states must add up to
their total exactly; where a report may name only some parts (some species, some districts),
the breakdown fails only when its parts exceed the total.

Parts meet only totals of the same scope and period ("8 vụ trong tháng" are not parts of "91 vụ
từ đầu năm"), and only levels are checked: a reported change ("giảm 3 vụ") is no part of anything.

`severity` here decides `agristat validate`'s exit code: an `error` is a figure to correct
before filing, a `warn` something that can be right (more disbursed than allocated in a year).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from pipelines.parsing.model import Figure

ERROR, WARN = "error", "warn"
TOLERANCE = 1e-3

# What "gia súc chính" counts; a combined figure stands in only when its species are not given.
MAIN_LIVESTOCK_PARTS = ("buffalo", "cattle", "buffalo_cattle", "pig", "goat", "sheep", "goat_sheep", "horse")
COMBINED_SPECIES = {"buffalo_cattle": ("buffalo", "cattle"), "goat_sheep": ("goat", "sheep")}

Completeness = Callable[[Sequence[Figure]], bool]


def _always(parts: Sequence[Figure]) -> bool:
    return True


def _never(parts: Sequence[Figure]) -> bool:
    return False


def _every_main_species(parts: Sequence[Figure]) -> bool:
    """Pigs, and buffalo and cattle (apart or together): the species the total always counts."""
    species = {part.category for part in parts}
    return "pig" in species and ("buffalo_cattle" in species or {"buffalo", "cattle"} <= species)


@dataclass(frozen=True)
class CheckFailure:
    """A check that does not hold: what was stated, what the related figures give, and where."""

    check: str
    severity: str
    subject: str
    stated: float
    computed: float
    lines: tuple[int, ...]

    def __str__(self) -> str:
        lines = ", ".join(str(line) for line in self.lines)
        return f"{self.subject}: stated {self.stated:,.10g}, computed {self.computed:,.10g} (lines {lines})"


def _area(figure: Figure) -> str:
    if not figure.area_code:
        area = "province"
    else:
        area = f"{'commune' if len(figure.area_code) == 5 else 'district'} {figure.area_code}"
    if figure.scope != "month" or figure.period:
        area += f", {figure.scope}" + (f" {figure.period:%Y-%m}" if figure.period else "")
    return area


def _capital_where(figure: Figure) -> str:
    year = f", {figure.ref_year}" if figure.ref_year else ", all years"
    return f"{figure.program}/{figure.project}{year}, {_area(figure)}"


def _lines(figures: Iterable[Figure]) -> tuple[int, ...]:
    return tuple(sorted({figure.line_start for figure in figures}))


def _by(figures: Iterable[Figure], *fields: str) -> dict[tuple, list[Figure]]:
    groups: dict[tuple, list[Figure]] = defaultdict(list)
    for figure in figures:
        groups[tuple(getattr(figure, name) for name in fields)].append(figure)
    return groups


def _parts_add_up(
    check: str,
    figures: Iterable[Figure],
    group_by: Sequence[str],
    is_total: Callable[[Figure], bool],
    is_part: Callable[[Figure], bool],
    describe: Callable[[Figure], str],
    complete: Completeness = _always,
) -> list[CheckFailure]:
    """Per group (always within one scope and period), the parts stated add up to the total
    stated; a partial breakdown (not `complete`) fails only when its parts exceed the total."""
    failures = []
    for group in _by(figures, "scope", "period", *group_by).values():
        totals = [figure for figure in group if is_total(figure)]
        parts = [figure for figure in group if is_part(figure)]
        if not totals or not parts:
            continue
        total, computed = totals[0], sum(part.value for part in parts)
        whole = complete(parts)
        if (whole and abs(computed - total.value) > TOLERANCE) or computed > total.value + TOLERANCE:
            failures.append(
                CheckFailure(check, ERROR, describe(total), total.value, computed, _lines(totals + parts))
            )
    return failures


def _indicator(figures: Sequence[Figure], *indicators: str) -> list[Figure]:
    return [figure for figure in figures if figure.indicator in indicators]


def _herds(figures: Sequence[Figure]) -> list[CheckFailure]:
    herds = _indicator(figures, "livestock_herd")
    given = {(f.scope, f.period, f.area_code, f.category) for f in herds}

    def is_part(figure: Figure) -> bool:
        counted = COMBINED_SPECIES.get(figure.category, ())
        return figure.category in MAIN_LIVESTOCK_PARTS and not any(
            (figure.scope, figure.period, figure.area_code, s) in given for s in counted
        )

    return [
        *_parts_add_up(
            "herd_species_add_up_to_main_livestock",
            herds,
            ("area_code",),
            lambda f: f.category == "main_livestock",
            is_part,
            lambda f: f"species to main_livestock, {_area(f)}",
            _every_main_species,
        ),
        *_parts_add_up(
            "herd_districts_within_province",
            herds,
            ("category",),
            lambda f: f.area_code is None,
            lambda f: f.area_code is not None,
            lambda f: f"districts' {f.category} within the province's",
            _never,
        ),
    ]


def _violations(figures: Sequence[Figure]) -> list[CheckFailure]:
    cases = _indicator(figures, "forest_violation_cases")
    return [
        *_parts_add_up(
            "violation_types_add_up",
            cases,
            ("area_code",),
            lambda f: f.category == "all",
            lambda f: f.category != "all",
            lambda f: f"violation types to all cases, {_area(f)}",
        ),
        *_parts_add_up(
            "violation_districts_add_up",
            cases,
            ("category",),
            lambda f: f.area_code is None,
            lambda f: f.area_code is not None,
            lambda f: f"districts' {f.category} cases within the province's",
            _never,
        ),
    ]


def _cooperatives(figures: Sequence[Figure]) -> list[CheckFailure]:
    cooperatives = _indicator(figures, "cooperatives")
    return [
        *_parts_add_up(
            "cooperative_sectors_add_up",
            cooperatives,
            ("area_code",),
            lambda f: f.category == "all",
            lambda f: f.category != "all",
            lambda f: f"sectors to all cooperatives, {_area(f)}",
        ),
        *_parts_add_up(
            "cooperative_districts_add_up",
            cooperatives,
            ("category",),
            lambda f: f.area_code is None,
            lambda f: f.area_code is not None,
            lambda f: f"districts' {f.category} cooperatives to the province's",
        ),
    ]


def _ocop(figures: Sequence[Figure]) -> list[CheckFailure]:
    return _parts_add_up(
        "ocop_stars_add_up",
        _indicator(figures, "ocop_products"),
        ("area_code", "category"),
        lambda f: f.stars is None,
        lambda f: f.stars is not None,
        lambda f: f"{f.category} OCOP products by stars, {_area(f)}",
    )


def _allocation_years(figures: Sequence[Figure]) -> list[CheckFailure]:
    failures = []
    for indicator, check in (
        ("capital_allocated", "capital_allocation_years_add_up"),
        ("capital_disbursed", "capital_disbursement_years_add_up"),
    ):
        failures += _parts_add_up(
            check,
            [f for f in _indicator(figures, indicator) if f.category == "all"],
            ("area_code", "program", "project"),
            lambda f: f.ref_year is None,
            lambda f: f.ref_year is not None,
            lambda f, indicator=indicator: f"{indicator} by year, {_capital_where(f)}",
        )
    return failures


def _decimals(value: float) -> int:
    text = f"{value:.10g}"
    return len(text.split(".")[1]) if "." in text else 0


def _rates_and_amounts(figures: Sequence[Figure]) -> list[CheckFailure]:
    """A reported rate agrees with disbursed / allocated to its rounding; disbursed <= allocated."""
    failures = []
    capital = [f for f in figures if f.indicator.startswith("capital_") and f.category == "all"]
    for group in _by(capital, "scope", "period", "area_code", "program", "project", "ref_year").values():
        by_indicator = {figure.indicator: figure for figure in group}
        allocated = by_indicator.get("capital_allocated")
        disbursed = by_indicator.get("capital_disbursed")
        rate = by_indicator.get("capital_disbursement_rate")
        if not (allocated and disbursed and allocated.value > 0):
            continue
        computed = disbursed.value / allocated.value * 100
        if rate and abs(rate.value - computed) > 0.5 * 10 ** -_decimals(rate.value) + 1e-9:
            failures.append(
                CheckFailure(
                    "capital_rate_agrees",
                    ERROR,
                    f"disbursement rate, {_capital_where(rate)}",
                    rate.value,
                    computed,
                    _lines([rate, allocated, disbursed]),
                )
            )
        if disbursed.value > allocated.value + TOLERANCE:
            failures.append(
                CheckFailure(
                    "capital_disbursed_within_allocated",
                    WARN,
                    f"disbursed more than allocated, {_capital_where(disbursed)}",
                    disbursed.value,
                    allocated.value,
                    _lines([allocated, disbursed]),
                )
            )
    return failures


def check_figures(figures: Sequence[Figure]) -> list[CheckFailure]:
    """Every failed consistency check of one submission's levels, in report order."""
    figures = [figure for figure in figures if figure.kind == "level"]
    failures = [
        *_herds(figures),
        *_violations(figures),
        *_cooperatives(figures),
        *_ocop(figures),
        *_allocation_years(figures),
        *_rates_and_amounts(figures),
    ]
    return sorted(failures, key=lambda failure: failure.lines)
