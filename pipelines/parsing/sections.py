"""The report's outline (I., 1., 1.1., a), *, -, +) as a tree of paragraphs.

A figure means different things under different headings ("Tổng đàn" under results vs. plans),
so the rules read each paragraph together with its place in this tree.

Marker syntax, by kind (a marker is always followed by whitespace or the end of the text):

    chapter     uppercase letter A..E and "."          "A.", "B." (above the parts)
    part        Roman numeral I..XXXIX and "."        "I.", "II."
                "Phần" and a Roman numeral or ordinal   "PHẦN II.", "Phần thứ hai" (as "II.")
    section     1-99 and "."                           "1.", "12."
    subsection  two numbers 1-99, "." optional at end  "1.1.", "2.3"
    item        one lowercase letter (đ included), ")" "a)", "đ)"
    star        "*"
    dash        "-", "–", "—" or "•"
    plus        "+"

Numbers never have a leading zero and at most two digits, so "2023. Kết quả", "16.610 tấn)."
and "5.078" are text. `OutlineNumbering` also checks numbered markers against the numbers
seen so far (see there), so a line "3. Kết quả" that merely continues "... tháng" is text too.
Some reports put their parts under chapters, "A. KẾT QUẢ THỰC HIỆN THÁNG 5" and "B. KẾ HOẠCH
THÁNG 6"; a chapter is accepted only as the next letter, so a "B. …" line of text is text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipelines.parsing.readers import Paragraph

LEVELS: dict[str, int] = {
    "root": 0,
    "chapter": 1,
    "part": 2,
    "section": 3,
    "subsection": 4,
    "item": 5,
    "star": 6,
    "dash": 7,
    "plus": 8,
    "text": 9,
}
HEADING_LEVEL = LEVELS["star"]
"""Nodes at this level or above are headings; deeper ones are bullets or running text."""

_NUMBER = r"[1-9][0-9]?"
# Each kind's group holds its whole marker, so `lastgroup` (the last group to close) is the kind.
_MARKER_RE = re.compile(
    r"(?:(?P<part>(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})\."
    r"|(?:PHẦN|Phần)\s+(?:(?P<roman>(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3}))[.:]?"
    r"|(?:thứ|THỨ)\s+(?P<ordinal>nhất|hai|ba|tư|NHẤT|HAI|BA|TƯ)))"
    r"|(?P<chapter>[A-E]\.)"
    rf"|(?P<subsection>(?P<major>{_NUMBER})\.(?P<minor>{_NUMBER})\.?)"
    rf"|(?P<section>{_NUMBER}\.)"
    r"|(?P<item>[a-zđ]\))"
    r"|(?P<star>\*)"
    r"|(?P<dash>[-–—•])"
    r"|(?P<plus>\+))"
    r"(?=\s|$)"
)
_FIXED_MARKERS = {"star": "*", "dash": "-", "plus": "+"}
_ORDINALS = {"nhất": "I.", "hai": "II.", "ba": "III.", "tư": "IV."}
_PLAN_WORDS = ("phương hướng", "nhiệm vụ")
# A title that opens with "kế hoạch" is the plan ("II. KẾ HOẠCH THÁNG 9"); within a title it may
# name a result ("III. Kết quả giải ngân kế hoạch vốn").
_PLAN_OPENING = "kế hoạch"
# Tasks or a plan "carried out" are the month's results: "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG 10".
_DONE_TASKS = re.compile(r"thực hiện (?:các )?(?:nhiệm vụ|kế hoạch)")


def marker_of(text: str) -> tuple[str, str] | None:
    """(kind, marker) when `text` opens with an outline marker, else None.

    The marker comes back in canonical form ("1.2." for "1.2", "-" for "–"), so paths and
    comparisons do not depend on the typist's choice of dash.
    """
    match = _MARKER_RE.match(text)
    return None if match is None else _canonical(match)


def _canonical(match: re.Match[str]) -> tuple[str, str]:
    """(kind, canonical marker) of a `_MARKER_RE` match."""
    kind = match.lastgroup
    if kind == "subsection":
        return kind, f"{match['major']}.{match['minor']}."
    if kind == "part" and (match["roman"] or match["ordinal"]):  # "PHẦN II." or "Phần thứ hai"
        return kind, f"{match['roman']}." if match["roman"] else _ORDINALS[match["ordinal"].lower()]
    return kind, _FIXED_MARKERS.get(kind) or match[kind]


def strip_marker(text: str) -> str:
    """The text after its leading outline marker (the whole text when there is none), stripped."""
    match = _MARKER_RE.match(text)
    return (text[match.end() :] if match else text).strip()


class OutlineNumbering:
    """Accepts a numbered marker only where it fits the numbers seen so far.

    A broken sentence can put a small number and a dot at the start of a line; a real heading
    continues the sequence. Section N is accepted when N is 1 (a new list or part) or when
    last <= N <= last + 2 (a repeated number or one skipped number are typos we tolerate).
    Subsection A.B is accepted when A is the current section number (any A before the first
    section) and B follows the same rule within that section. A chapter or a part resets the sections,
    a section resets the subsections. Other kinds are accepted by syntax alone.
    """

    def __init__(self) -> None:
        self._chapter = "@"  # the letter before "A"
        self._section: int | None = None
        self._subsection = 0

    def marker(self, text: str) -> tuple[str, str] | None:
        """`marker_of(text)` if that marker fits the outline so far (and record it), else None."""
        match = _MARKER_RE.match(text)
        if match is None:
            return None
        found = kind, marker = _canonical(match)
        if kind == "chapter":
            if marker[0] not in ("A", chr(ord(self._chapter) + 1)):
                return None
            self._chapter, self._section, self._subsection = marker[0], None, 0
        elif kind == "part":
            self._section, self._subsection = None, 0
        elif kind == "section":
            number = int(marker[:-1])
            if not _continues(self._section or 0, number):
                return None
            self._section, self._subsection = number, 0
        elif kind == "subsection":
            major, minor = int(match["major"]), int(match["minor"])
            if self._section is not None and major != self._section:
                return None
            if not _continues(self._subsection, minor):
                return None
            self._subsection = minor
        return found


def _continues(last: int, number: int) -> bool:
    return number == 1 or last <= number <= last + 2


@dataclass(eq=False)
class Node:
    """One paragraph of the report in its place in the outline; the root holds no paragraph.

    `title`, `path` and `is_plan` are computed once: a node's paragraph and parent are set when it
    is made and never change.
    """

    kind: str
    marker: str
    level: int
    paragraph: Paragraph | None
    parent: Node | None = field(default=None, repr=False)
    children: list[Node] = field(default_factory=list, repr=False)

    @cached_property
    def title(self) -> str:
        """The paragraph text without its marker ("" for the root)."""
        if self.paragraph is None:
            return ""
        return strip_marker(self.paragraph.text) if self.marker else self.paragraph.text.strip()

    @property
    def line(self) -> int | None:
        """The line number where the paragraph starts (None for the root)."""
        return None if self.paragraph is None else self.paragraph.first_line

    def ancestors(self) -> list[Node]:
        """Enclosing nodes, nearest first, without the root."""
        found = []
        node = self.parent
        while node is not None and node.kind != "root":
            found.append(node)
            node = node.parent
        return found

    @cached_property
    def path(self) -> str:
        """Markers from the top down, e.g. "I.1.1.2.a)-"; text nodes add nothing."""
        return self.parent.path + self.marker if self.parent else self.marker

    @cached_property
    def is_plan(self) -> bool:
        """True inside a part or chapter about plans ("Phương hướng, nhiệm vụ ..."), whose figures
        are targets."""
        if self.kind in ("chapter", "part") and not (self.parent and self.parent.is_plan):
            title = _DONE_TASKS.sub("", " ".join(unicodedata.normalize("NFC", self.title).casefold().split()))
            return title.startswith(_PLAN_OPENING) or any(word in title for word in _PLAN_WORDS)
        return self.parent is not None and self.parent.is_plan

    def heading_texts(self) -> list[str]:
        """Titles of the enclosing headings (level <= star), nearest first: context for keywords."""
        return [node.title for node in self.ancestors() if node.level <= HEADING_LEVEL]

    def walk(self) -> Iterator[Node]:
        """This node and all below it, in document order."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))


def build_outline(paragraphs: list[Paragraph]) -> Node:
    """Arrange paragraphs into the outline tree and return its root.

    A node with a marker becomes the child of the nearest open node (the previous node or
    one of its ancestors) of a strictly smaller level; a text node becomes the child of the
    nearest open heading (level <= star), never of a bullet. Choosing among open nodes only
    keeps `walk()` in document order. The markers are those `join_paragraphs` accepted.
    """
    root = Node(kind="root", marker="", level=LEVELS["root"], paragraph=None)
    last = root
    for paragraph in paragraphs:
        kind, marker = paragraph.outline or ("text", "")
        level = LEVELS[kind]
        limit = HEADING_LEVEL if kind == "text" else level - 1
        parent = last
        while parent.level > limit:  # up to the root at worst: its level is the smallest
            parent = parent.parent
        last = Node(kind=kind, marker=marker, level=level, paragraph=paragraph, parent=parent)
        parent.children.append(last)
    return root
