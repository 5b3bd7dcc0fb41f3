"""Submissions written as Word and PDF inside the tests, so readers are tested on real files."""

from __future__ import annotations

from pathlib import Path

import docx
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fpdf import FPDF


def write_docx(lines: list[str], path: Path) -> Path:
    """The lines as a .docx, one paragraph per non-blank line."""
    document = docx.Document()
    for line in lines:
        if line.strip():
            document.add_paragraph(line.strip())
    document.save(str(path))
    return path


def _box_font(path: Path, chars: set[str]) -> Path:
    """A TrueType font with a plain box for every char: text extraction needs the cmap, not shapes.

    Built with fontTools (a dependency of fpdf2), so the test needs no system font.
    """
    names = {char: f"uni{ord(char):04X}" for char in sorted(chars)}
    pen = TTGlyphPen(None)
    for point in [(50, 0), (50, 700), (450, 700), (450, 0)]:
        (pen.lineTo if pen.points else pen.moveTo)(point)
    pen.closePath()
    box = pen.glyph()
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef", *names.values()])
    builder.setupCharacterMap({ord(char): name for char, name in names.items()})
    builder.setupGlyf({name: box for name in [".notdef", *names.values()]})
    builder.setupHorizontalMetrics({name: (500, 50) for name in [".notdef", *names.values()]})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Box", "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=800, usWinAscent=800, usWinDescent=200)
    builder.setupPost()
    builder.save(str(path))
    return path


def write_pdf(lines: list[str], path: Path) -> Path:
    """The sample's non-blank lines, a new page wherever the sample marks a page break."""
    text = [line for line in lines if line.strip()]
    pdf = FPDF()
    pdf.add_font("box", fname=str(_box_font(path.with_suffix(".ttf"), set("".join(text)))))
    pdf.set_font("box", size=9)
    pdf.set_auto_page_break(False)
    pdf.add_page()
    for index, line in enumerate(text):
        if index and line.startswith(" "):
            pdf.add_page()
        pdf.cell(text=line.strip(), new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path
