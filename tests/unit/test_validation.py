import random
from datetime import date

import pytest

from pipelines.parsing.areas import provinces
from pipelines.parsing.model import Figure
from pipelines.parsing.report import parse_lines, parse_submission
from pipelines.synthetic import generate_report, initial_state
from pipelines.validation import ERROR, WARN, check_figures

# The synthetic generator names the inconsistency it writes; the check that must catch it.
CATCHES = {
    "species_do_not_add_up": "herd_species_add_up_to_main_livestock",
    "violation_types_do_not_add_up": "violation_types_add_up",
    "sectors_do_not_add_up": "cooperative_sectors_add_up",
    "districts_do_not_add_up": "cooperative_districts_add_up",
    "allocation_years_do_not_add_up": "capital_allocation_years_add_up",
    "rate_disagrees": "capital_rate_agrees",
    "disbursed_exceeds_allocated": "capital_disbursed_within_allocated",
}


def _check(sample_report, replacements: dict[str, str]) -> list:
    text = sample_report.read_text(encoding="utf-8")
    for old, new in replacements.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return check_figures(parse_lines(text.splitlines(), "bao-cao.txt", "lai-chau").figures)


def test_the_sample_adds_up_but_disburses_more_than_allocated_once(sample_report):
    result = parse_submission(sample_report, sample_report.parents[2])
    (failure,) = check_figures(result.figures)
    assert (failure.check, failure.severity) == ("capital_disbursed_within_allocated", WARN)
    assert (failure.stated, failure.computed) == (14200, 13750)
    assert "project_3_sub_1, 2023" in str(failure) and failure.lines == (299, 301)


@pytest.mark.parametrize(
    ("replacements", "check", "stated", "computed"),
    [
        ({"đàn lợn 235.000": "đàn lợn 236.000"}, "herd_species_add_up_to_main_livestock", 353350, 354350),
        ({"Phá rừng trái luật 09 vụ": "Phá rừng trái luật 08 vụ"}, "violation_types_add_up", 15, 14),
        ({"24 HTX chăn nuôi": "25 HTX chăn nuôi"}, "cooperative_sectors_add_up", 183, 184),
        ({"Than Uyên 38 HTX": "Than Uyên 39 HTX"}, "cooperative_districts_add_up", 183, 184),
        ({"năm 2022 là 103.328": "năm 2022 là 103.338"}, "capital_allocation_years_add_up", 117078, 117088),
        ({"năm 2022 là 6.636": "năm 2022 là 6.646"}, "capital_disbursement_years_add_up", 20836, 20846),
        ({"đạt 13% kế hoạch": "đạt 31% kế hoạch"}, "capital_rate_agrees", 31, 22397 / 171373 * 100),
    ],
)
def test_a_made_up_inconsistency_is_caught(sample_report, replacements, check, stated, computed):
    failures = [f for f in _check(sample_report, replacements) if f.severity == ERROR]
    assert [(f.check, f.severity, f.stated) for f in failures] == [(check, ERROR, stated)]
    assert failures[0].computed == pytest.approx(computed)


def _herd(category: str, value: float, line: int, area: str | None = None) -> Figure:
    return Figure(
        "livestock", "livestock_herd", value, "head", line, line, "", "r", "I", category, area_code=area
    )


def test_a_partial_list_of_species_fails_only_when_it_exceeds_the_total():
    assert check_figures([_herd("main_livestock", 100, 1), _herd("pig", 60, 1)]) == []
    (failure,) = check_figures([_herd("main_livestock", 100, 1), _herd("pig", 60, 1), _herd("goat", 50, 2)])
    assert (failure.check, failure.computed) == ("herd_species_add_up_to_main_livestock", 110)


def test_a_combined_species_stands_in_for_its_parts_but_is_not_counted_twice():
    figures = [_herd("main_livestock", 100, 1), _herd("buffalo_cattle", 40, 1), _herd("pig", 50, 2)]
    (failure,) = check_figures(figures)
    assert (failure.stated, failure.computed) == (100, 90)
    assert check_figures([*figures, _herd("buffalo", 30, 3), _herd("cattle", 20, 3)]) == []


