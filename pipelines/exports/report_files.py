"""The narrative report as Markdown, a self-contained HTML page (charts embedded) and Word (.docx).

All three lay out the same lines from `narrative.narrative_lines`, the capital table and the charts;
they differ only in markup. Files are written atomically.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from itertools import repeat
from pathlib import Path

import docx
import duckdb
from docx.shared import Cm, Pt

from pipelines.exports.charts import CHARTS, chart_data, render_chart
from pipelines.exports.files import write_atomic, write_text_atomic
from pipelines.exports.narrative import (
    ReportData,
    load_report,
    narrative_lines,
    program_labels,
    project_label,
    template_environment,
    vn,
)
from pipelines.parsing.areas import province_by_code
from pipelines.parsing.sections import marker_of
from pipelines.processes import pool_context
from pipelines.warehouse.db import connect

CAPITAL_HEADER = (
    "Chương trình",
    "Dự án",
    "Năm phân bổ",
    "Vốn phân bổ (triệu đồng)",
    "Đã giải ngân (triệu đồng)",
    "Tỷ lệ báo cáo (%)",
    "Tỷ lệ tính lại (%)",
)
_HEADING_LEVELS = {"part": 2, "section": 3, "subsection": 4, "item": 5}


@dataclass(frozen=True)
class Chart:
    title: str
    file_name: str
    png: bytes


@dataclass(frozen=True)
class Block:
    """One line of the narrative with its role in the layout."""

    kind: str  # title, subtitle, heading, bullet, subbullet, emphasis, text
    text: str
    level: int = 0


def blocks(lines: list[str]) -> tuple[list[Block], list[Block], Block]:
    """(Part I, Part II, closing line): tables and charts go between the two parts."""
    out = [Block("title", lines[0]), Block("subtitle", lines[1])]
    for line in lines[2:-1]:
        found = marker_of(line)
        kind = found[0] if found else "text"
        if kind in _HEADING_LEVELS:
            out.append(Block("heading", line, _HEADING_LEVELS[kind]))
        elif kind == "dash":
            out.append(Block("bullet", line[1:].strip()))
        elif kind == "plus":
            out.append(Block("subbullet", line[1:].strip()))
        elif kind == "star":
            out.append(Block("emphasis", line[1:].strip()))
        else:
            out.append(Block("text", line))
    split = next(
        i for i, b in enumerate(out) if b.kind == "heading" and b.level == 2 and b.text.startswith("II.")
    )
    return out[:split], out[split:], Block("text", lines[-1])


def capital_table(data: ReportData, project_labels: dict[tuple[str, str], str]) -> list[tuple[str, ...]]:
    """Rows of the capital disbursement table, numbers written the Vietnamese way.

    A programme or project is named on its first row only, so the table reads as groups.
    """

    def cell(value: float | None) -> str:
        return "" if value is None else vn(round(value, 2))

    rows, shown = [], (None, None)
    for row in data.capital_rows:
        program = project_labels.get((row["program"], "all"), row["program"])
        project = (
            "Tổng"
            if row["project"] == "all"
            else project_labels.get((row["program"], row["project"])) or project_label(row["project"])
        )
        rows.append(
            (
                program if program != shown[0] else "",
                project if (program, project) != shown else "",
                "Tất cả" if row["allocation_year"] is None else str(row["allocation_year"]),
                cell(row["allocated_mvnd"]),
                cell(row["disbursed_mvnd"]),
                cell(row["reported_rate_pct"]),
                cell(row["computed_rate_pct"]),
            )
        )
        shown = (program, project)
    return rows


def _markdown_line(block: Block) -> str:
    return {
        "title": f"# {block.text}",
        "subtitle": f"_{block.text}_",
        "heading": f"{'#' * block.level} {block.text}",
        "bullet": f"- {block.text}",
        "subbullet": f"    - {block.text}",
        "emphasis": f"**{block.text}**",
    }.get(block.kind, block.text)


def render_markdown(lines: list[str], table: list[tuple[str, ...]], charts: list[Chart]) -> str:
    part_one, part_two, closing = blocks(lines)
    out = [_markdown_line(b) for b in part_one]
    if table:
        out += [
            "## Bảng: Tình hình giải ngân vốn",
            "| " + " | ".join(CAPITAL_HEADER) + " |",
            "|" + "---|" * len(CAPITAL_HEADER),
        ]
        out += ["| " + " | ".join(row) + " |" for row in table]
    if charts:
        out.append("## Biểu đồ")
        out += [f"![{chart.title}](charts/{chart.file_name})" for chart in charts]
    out += [_markdown_line(b) for b in part_two] + [closing.text]
    return "\n\n".join(out) + "\n"


def render_html(lines: list[str], table: list[tuple[str, ...]], charts: list[Chart]) -> str:
    part_one, part_two, closing = blocks(lines)
    return (
        template_environment()
        .get_template("report.html.j2")
        .render(
            title=lines[0],
            part_one=part_one,
            part_two=part_two,
            closing=closing,
            header=CAPITAL_HEADER,
            table=table,
            charts=[(c.title, base64.b64encode(c.png).decode("ascii")) for c in charts],
        )
    )


def build_docx(lines: list[str], table: list[tuple[str, ...]], charts: list[Chart]) -> docx.Document:
    """A Word document an office can edit: headings, bullets as written, the table, the charts."""
    part_one, part_two, closing = blocks(lines)
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)

    def add(block: Block) -> None:
        if block.kind == "title":
            document.add_heading(block.text, level=0)
        elif block.kind == "heading":
            document.add_heading(block.text, level=min(block.level - 1, 4))
        elif block.kind == "subtitle":
            document.add_paragraph(block.text).runs[0].italic = True
        elif block.kind == "emphasis":
            document.add_paragraph(f"* {block.text}").runs[0].bold = True
        else:
            prefix = {"bullet": "- ", "subbullet": "+ "}.get(block.kind, "")
            document.add_paragraph(prefix + block.text)

    for block in part_one:
        add(block)
    if table:
        document.add_heading("Bảng: Tình hình giải ngân vốn", level=1)
        grid = document.add_table(rows=1, cols=len(CAPITAL_HEADER))
        grid.style = "Table Grid"
        for cell, text in zip(grid.rows[0].cells, CAPITAL_HEADER, strict=True):
            cell.text = text
        for row in table:
            for cell, text in zip(grid.add_row().cells, row, strict=True):
                cell.text = text
    if charts:
        document.add_heading("Biểu đồ", level=1)
        for chart in charts:
            document.add_picture(io.BytesIO(chart.png), width=Cm(16))
    for block in part_two:
        add(block)
    document.add_paragraph(closing.text)
    return document


def write_report_files(
    folder: Path, stem: str, lines: list[str], table: list[tuple[str, ...]], charts: list[Chart]
) -> dict[str, Path]:
    """Write <stem>.md, <stem>.html, <stem>.docx and the chart PNGs under `folder`, atomically."""
    for chart in charts:
        write_atomic(folder / "charts" / chart.file_name, lambda tmp, png=chart.png: tmp.write_bytes(png))
    return {
        "md": write_text_atomic(folder / f"{stem}.md", render_markdown(lines, table, charts)),
        "html": write_text_atomic(folder / f"{stem}.html", render_html(lines, table, charts)),
        "docx": write_atomic(
            folder / f"{stem}.docx", lambda tmp: build_docx(lines, table, charts).save(str(tmp))
        ),
    }


def report_folder(exports_dir: Path, province_code: str, period: date) -> Path:
    """<exports>/reports/<province-slug>/<YYYY-MM>/: where a month's report files live."""
    province = province_by_code(province_code)
    slug = province.slug if province else province_code
    return exports_dir / "reports" / slug / f"{period:%Y-%m}"


