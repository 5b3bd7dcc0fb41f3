"""Bytes of a submission (.txt, .docx, .pdf) -> normalised lines, and lines -> paragraphs.

Every later step reports problems by line number, so the lines here are the ones a person
sees when opening the file, and each paragraph remembers which line each of its parts came from.
"""

from __future__ import annotations

import bisect
import codecs
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import docx
from docx.table import Table
from pypdf import PdfReader

from pipelines.parsing.sections import HEADING_LEVEL, LEVELS, OutlineNumbering, strip_marker

if TYPE_CHECKING:
    from docx.table import _Row

_BOMS = (
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE"),
)
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def _toned(vowels: str) -> str:
    """Each of `vowels` with each tone mark, composed: "a" -> "àáãảạ"."""
    return "".join(unicodedata.normalize("NFC", vowel + mark) for vowel in vowels for mark in _TONE_MARKS)


# In NFC: "o" or "u" before a vowel that carries a tone and ends the word; `_tone_on_first_vowel`
# keeps "oa", "oe" and "uy" (not "quy"). One pattern per first vowel: a regex opening with one
# literal character scans the text many times faster than one opening with a character class.
_OPEN_SYLLABLE_TONES = tuple(
    re.compile(rf"({first})([{_toned('aeyAEY')}])(?![\w\u0300-\u036f])") for first in "oOuU"
)
# Control characters (Unicode category Cc: C0, DEL and C1) but the whitespace ones "\t\n\v\f\r".
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# A line ending ":" or ";" goes on: "trong đó:" / "Phong Thổ 25 lớp" is one list, and a break
# there must not cut the figures off from their subject.
_SENTENCE_ENDS = (".", "!", "?")
_OPEN_ENDS = (",", "-", "–", "&", "(", "/")
# Words a heading cannot end on: a heading line ending with one goes on at the next line.
_LINKING_WORDS = frozenset("của và các cho với về trong tại theo đến để những từ trên là hoặc".split())


class ReadError(Exception):
    """A submission that cannot be read: names the file, the line where known, and what was expected."""

    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        super().__init__(path, reason, line)
        self.path = path
        self.reason = reason
        self.line = line

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.reason}"


def decode_text(data: bytes, path: str) -> str:
    """Decode a text submission strictly, through `normalise_text`, with "\\n" line endings.

    Reports arrive as UTF-8 (with or without BOM) or UTF-16 (with BOM, or without one and
    recognised by its NUL bytes); guessing further (legacy code pages) would silently corrupt
    numbers and names, so anything else is rejected.
    """
    if not data:
        raise ReadError(path, "empty file")
    encoding, label, start = _detect_encoding(data, path)
    try:
        text = data[start:].decode(encoding)
    except UnicodeDecodeError as err:
        position = start + err.start
        raise ReadError(
            path, f"cannot decode as {label} (byte 0x{data[position]:02x} at position {position})"
        ) from err
    controls = [match.start() for match in _CONTROL.finditer(text)]
    if controls and ("\x00" in text or len(controls) * 100 > len(text)):
        raise ReadError(
            path,
            f"binary data, not text (control character U+{ord(text[controls[0]]):04X}"
            f" at character {controls[0]})",
        )
    return _normalise(text)


def _detect_encoding(data: bytes, path: str) -> tuple[str, str, int]:
    """(codec, name for messages, bytes to skip) for `data`."""
    for bom, encoding, label in _BOMS:
        if data.startswith(bom):
            return encoding, label, len(bom)
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16, "UTF-16 " + utf16[-2:].upper(), 0
    nul = data.find(0)
    if nul >= 0:
        raise ReadError(path, f"binary data, not text (NUL bytes at byte {nul})")
    return "utf-8", "UTF-8 or UTF-16", 0


def _utf16_without_bom(data: bytes) -> str | None:
    """The UTF-16 codec when NUL bytes fill one byte column, as the ASCII part of any text does.

    One column must be at least a fifth NUL and the other hold at most a tenth as many NULs
    (Vietnamese letters outside ASCII rarely have a NUL byte, U+0300 being the exception).
    """
    if len(data) < 2 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    half = len(data) // 2
    if odd * 5 >= half and even * 10 <= odd:
        return "utf-16-le"
    if even * 5 >= half and odd * 10 <= even:
        return "utf-16-be"
    return None


