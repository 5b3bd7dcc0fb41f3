"""One submission file -> ParseResult: read, check month and province, walk the outline, apply the rules.

Errors come back as values; every number of the text ends up a figure, a known non-figure or unrecognised.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path, PurePath

from pipelines.parsing.areas import province_by_slug
from pipelines.parsing.metadata import check_against_path, read_metadata
from pipelines.parsing.model import Figure, ParseIssue, ParseResult, UnrecognisedNumber
from pipelines.parsing.numbers import NumberToken, number_tokens
from pipelines.parsing.readers import Paragraph, ReadError, join_paragraphs, normalise_text, read_lines
from pipelines.parsing.rules import DOMAIN_RULES
from pipelines.parsing.rules.base import Found, paragraph_context
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
    result = _parse(lines, shown, expected[0] if expected else None)
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


def parse_lines(lines: list[str], path: str, province_slug: str | None = None) -> ParseResult:
    """Parse lines of text; `province_slug` resolves district names when the text names no province.

    Lines are normalised (NFC, one tone placement) so the rules' keywords match every spelling.
    """
    return _parse([normalise_text(line) for line in lines], path, province_slug)


def _parse(lines: list[str], path: str, province_slug: str | None) -> ParseResult:
    """Parse normalised lines (read_lines already normalises what it reads)."""
    metadata = read_metadata(lines)
    province = province_by_slug(province_slug) if province_slug else None
    province_code = metadata.province_code or (province.code if province else None)
    root = build_outline(join_paragraphs(lines))
    figures: list[Figure] = []
    unrecognised: list[UnrecognisedNumber] = []
    seen: dict[tuple, Figure] = {}
    for node in root.walk():
        if node.paragraph is None:
            continue
        claimed: set[tuple[int, int]] = set()
        tokens = number_tokens(node.paragraph.text, node.paragraph.lower)
        # Every figure is read from a quantity: a paragraph without any needs no rule.
        if (
            tokens
            and not node.is_plan
            and (context := paragraph_context(node, node.paragraph, province_code, tokens))
        ):
            units = context.units
            for domain, extract, rule_units in DOMAIN_RULES:
                if rule_units is not None and units.isdisjoint(rule_units):
                    continue
                for found in extract(context):
                    spans = found.mention.q.spans
                    if not claimed.isdisjoint(spans) and not found.use_denominator:
                        continue
                    figure = _figure(domain, found, node)
                    key = _key(figure)
                    claimed.update(spans)
                    if key in seen:
                        if seen[key].value != figure.value:
                            unrecognised.append(_conflict(figure, seen[key]))
                        continue
                    seen[key] = figure
                    figures.append(figure)
        if tokens:
            unrecognised += _unclaimed(node, tokens, claimed)
    return ParseResult(path=path, metadata=metadata, figures=figures, unrecognised=unrecognised)


def _figure(domain: str, found: Found, node: Node) -> Figure:
    m, q = found.mention, found.mention.q
    paragraph: Paragraph = node.paragraph
    value = q.denominator if found.use_denominator else q.value
    first, last = paragraph.lines_of(m.source_start, q.end)
    return Figure(
        domain=domain,
        indicator=found.indicator,
        value=found.sign * value,
        unit=found.unit or q.unit or "",
        line_start=first,
        line_end=last,
        source_text=paragraph.text[m.source_start : q.end],
        rule=f"{domain}.{found.indicator}",
        section=node.path,
        category=found.category,
        area_code=found.area_code,
        program=found.program,
        project=found.project,
        ref_year=found.ref_year,
        stars=found.stars,
        status=m.status,
        qualifier=q.qualifier,
    )


def _key(figure: Figure) -> tuple:
    return (
        figure.indicator,
        figure.category,
        figure.area_code,
        figure.program,
        figure.project,
        figure.ref_year,
        figure.stars,
    )


def _conflict(figure: Figure, kept: Figure) -> UnrecognisedNumber:
    return UnrecognisedNumber(
        line=figure.line_start,
        text=figure.source_text,
        context=f"conflicts with {kept.indicator}/{kept.category} = {kept.value:g} on line {kept.line_start}",
    )


def _unclaimed(
    node: Node, tokens: list[NumberToken], claimed: set[tuple[int, int]]
) -> list[UnrecognisedNumber]:
    """Numbers of a paragraph that no rule read and that are no known non-figure."""
    paragraph: Paragraph = node.paragraph
    text = paragraph.text
    out = []
    for start, end, raw, non_figure in tokens:
        if non_figure or (start, end) in claimed:
            continue
        context = text[max(0, start - 50) : end + 30]
        if node.is_plan:
            context = f"[plans] {context}"
        out.append(UnrecognisedNumber(line=paragraph.line_at(start), text=raw, context=context))
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