def export_report(
    con: duckdb.DuckDBPyConnection, province_code: str, period: date, exports_dir: Path
) -> dict:
    """Read one province-month from the published warehouse and write its report files."""
    data = load_report(con, province_code, period)
    lines = narrative_lines(data, program_labels(con))
    labels = {
        (p, j): label
        for p, j, label in con.execute("select program, project, label_vi from main.programs").fetchall()
    }
    charts = [
        Chart(
            spec.title,
            f"{spec.name}.png",
            render_chart(chart_data(con, spec, province_code, period), spec, data.province_name),
        )
        for spec in CHARTS
    ]
    folder = report_folder(exports_dir, province_code, period)
    return write_report_files(folder, "bao-cao", lines, capital_table(data, labels), charts)


def export_reports(
    snapshot: Path, months: Sequence[tuple[str, date]], exports_dir: Path, workers: int = 1
) -> list[dict]:
    """`export_report` for each (province, month) of the published `snapshot`, in order.

    Drawing the charts is CPU-bound Python: with several workers the months are shared out to
    that many processes, each reading the snapshot on its own read-only connection.
    """
    workers = max(1, min(workers, len(months)))
    shares = [list(months[i::workers]) for i in range(workers)]
    if workers == 1:
        written = [_export_share(snapshot, shares[0], exports_dir)]
    else:
        with ProcessPoolExecutor(workers, mp_context=pool_context([__name__])) as pool:
            written = list(pool.map(_export_share, repeat(snapshot), shares, repeat(exports_dir)))
    # Share i holds months i, i + workers, ...: put them back in the order asked.
    return [written[i % workers][i // workers] for i in range(len(months))]


def _export_share(snapshot: Path, months: list[tuple[str, date]], exports_dir: Path) -> list[dict]:
    with connect(snapshot, read_only=True) as con:
        return [export_report(con, province_code, period, exports_dir) for province_code, period in months]