def test_districts_may_be_some_of_the_province_but_never_more():
    province = [_herd("pig", 100, 1)]
    assert check_figures([*province, _herd("pig", 60, 2, "105"), _herd("pig", 30, 2, "106")]) == []
    (failure,) = check_figures([*province, _herd("pig", 60, 2, "105"), _herd("pig", 50, 2, "106")])
    assert (failure.check, failure.lines) == ("herd_districts_within_province", (1, 2))


def test_a_rate_is_checked_to_the_rounding_shown():
    def capital(indicator: str, value: float) -> Figure:
        return Figure("capital", indicator, value, "mvnd", 1, 1, "", "r", "I", program="p", project="q")

    figures = [capital("capital_allocated", 3), capital("capital_disbursed", 1)]  # 33.33...%
    assert check_figures([*figures, capital("capital_disbursement_rate", 33)]) == []
    assert check_figures([*figures, capital("capital_disbursement_rate", 33.3)]) == []
    (failure,) = check_figures([*figures, capital("capital_disbursement_rate", 33.4)])
    assert failure.check == "capital_rate_agrees"


def test_every_inconsistency_the_generator_writes_is_caught_and_nothing_else():
    for province in provinces()[:8]:
        rng = random.Random(province.code)
        state = initial_state(province, rng)
        for month in range(1, 13):
            report = generate_report(province, date(2022, month, 1), state, rng, inconsistency_rate=0.5)
            figures = parse_lines(report.text.splitlines(), "x.txt", province.slug).figures
            expected = {CATCHES[issue["check"]] for issue in report.issues}
            assert {failure.check for failure in check_figures(figures)} == expected, report.issues


def test_ocop_products_by_stars_add_up_to_their_measure():
    def ocop(value: float, stars: int | None) -> Figure:
        return Figure("ocop", "ocop_products", value, "product", 1, 1, "", "r", "I", "certified", stars=stars)

    assert check_figures([ocop(11, None), ocop(8, 3), ocop(3, 4)]) == []
    (failure,) = check_figures([ocop(11, None), ocop(8, 3), ocop(4, 4)])
    assert (failure.check, failure.computed) == ("ocop_stars_add_up", 12)


def _cases(category: str, value: float, line: int, **fields) -> Figure:
    return Figure(
        "forestry", "forest_violation_cases", value, "case", line, line, "", "r", "I", category, **fields
    )


def test_parts_meet_only_totals_of_their_own_scope_and_period():
    # "Trong tháng xảy ra 8 vụ (5 phá rừng, 3 vận chuyển); tính chung 10 tháng là 91 vụ (60, 31)."
    month = [
        _cases("all", 8, 1),
        _cases("illegal_deforestation", 5, 1),
        _cases("illegal_trade_transport", 3, 1),
    ]
    ytd = [
        _cases("all", 91, 2, scope="year_to_date"),
        _cases("illegal_deforestation", 60, 2, scope="year_to_date"),
        _cases("illegal_trade_transport", 31, 2, scope="year_to_date"),
    ]
    assert check_figures(month + ytd) == []
    # An annual figure of the year before is its own group too.
    annual = [
        _cases("all", 212, 3, scope="annual", period=date(2025, 12, 1)),
        _cases("illegal_deforestation", 200, 3, scope="annual", period=date(2025, 12, 1)),
    ]
    (failure,) = check_figures(
        month + ytd + annual + [_cases("other", 13, 4, scope="annual", period=date(2025, 12, 1))]
    )
    assert (failure.check, failure.stated, failure.computed) == ("violation_types_add_up", 212, 213)
    assert "annual 2025-12" in failure.subject
    # A month part against the year-to-date total would have failed: 5 + 3 + 60 + 31 != 91.
    (failure,) = check_figures([*month[:1], *ytd, _cases("other", 1, 5, scope="year_to_date")])
    assert (failure.stated, failure.computed) == (91, 92)


def test_a_reported_change_is_no_part():
    figures = [
        _cases("all", 9, 1),
        _cases("illegal_deforestation", 9, 1),
        # "giảm 3 vụ so với cùng kỳ": a change, not a violation type's count.
        _cases("illegal_logging", -3, 1, kind="change", change_base="same_period_last_year"),
    ]
    assert check_figures(figures) == []
