"""The month and province a report states about itself, to check them against its folder.

A submission's path says which province and month it is for; the text says so too, and a
disagreement means a misfiled or wrong report (warehouse contract). The text is PDF-extracted,
so phrases run across lines: we search the lines joined with spaces and map each match back to
the physical line where it starts.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from bisect import bisect_right
from datetime import date
from itertools import accumulate, islice

from pipelines.parsing import areas
from pipelines.parsing.model import ReportMetadata
from pipelines.parsing.numbers import aligned_lower

# The report month follows "tình hình" / "báo cáo" in the title, lead or closing sentence.
# The plan month ("phương hướng, nhiệm vụ tháng 01 năm 2024"), a date ("ngày 05 tháng 01 năm
# 2024") and comparisons ("so với tháng 11 năm 2023") are not it: those words may not come between.
_REPORT_MONTH = re.compile(
    r"(?:tình\s+hình|báo\s+cáo)"
    r"(?:(?!phương\s+hướng|kế\s+hoạch|dự\s+kiến|ngày|so\s+với|cùng\s+kỳ)[^.;]){0,150}?"
    r"\b(?P<phrase>tháng\s+(?P<month>\d{1,2})\s*(?:năm\s+|/\s*)(?P<year>\d{4}))\b",
    re.IGNORECASE,
)

_KIND = r"(?P<kind>tỉnh|thành\s+phố|tp\b\.?)\s*"
# The reporting department, "Sở Nông nghiệp và PTNT tỉnh X" (since 2025 "... và Môi trường").
_DEPARTMENT = re.compile(
    r"\bsở\s+(?:nông\s+nghiệp|nn)\s*(?:và|&)\s*(?:phát\s+triển\s+nông\s+thôn|ptnt|môi\s+trường|mt)\s+"
    + _KIND,
    re.IGNORECASE,
)
_PEOPLES_COMMITTEE = re.compile(
    r"\b(?:ubnd|ủy\s+ban\s+nhân\s+dân|uỷ\s+ban\s+nhân\s+dân)\s+" + _KIND, re.IGNORECASE
)
_ANY_KIND = re.compile(r"\b" + _KIND, re.IGNORECASE)
# Up to six words after the kind; the longest run that names a province wins.
_NAME = re.compile(r"[^\W\d_]+(?:(?:\s*-\s*|\s+)[^\W\d_]+){0,5}")
_WORD = re.compile(r"[^\W\d_]+")
_SIGN_OFF = re.compile(r"\s*\./\.")
# "Trên đây là ...": the sentence that closes a report (matched on the lower-cased text).
_CLOSING = re.compile(r"trên\s+đây\s+là")
_CLOSING_CHARS = 400
# The letterhead, number, date and title of an official report fit in its first lines.
_HEADER_LINES = 15


class _Text:
    """The lines joined with spaces, with a map from character offsets back to line numbers."""

    def __init__(self, lines: list[str]) -> None:
        self.text = " ".join(lines)
        # A space composes with nothing, so the joined text is NFC exactly when every line is.
        if not unicodedata.is_normalized("NFC", self.text):
            lines = [unicodedata.normalize("NFC", line) for line in lines]
            self.text = " ".join(lines)
        # Line i starts after the lines before it, each with its joining space: lengths_before[i] + i.
        self.lengths_before = list(accumulate(map(len, lines), initial=0))
        non_blank = (i for i, line in enumerate(lines) if line.strip())
        header_end_line = next(islice(non_blank, _HEADER_LINES, None), None)
        self.header_end = len(self.text) if header_end_line is None else self._start(header_end_line)

    def _start(self, line: int) -> int:
        return self.lengths_before[line] + line

    def line_of(self, offset: int) -> int:
        """The line number (from 1) of the character at `offset`: only two are asked for, so the
        line starts are computed where the search looks, not listed."""
        return bisect_right(range(len(self.lengths_before) - 1), offset, key=self._start)


def _report_month(text: str) -> tuple[date, int] | None:
    """The first month the report says it is about, with the offset where its phrase starts."""
    for m in _REPORT_MONTH.finditer(text):
        month, year = int(m["month"]), int(m["year"])
        if 1 <= month <= 12:
            return date(year, month, 1), m.start("phrase")
    return None


def _province_after(text: str, m: re.Match) -> tuple[areas.Province, int, int] | None:
    """The province named right after a kind word, with the offsets of its name."""
    name = _NAME.match(text, m.end())
    if name is None:
        return None
    for end in sorted((w.end() for w in _WORD.finditer(name.group())), reverse=True):
        province = areas.find_province(f"{m['kind']} {name.group()[:end]}")
        if province is not None:
            return province, name.start(), name.start() + end
    return None


def _first_province(
    pattern: re.Pattern, text: str, start: int, end: int
) -> tuple[areas.Province, int, int] | None:
    for m in pattern.finditer(text, start, end):
        found = _province_after(text, m)
        if found:
            return found
    return None


def _signed_off_province(text: str) -> tuple[areas.Province, int, int] | None:
    """The last "tỉnh X./.": the report's sign-off sentence ends with the author's province."""
    found = None
    for m in _ANY_KIND.finditer(text):
        candidate = _province_after(text, m)
        if candidate and _SIGN_OFF.match(text, candidate[2]):
            found = candidate
    return found


def _last_closing(text: str) -> re.Match | None:
    """The last "trên đây là" of the text, in any case."""
    matches = list(_CLOSING.finditer(aligned_lower(text)))
    return matches[-1] if matches else None


def _report_province(t: _Text) -> tuple[areas.Province, int, int] | None:
    """The author's province from the closing sentence, else the sign-off, else the header.

    Only these places count: the body may name other provinces in passing.
    """
    text = t.text
    closing = _last_closing(text)
    if closing:
        start = closing.start()
        sign_off = text.find("./.", start)
        end = sign_off + 3 if sign_off != -1 else start + _CLOSING_CHARS
        for pattern in (_DEPARTMENT, _PEOPLES_COMMITTEE):
            found = _first_province(pattern, text, start, end)
            if found:
                return found
    return (
        _signed_off_province(text)
        or _first_province(_PEOPLES_COMMITTEE, text, 0, t.header_end)
        or _first_province(_DEPARTMENT, text, 0, t.header_end)
    )


def read_metadata(lines: list[str]) -> ReportMetadata:
    """The month and province the report states about itself; None where it does not say."""
    t = _Text(lines)
    month = _report_month(t.text)
    province = _report_province(t)
    return ReportMetadata(
        period=month[0] if month else None,
        province_name=province[0].name if province else None,
        province_code=province[0].code if province else None,
        period_line=t.line_of(month[1]) if month else None,
        province_line=t.line_of(province[1]) if province else None,
    )


def _month_phrase(period: date) -> str:
    return f"tháng {period.month:02d} năm {period.year}"


def _province_phrase(province: areas.Province) -> str:
    return f"{province.kind.lower()} {province.name}"


def check_against_path(meta: ReportMetadata, path: str, province_slug: str, period: date) -> list[str]:
    """Where the text and its folder disagree on month or province, one message naming both sides."""
    errors = []
    if meta.period is None:
        errors.append(
            f"the text states no report month: expected '{_month_phrase(period)}' in its title or "
            f"closing, as the folder says {period:%Y-%m} ({path})"
        )
    elif (meta.period.year, meta.period.month) != (period.year, period.month):
        errors.append(
            f"the text reports on {_month_phrase(meta.period)} (line {meta.period_line}) "
            f"but the folder says {period:%Y-%m} ({path})"
        )

    province = areas.province_by_slug(province_slug)
    if province is None:
        slugs = [p.slug for p in areas.provinces()]
        examples = difflib.get_close_matches(province_slug, slugs, n=2) or slugs[:2]
        errors.append(
            f"unknown province folder '{province_slug}' in {path} "
            f"(expected a slug such as {', '.join(examples)})"
        )
    elif merged := areas.merged_into(province, period):
        errors.append(
            f"{_province_phrase(province)} no longer exists in {period:%Y-%m}: on "
            f"{areas.REFORM_2025:%d/%m/%Y} it merged into {merged.kind.lower()} {merged.name}, whose "
            f"Department reports for it; file its reports under '{areas.slugify(merged.name)}/' "
            f"({path})"
        )
    elif meta.province_code is None:
        errors.append(
            f"the text names no province: expected 'Sở Nông nghiệp và Phát triển nông thôn "
            f"{_province_phrase(province)}' in its closing or header, as the folder "
            f"'{province_slug}' says ({path})"
        )
    elif meta.province_code != province.code:
        stated = areas.province_by_code(meta.province_code)
        stated_name = _province_phrase(stated) if stated else meta.province_name
        errors.append(
            f"the text is from {stated_name} (line {meta.province_line}) but the folder "
            f"'{province_slug}' says {_province_phrase(province)} ({path})"
        )
    return errors
