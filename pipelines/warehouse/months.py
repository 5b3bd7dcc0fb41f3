"""Months as the first day of the month, the warehouse's `period`, and half-open windows of them."""

from __future__ import annotations

import re
from datetime import date

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def parse_month(text: str) -> date:
    """Turn a `YYYY-MM` folder name or flag value into the first day of that month."""
    match = _MONTH.match(text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(f"{text!r} is not a month written YYYY-MM")
    return date(int(match.group(1)), int(match.group(2)), 1)


def is_month(text: str) -> bool:
    """Whether a folder name is a `YYYY-MM` month."""
    try:
        parse_month(text)
    except ValueError:
        return False
    return True


def next_month(day: date) -> date:
    """First day of the month after the one `day` falls in: the exclusive end of its window."""
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def previous_month(day: date) -> date:
    """First day of the month before the one `day` falls in."""
    return date(day.year - (day.month == 1), (day.month - 2) % 12 + 1, 1)


def month_key(day: date) -> str:
    """`YYYY-MM` of a date, as used in raw folder names."""
    return f"{day.year:04d}-{day.month:02d}"