def normalise_text(text: str) -> str:
    """NFC, with one tone-mark placement, so that one word is always one string.

    NFC alone makes composed and decomposed "huỷ" equal, but "huỷ" and "hủy" differ in where the
    tone sits. Reports mix both, so in a syllable ending in "oa", "oe" or "uy" (not "quy") the
    tone goes on the first vowel ("hóa", "khỏe", "thủy", "hủy"), as most reports write it.
    Rules should pass their keywords through here too.
    """
    return _place_tones(unicodedata.normalize("NFC", text))


def _place_tones(text: str) -> str:
    for pattern in _OPEN_SYLLABLE_TONES:  # a pair changed by one pattern cannot match another
        text = pattern.sub(_tone_on_first_vowel, text)
    return text


def _tone_on_first_vowel(match: re.Match[str]) -> str:
    """Move the tone mark to the first vowel: "oá" -> "óa", "uý" -> "úy", but "quý" stays."""
    first, toned = match.groups()
    vowel, tone = unicodedata.normalize("NFD", toned)
    after_q = match.string[match.start() - 1 : match.start()] in ("q", "Q")
    if (first in "oO" and vowel in "aeAE") or (first in "uU" and vowel in "yY" and not after_q):
        return unicodedata.normalize("NFC", first + tone) + vowel
    return match.group()


def _normalise(text: str) -> str:
    return normalise_text(_newlines(text))


def _newlines(text: str) -> str:
    """Line endings as "\\n"."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_lines(path: Path) -> list[str]:
    """The physical lines of a submission, through `normalise_text`; line number = index + 1.

    For .txt these are the file's own lines (what an editor shows); for .docx one line per
    paragraph or table row ("cell | cell"); for .pdf the extracted lines of each page, the
    first line of every later page prefixed with one space, as in the PDF-extracted samples.
    """
    name = str(path)
    readers: dict[str, Callable[[bytes, str], list[str]]] = {
        ".txt": _txt_lines,
        ".docx": _docx_lines,
        ".pdf": _pdf_lines,
    }
    suffix = path.suffix.lower()
    if suffix not in readers:
        raise ReadError(name, f"unsupported file type '{path.suffix}' (expected .txt, .docx or .pdf)")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ReadError(name, f"cannot read the file ({err.strerror or err})") from err
    if not data:
        raise ReadError(name, "empty file")
    lines = readers[suffix](data, name)
    if not any(line.strip() for line in lines):
        raise ReadError(name, "no text (only blank lines)")
    return lines


def _txt_lines(data: bytes, name: str) -> list[str]:
    text = decode_text(data, name)
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    return lines


def _docx_lines(data: bytes, name: str) -> list[str]:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ReadError(name, "not a Word .docx document (not a zip archive)")
    try:
        document = docx.Document(io.BytesIO(data))
        lines = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                lines.extend(_row_line(row) for row in block.rows)
            else:
                lines.append(_one_line(block.text))
    except Exception as err:  # python-docx, zipfile and lxml raise many kinds for a damaged file
        raise ReadError(name, f"not a Word .docx document ({_describe(err)})") from err
    return lines


def _row_line(row: _Row) -> str:
    """A table row's cells joined by " | ", a cell spanning several columns counted once."""
    cells = row.cells
    texts = []
    index = 0
    while index < len(cells):
        texts.append(_one_line(cells[index].text))
        index += cells[index].grid_span
    return " | ".join(texts) if any(texts) else ""


def _one_line(text: str) -> str:
    return normalise_text(" ".join(text.splitlines())).strip()


def _pdf_lines(data: bytes, name: str) -> list[str]:
    if b"%PDF-" not in data[:1024]:
        raise ReadError(name, "not a PDF file (expected a file starting with %PDF)")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")  # an empty user password is common; otherwise extraction fails below
        pages = [page.extract_text() for page in reader.pages]
    except Exception as err:  # pypdf raises many kinds for a damaged or protected file
        raise ReadError(name, f"cannot read the PDF ({_describe(err)})") from err
    lines: list[str] = []
    for number, page_text in enumerate(pages):
        page_lines = _normalise(page_text).split("\n")
        first = next((index for index, line in enumerate(page_lines) if line.strip()), None)
        if number and first is not None:
            page_lines[first] = " " + page_lines[first].lstrip()
        lines.extend(page_lines)
    if not any(line.strip() for line in lines):
        raise ReadError(name, "no text in the PDF (a scanned document needs OCR first)")
    return lines


