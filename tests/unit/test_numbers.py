"""Vietnamese numerals: grouping dot, decimal comma, leading zeros, multipliers, units, ratios."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.parsing.numbers import (
    NUMBER_TOKEN,
    NumberFormatError,
    find_quantities,
    format_number,
    non_figure_kind,
    number_tokens,
    parse_number,
)
from pipelines.parsing.report import parse_lines


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("353.350", 353350),
        ("42,9", 42.9),
        ("09", 9),
        ("36,60", 36.6),
        ("1.239.405", 1239405),
        ("0,119", 0.119),
    ],
)
def test_parse_number(raw: str, value: float) -> None:
    assert parse_number(raw) == value


@pytest.mark.parametrize("raw", ["1.5", "12.34", "1.2345", "1,2,3"])
def test_ambiguous_numbers_are_refused(raw: str) -> None:
    with pytest.raises(NumberFormatError, match=raw):
        parse_number(raw)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("1.809 nghìn con", 1809000, "head"),
        ("2.150 ngàn con", 2150000, "head"),
        ("1,75 triệu con", 1750000, "head"),
        ("4.318 tỷ đồng", 4318000, "mvnd"),
        ("498.790 triệu đồng", 498790, "mvnd"),
        ("36,60%", 36.6, "pct"),
        ("2.500 m2", 0.25, "ha"),
        ("21ha", 21, "ha"),
        ("26.750 m3", 26750, "m3"),
        ("09 vụ", 9, "case"),
        ("38 HTX", 38, "cooperative"),
        ("25 lớp", 25, "class"),
        ("775 học viên", 775, "trainee"),
        ("6.252 lượt", 6252, "visit"),
        ("10 hộ", 10, "household"),
        ("5 tạ", 0.5, "ton"),
    ],
)
def test_multipliers_and_units(text: str, value: float, unit: str) -> None:
    [q] = find_quantities(text)
    assert (q.value, q.unit) == (value, unit)


def test_ratio_of_one_unit() -> None:
    [q] = find_quantities("đạt 11/12 sản phẩm")
    assert (q.value, q.denominator, q.unit) == (11, 12, "product")
    [q] = find_quantities("712.115/1.239.405 triệu đồng")
    assert (q.value, q.denominator, q.unit) == (712115, 1239405, "mvnd")


def test_two_quantities_across_a_slash() -> None:
    first, second = find_quantities("27 con/1.000 kg")
    assert (first.value, first.unit, first.after_slash) == (27, "head", False)
    assert (second.value, second.unit, second.after_slash) == (1000, "kg", True)


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("khoảng 372 tấn", "about"),
        ("gần 30 con", "nearly"),
        ("hơn 90 con", "more_than"),
        ("trên 100 sản phẩm", "more_than"),
    ],
)
def test_qualifiers(text: str, qualifier: str) -> None:
    [q] = find_quantities(text)
    assert q.qualifier == qualifier


@pytest.mark.parametrize(
    ("text", "number", "kind"),
    [
        ("hết ngày 31/12/2023", "31", "date"),
        ("phấn đấu đến 30/6 giải ngân", "6", "date"),
        ("đến ngày 31/10 đã giải ngân", "10", "date"),
        ("quý III/2023", "2023", "date"),
        ("năm 2023", "2023", "year"),
        ("vụ Đông xuân 2023- 2024", "2024", "year"),
        ("ứng trực 24/24 giờ", "24", "idiom"),
        ("Dự án 1 (Hỗ trợ)", "1", "identifier"),
        ("tháng 12 năm 2023", "12", "identifier"),
        ("trong tháng 8 vụ hè thu", "8", "identifier"),
        ("Quyết định số 123/QĐ-UBND", "123", "document_number"),
        ("sản phẩm OCOP 4 sao", "4", "stars"),
        ("từ 3 - 4 sao", "3", "stars"),
        ("1.2. Chăn nuôi", "1.2", "section_number"),
        ("2. Sản xuất lâm nghiệp", "2", "section_number"),
        # where the paragraph-wide and window tests spare a regex, the result is the regex's
        ("quý II/\n2023", "2023", "date"),
        ("đợt 2/2023", "2/2023", "date"),
        ("số 1/12/2023/5", "12", "date"),
        ("năm 2021-2023", "2021", "year"),
        ("năm 20٢٣", "20٢٣", "year"),
        ("số 31-12-٢٠٢٣", "31", "date"),
        ("Quyết định 5", "5", "identifier"),
        ("QUYẾT ĐỊNH\t 5", "5", "identifier"),
        ("2024", "2024", "year"),
    ],
)
def test_known_non_figures(text: str, number: str, kind: str) -> None:
    start = text.index(number)
    end = start + len(number)
    assert non_figure_kind(text, start, end) == kind
    assert {(a, b): k for a, b, _, k in number_tokens(text)}.get((start, end), kind) == kind
    assert all(q.start != start for q in find_quantities(text))


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("đạt 11/12 sản phẩm", "12"),
        ("đạt 120 con", "120"),
        ("từ 1.200-1.500 con", "1.200"),
        ("F1 2023", "1"),
        ("giảm đến 1/3 sản lượng", "3"),  # a fraction, not the 1st of March
        ("đến 12/10 huyện", "12"),  # a count of districts
    ],
)
def test_figures_near_non_figure_marks(text: str, number: str) -> None:
    start = text.index(number)
    assert non_figure_kind(text, start, start + len(number)) is None


def test_a_count_is_not_a_section_number() -> None:
    assert non_figure_kind("- 09 vụ", 2, 4) is None


@given(st.integers(min_value=0, max_value=10**12))
def test_format_then_parse_gives_an_integer_back(value: int) -> None:
    assert parse_number(format_number(value)) == value


@given(st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False, allow_infinity=False))
def test_format_then_parse_gives_a_decimal_back(value) -> None:
    text = format_number(float(value), decimals=3)
    assert parse_number(text) == pytest.approx(float(value), abs=1e-9)


@given(st.text(max_size=300))
@settings(max_examples=300)
def test_arbitrary_text_never_raises(text: str) -> None:
    result = parse_lines(text.splitlines() or [""], "<fuzz>", "lai-chau")
    for figure in result.figures:
        assert figure.line_start >= 1


_SAMPLE_LINES = [
    "1.2. Chăn nuôi",
    "- Tổng đàn gia súc chính ước đạt 353.350 con, trong đó: Đàn trâu 92.760 con, đàn bò 25.590 con.",
    "- Tổng số vụ vi phạm là 15 vụ, trong đó: Phá rừng trái luật 09 vụ (diện tích thiệt hại 3,9 ha).",
    "- Kết quả đã đánh giá, phân hạng được 11/12 sản phẩm OCOP đạt 4 sao.",
]


@given(
    st.lists(st.sampled_from(list(range(len(_SAMPLE_LINES)))), max_size=8),
    st.text(alphabet="0123456789.,/%-:; ", max_size=6),
    st.integers(0, 200),
)
@settings(max_examples=300)
def test_mutated_report_never_raises_nor_invents_numbers(order: list[int], noise: str, position: int) -> None:
    lines = [_SAMPLE_LINES[i] for i in order]
    if lines:
        line = lines[0]
        cut = position % (len(line) + 1)
        lines[0] = line[:cut] + noise + line[cut:]
    result = parse_lines(lines, "<fuzz>", "lai-chau")
    text = " ".join(" ".join(lines).split())
    for figure in result.figures:
        assert figure.source_text in text
        written = [parse_number(t) for t in NUMBER_TOKEN.findall(figure.source_text) if _is_number(t)]
        assert any(abs(figure.value) in (w, w * 1000, w * 1e6) for w in written), figure


def _is_number(token: str) -> bool:
    try:
        parse_number(token)
    except NumberFormatError:
        return False
    return True
