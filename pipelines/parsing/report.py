"""One submission file -> ParseResult: read, check month and province, walk the outline, apply the rules.

Errors come back as values; every number of the text ends up a figure, a known non-figure or unrecognised.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path, PurePath

from pipelines.parsing import meaning
from pipelines.parsing.areas import province_by_slug
from pipelines.parsing.metadata import check_against_path, read_metadata
from pipelines.parsing.model import Figure, ParseIssue, ParseResult, ReportMetadata, UnrecognisedNumber
from pipelines.parsing.numbers import NumberToken, number_tokens
from pipelines.parsing.readers import Paragraph, ReadError, join_paragraphs, normalise_text, read_lines
from pipelines.parsing.rules import DOMAIN_RULES
from pipelines.parsing.rules.base import Found, Mention, ParagraphContext, paragraph_context
from pipelines.parsing.sections import Node, build_outline


def parse_submission(path: Path, raw_root: Path) -> ParseResult:
    """Parse a file; when it lies at raw_root/<province-slug>/<YYYY-MM>/, check the text agrees with that."""
    relative = _relative_to(path, raw_root)
    shown = relative.as_posix() if relative else str(path)
    try:
        lines = read_lines(path)
    except ReadError as err:
        return ParseResult(path=shown, errors=[ParseIssue(shown, err.line, err.reason)])
    expected = _expected_from_path(relative) if relative else None
    result = _parse(lines, shown, *(expected if expected else (None, None)))
    if expected and result.metadata:
        slug, period = expected
        province = province_by_slug(slug)
        result.errors += [
            ParseIssue(shown, None, message)
            for message in check_against_path(result.metadata, shown, slug, period)
        ]
        if province and not result.metadata.province_code:
            result.metadata = replace(result.metadata, province_code=province.code)
    return result


def parse_lines(
    lines: list[str], path: str, province_slug: str | None = None, period: date | None = None
) -> ParseResult:
    """Parse lines of text; `province_slug` resolves district names and `period` is the report's
    month when the text names no province or month.

    Lines are normalised (NFC, one tone placement) so the rules' keywords match every spelling.
    """
    return _parse([normalise_text(line) for line in lines], path, province_slug, period)


@dataclass
class _Reading:
    """The figures of one report as they are read, before conflicts are decided."""

    figures: dict[tuple, Figure] = field(default_factory=dict)
    conflicts: dict[tuple, list[Figure]] = field(default_factory=dict)
    unrecognised: list[UnrecognisedNumber] = field(default_factory=list)

    def add(self, figure: Figure) -> None:
        """Keep a figure; a second value for its slot makes the slot a conflict (neither is kept)."""
        key = _key(figure)
        if key in self.conflicts:
            self.conflicts[key].append(figure)
        elif key not in self.figures:
            self.figures[key] = figure
        elif self.figures[key].value != figure.value:
            self.conflicts[key] = [self.figures.pop(key), figure]

    def result(self, path: str, metadata: ReportMetadata) -> ParseResult:
        unrecognised = list(self.unrecognised)
        for readings in self.conflicts.values():
            for figure in readings:
                others = ", ".join(f"{o.value:g} on line {o.line_start}" for o in readings if o is not figure)
                unrecognised.append(
                    UnrecognisedNumber(
                        line=figure.line_start,
                        text=figure.source_text,
                        context=f"{figure.indicator}/{figure.category} = {figure.value:g}"
                        f" conflicts with {others}",
                        reason="conflict",
                    )
                )
        unrecognised.sort(key=lambda u: u.line)
        return ParseResult(
            path=path, metadata=metadata, figures=list(self.figures.values()), unrecognised=unrecognised
        )


def _parse(lines: list[str], path: str, province_slug: str | None, period: date | None = None) -> ParseResult:
    """Parse normalised lines (read_lines already normalises what it reads)."""
    metadata = read_metadata(lines)
    province = province_by_slug(province_slug) if province_slug else None
    province_code = metadata.province_code or (province.code if province else None)
    report_period = metadata.period or period
    root = build_outline(join_paragraphs(lines))
    reading = _Reading()
    for node in root.walk():
        if node.paragraph is None:
            continue
        tokens = number_tokens(node.paragraph.text, node.paragraph.lower)
        if not tokens:
            continue
        claimed: set[tuple[int, int]] = set()
        reasons: dict[tuple[int, int], str] = {}
        context = None if node.is_plan else paragraph_context(node, node.paragraph, province_code, tokens)
        if context is not None:
            _read_paragraph(context, node, province_code, report_period, reading, claimed, reasons)
        reading.unrecognised += _unclaimed(node, tokens, claimed, reasons)
    return reading.result(path, metadata)


def _read_paragraph(
    context: ParagraphContext,
    node: Node,
    province_code: str | None,
    report: date | None,
    reading: _Reading,
    claimed: set[tuple[int, int]],
    reasons: dict[tuple[int, int], str],
) -> None:
    """Apply the rules to a paragraph, then give each figure its kind, scope and area."""
    found_by_mention: dict[int, list[tuple[str, Found]]] = {}
    taken: set[tuple[int, int]] = set()
    for domain, extract, rule_units in DOMAIN_RULES:
        if rule_units is not None and context.units.isdisjoint(rule_units):
            continue
        for found in extract(context):
            spans = found.mention.q.spans
            if not taken.isdisjoint(spans) and not found.use_denominator:
                continue
            taken.update(spans)
            found_by_mention.setdefault(found.mention.index, []).append((domain, found))
    last_level: Figure | None = None  # the figure a change with no subject of its own belongs to
    last_sentence = -1
    for m in context.mentions:
        if m.sentence_start != last_sentence:
            last_level, last_sentence = None, m.sentence_start
        spans = m.q.spans
        if meaning.is_plan(m):
            reasons.update(dict.fromkeys(spans, "plan"))
            continue
        change = meaning.change_of(m)
        if change is None and meaning.is_past_value(m):
            reasons.update(dict.fromkeys(spans, "scope"))
            continue
        readings = found_by_mention.get(m.index, [])
        if change is not None:
            if readings and last_level is None:
                readings = [(d, f) for d, f in readings if _level_follows(context, m, f, found_by_mention)]
            subject = readings or _subject_of_change(m, last_level)
            if not subject:
                reasons.update(dict.fromkeys(spans, "change"))
                continue
            for domain, found in subject:
                figure = _level_figure(domain, found, context, province_code, report)
                if isinstance(figure, meaning.Unclear):
                    reasons.update(dict.fromkeys(spans, figure.reason))
                    continue
                reading.add(_as_change(figure, m, change))
                claimed.update(spans)
            continue
        for domain, found in readings:
            figure = _level_figure(domain, found, context, province_code, report)
            if isinstance(figure, meaning.Unclear):
                reasons.update(dict.fromkeys(spans, figure.reason))
                continue
            reading.add(figure)
            claimed.update(spans)
            if not found.use_denominator and not meaning.rates_plan(m):
                last_level = figure


def _level_follows(
    context: ParagraphContext, m: Mention, found: Found, found_by_mention: dict[int, list[tuple[str, Found]]]
) -> bool:
    """Whether a level of what a change measures follows it in its sentence ("giảm 1.250 con so
    với cùng kỳ, còn 91.510 con"). A change with no level beside it ("Đàn heo giảm 12.000 con
    so với cùng kỳ") says how a figure moved, not the figure: it is left unread."""
    return any(
        other.indicator == found.indicator and other.category == found.category
        for later in context.mentions[m.index + 1 :]
        if later.sentence_start == m.sentence_start and meaning.change_of(later) is None
        for _, other in found_by_mention.get(later.index, [])
    )


def _subject_of_change(m: Mention, level: Figure | None) -> list[tuple[str, Found]]:
    """A change without a subject of its own belongs to the figure before it in its sentence,
    when its unit is that figure's or a percentage ("Đàn trâu 84.500 con, giảm 2,3%")."""
    if level is None or m.q.unit not in (level.unit, "pct"):
        return []
    found = Found(
        m,
        level.indicator,
        level.category,
        area_code=level.area_code,
        program=level.program,
        project=level.project,
        ref_year=level.ref_year,
        stars=level.stars,
    )
    return [(level.domain, found)] if m.q.unit == level.unit or m.q.unit == "pct" else []


def _level_figure(
    domain: str, found: Found, context: ParagraphContext, province_code: str | None, report: date | None
) -> Figure | meaning.Unclear:
    m = found.mention
    if domain == "capital":
        scope = meaning.capital_scope(m)
    else:
        slot = f"{found.indicator}.{found.category}"
        scope = meaning.scope_of(m, slot, report, context.heading_titles, found.ref_year)
    if isinstance(scope, meaning.Unclear):
        return scope
    area = (
        found.area_code
        if found.area_code is not None
        else meaning.area_of(m, province_code, context.section_titles)
    )
    if isinstance(area, meaning.Unclear):
        return area
    value = round((m.q.denominator if found.use_denominator else m.q.value) * found.factor, 9)
    period = None if scope.period == report else scope.period
    return _figure(domain, found, context.node, value, area, scope.scope, period)


def _as_change(figure: Figure, m: Mention, change: meaning.Change) -> Figure:
    """The figure as a change, signed; an index ("bằng 101,2%") becomes its difference from 100.
    A percentage stays one; any other change is in its level's unit, as the rule stored it
    ("tăng 120 người" of trainees is 120 trainees)."""
    if m.q.unit == "pct":
        value, unit = (m.q.value - 100 if change.index else m.q.value), "pct"
    else:
        value, unit = figure.value, figure.unit
    return replace(
        figure,
        value=round(change.sign * value, 9),
        unit=unit,
        kind="change",
        change_base=change.base,
    )


def _figure(
    domain: str,
    found: Found,
    node: Node,
    value: float,
    area_code: str | None,
    scope: str,
    period: date | None,
) -> Figure:
    m, q = found.mention, found.mention.q
    paragraph: Paragraph = node.paragraph
    first, last = paragraph.lines_of(m.source_start, q.end)
    return Figure(
        domain=domain,
        indicator=found.indicator,
        value=value,
        unit=found.unit or q.unit or "",
        line_start=first,
        line_end=last,
        source_text=paragraph.text[m.source_start : q.end],
        rule=f"{domain}.{found.indicator}",
        section=node.path,
        category=found.category,
        area_code=area_code,
        program=found.program,
        project=found.project,
        ref_year=found.ref_year,
        stars=found.stars,
        status=m.status,
        qualifier=q.qualifier,
        scope=scope,
        period=period,
    )


def _key(figure: Figure) -> tuple:
    """The slot a figure fills: two different values for it are a conflict."""
    return (
        figure.kind,
        figure.indicator,
        figure.category,
        figure.area_code,
        figure.program,
        figure.project,
        figure.ref_year,
        figure.stars,
        figure.scope,
        figure.period,
        figure.change_base,
        figure.unit,
    )


def _unclaimed(
    node: Node, tokens: list[NumberToken], claimed: set[tuple[int, int]], reasons: dict[tuple[int, int], str]
) -> list[UnrecognisedNumber]:
    """Numbers of a paragraph that became no figure and that are no known non-figure."""
    paragraph: Paragraph = node.paragraph
    text = paragraph.text
    out = []
    for start, end, raw, non_figure in tokens:
        if non_figure or (start, end) in claimed:
            continue
        context = text[max(0, start - 50) : end + 30]
        reason = "plan" if node.is_plan else reasons.get((start, end))
        line = paragraph.line_at(start)
        out.append(UnrecognisedNumber(line=line, text=raw, context=context, reason=reason))
    return out


def _relative_to(path: Path, raw_root: Path) -> PurePath | None:
    """The file's path inside raw_root, or None for a file elsewhere.

    Read from the paths as given when the file's lies below the root's (the usual call, and no
    file system call); else from the resolved paths (symlinks, "..", relative against absolute).
    """
    try:
        relative = path.relative_to(raw_root)
        if ".." not in relative.parts:
            return relative
    except ValueError:
        pass
    try:
        return path.resolve().relative_to(raw_root.resolve())
    except ValueError:
        return None


def _expected_from_path(relative: PurePath) -> tuple[str, date] | None:
    """(province slug, month) from <slug>/<YYYY-MM>/<file> inside raw/, or None for another layout."""
    parts = relative.parts
    if len(parts) != 3:
        return None
    try:
        year, month = (int(p) for p in parts[1].split("-"))
        return parts[0], date(year, month, 1)
    except ValueError:
        return None