def _describe(err: Exception) -> str:
    message = err.args[0] if len(err.args) == 1 else str(err)
    return f"{type(err).__name__}: {message}" if message else type(err).__name__


@dataclass(unsafe_hash=True)
class Paragraph:
    """One logical paragraph, and where each physical line's part of it starts.

    `spans` holds (offset in `text`, line number) for every contributing line, in order,
    so a figure found anywhere in the text can be traced back to its line in the file.
    `outline` is the (kind, marker) of the outline marker it opens with, as `OutlineNumbering`
    accepted it when joining the lines (None for running text): the outline reuses it.
    `lower` is the text lower-cased, made with the paragraph: finding its numbers and cutting its
    mentions both read it. Read-only by convention (it hashes and compares by its fields).
    """

    text: str
    spans: tuple[tuple[int, int], ...]
    outline: tuple[str, str] | None
    lower: str = field(compare=False, repr=False)

    @property
    def first_line(self) -> int:
        return self.spans[0][1]

    def line_at(self, offset: int) -> int:
        """The line number holding the character at `offset`."""
        if not 0 <= offset < len(self.text):
            raise ValueError(f"offset {offset} outside a paragraph of {len(self.text)} characters")
        index = bisect.bisect_right(self._offsets, offset) - 1
        return self.spans[index][1]

    @cached_property
    def _offsets(self) -> tuple[int, ...]:
        return tuple(offset for offset, _ in self.spans)

    def lines_of(self, start: int, end: int) -> tuple[int, int]:
        """First and last line numbers of the characters `text[start:end]` (end exclusive)."""
        if not 0 <= start < len(self.text) or not start <= end <= len(self.text):
            raise ValueError(f"range {start}:{end} outside a paragraph of {len(self.text)} characters")
        offsets = self._offsets
        first = bisect.bisect_right(offsets, start) - 1
        last = bisect.bisect_right(offsets, end - 1, first) - 1 if end - 1 > start else first
        return self.spans[first][1], self.spans[last][1]


def join_paragraphs(lines: list[str]) -> list[Paragraph]:
    """Undo PDF-extraction line breaks: join physical lines into paragraphs.

    Blank lines are dropped, lines stripped (a leading space marks a page break, not an
    indent) and inner whitespace collapsed. A new paragraph starts at a line opening with an
    outline marker (as `OutlineNumbering` accepts it), or at a line starting with an uppercase
    letter when the paragraph so far ends a sentence (". ! ?"), or ends a heading: a
    heading (marker of level <= star, no ":" yet) is a single short phrase, so an uppercase
    line ends it unless the heading stops on a comma, dash or linking word ("của", "và", ...).
    Any other line continues the paragraph after one space.
    """
    numbering = OutlineNumbering()
    paragraphs: list[Paragraph] = []
    text = ""
    spans: list[tuple[int, int]] = []
    opening: tuple[str, str] | None = None
    heading = False
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        line = " ".join(line.split())
        found = numbering.marker(line)
        if text and (found is not None or (line[0].isupper() and _ends_before(text, heading))):
            paragraphs.append(Paragraph(text, tuple(spans), opening, text.lower()))
            text = ""
        if text:
            text += " "
            spans.append((len(text), number))
            text += line
        else:
            text, spans, opening = line, [(0, number)], found
            heading = found is not None and LEVELS[found[0]] <= HEADING_LEVEL
    if text:
        paragraphs.append(Paragraph(text, tuple(spans), opening, text.lower()))
    return paragraphs


def _ends_before(text: str, heading: bool) -> bool:
    """Whether the paragraph `text` is complete when the next line (no marker) opens uppercase.
    A heading's marker alone on its line ("Phần thứ hai", "II.") takes the next line as its title."""
    if heading and not strip_marker(text):
        return False
    if text.endswith(_SENTENCE_ENDS):
        return True
    if not heading or ":" in text or text.endswith(_OPEN_ENDS):
        return False
    return text.rsplit(" ", 1)[-1].casefold() not in _LINKING_WORDS
