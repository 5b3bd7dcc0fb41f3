"""Pieces of the narrative report that need no warehouse: numbers, changes, project names."""

from __future__ import annotations

import pytest

from pipelines.exports.narrative import _change, project_label, vn
from pipelines.parsing.report import parse_lines


@pytest.mark.parametrize(
    ("value", "text"), [(353350, "353.350"), (42.9, "42,9"), (0.119, "0,119"), (1809000.0, "1.809.000")]
)
def test_numbers_are_written_the_vietnamese_way(value: float, text: str) -> None:
    assert vn(value) == text


@pytest.mark.parametrize(
    ("value", "earlier", "text"),
    [
        (233000, 235000, ", giảm 2.000 con (-0,9%) so với tháng trước"),
        (235000, 233000, ", tăng 2.000 con (+0,9%) so với tháng trước"),
        (15, 15, ", không đổi so với tháng trước"),
        (15, None, ""),
        (3, 0, ", tăng 3 con so với tháng trước"),
    ],
)
def test_change_on_the_previous_month(value: float, earlier: float | None, text: str) -> None:
    assert _change(value, earlier, "con", "tháng trước") == text


def test_a_change_is_not_read_as_a_figure() -> None:
    line = "- Tổng đàn lợn ước đạt 233.000 con" + _change(233000, 235000, "con", "tháng trước") + "."
    result = parse_lines([line], "<test>", "lai-chau")
    levels = [(f.category, f.value) for f in result.figures if f.kind == "level"]
    changes = [(f.category, f.value, f.unit, f.change_base) for f in result.figures if f.kind == "change"]
    assert levels == [("pig", 233000)]
    assert changes == [("pig", -2000, "head", "previous_month"), ("pig", -0.9, "pct", "previous_month")]


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("project_2", "Dự án 2"),
        ("project_3_sub_1", "Dự án 3, Tiểu dự án 1"),
        ("project_1_scattered_water", "Dự án 1, nước sinh hoạt phân tán"),
    ],
)
def test_project_labels_read_back_as_their_codes(code: str, label: str) -> None:
    assert project_label(code) == label
    line = f"- Chương trình MTQG giảm nghèo bền vững: {label}: tổng vốn được phân bổ là 1.000 triệu đồng;"
    [figure] = parse_lines([line], "<test>", "lai-chau").figures
    assert figure.project == code
