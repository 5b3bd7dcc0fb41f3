from datetime import date

import pytest

from pipelines.warehouse.months import is_month, month_key, next_month, parse_month, previous_month


def test_parse_month_gives_first_day():
    assert parse_month("2023-12") == date(2023, 12, 1)


@pytest.mark.parametrize("text", ["2023-13", "2023-00", "2023-1", "23-12", "2023-12-01", "december"])
def test_parse_month_rejects_what_is_not_yyyy_mm(text):
    with pytest.raises(ValueError, match="YYYY-MM"):
        parse_month(text)
    assert not is_month(text)


def test_next_month_rolls_over_the_year():
    assert next_month(date(2023, 12, 1)) == date(2024, 1, 1)
    assert next_month(date(2024, 1, 31)) == date(2024, 2, 1)


def test_previous_month_rolls_back_the_year():
    assert previous_month(date(2024, 1, 10)) == date(2023, 12, 1)
    assert previous_month(date(2024, 3, 31)) == date(2024, 2, 1)


def test_month_key():
    assert month_key(date(2015, 1, 1)) == "2015-01"
