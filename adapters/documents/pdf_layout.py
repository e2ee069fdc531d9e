"""What a PDF's text loses about its layout, put back as plain-text cues.

pypdf joins two pieces of text on one baseline with a single space, however
far apart they stand, so a city right-aligned on the school's line reads as
part of the school's name ("Tufts University Medford, MA"). A wide gap is
written as three spaces instead, which the parser reads as a column break,
as it does in text files.

Running page headers and footers (a name and phone on every page, "Page 2
of 3") land in the middle of the text, between the last line of one page
and the first of the next, where they would be read as part of a section.
Lines that repeat at the top or bottom of several pages are taken out of the
pages and kept once, at the start of the text, as a DOCX's page headers are.
"""

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from typing import Any

COLUMN_GAP = "   "
"""How a wide horizontal gap is written: the parser splits fields at two or
more spaces."""

_WIDE_GAP_EMS = 2.0
"""A gap wider than two font sizes is a column or tab stop, not a word space
(the widest word spaces of justified text are about one)."""

_EDGE_LINES = 3
"""Lines at the top and bottom of a page that may be running furniture."""

_PAGE_NUMBER = re.compile(
    r"(?i)^(?:page\s*)?[-–—(\s]*\d{1,3}(?:\s*(?:/|of)\s*\d{1,3})?[-–—)\s]*$"
    r"|^第\s*\d{1,3}\s*页(?:\s*[/,，]?\s*共\s*\d{1,3}\s*页)?$"
)


def _mult(m: Sequence[float], n: Sequence[float]) -> list[float]:
    return [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]


def _width_in_ems(text: str) -> float:
    """A generous estimate of a string's printed width: overestimating
    only makes a gap look narrower, so no word space becomes a column."""
    width = 0.0
    for ch in text:
        if unicodedata.east_asian_width(ch) in ("W", "F"):
            width += 1.0
        elif ch == " ":
            width += 0.3
        elif ch.isupper():
            width += 0.75
        else:
            width += 0.6
    return width


def page_text(page: Any) -> str:
    """A page's text as pypdf extracts it, with wide gaps on a line widened
    to ``COLUMN_GAP``. The pieces pypdf reports to its visitor add up to
    its own output, so only the joins between pieces change."""
    pieces: list[tuple[str, list[float], float]] = []

    def visit(text: str, cm: Any, tm: Any, _font: Any, size: Any) -> None:
        matrix = (
            _mult(tm, cm) if tm is not None and cm is not None else [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
        )
        em = float(size or 0) * math.hypot(matrix[0], matrix[1])
        pieces.append((text, matrix, em))

    page.extract_text(visitor_text=visit)
    out: list[str] = []
    previous: tuple[float, float, float, float] | None = None  # x, y, em, width
    for text, matrix, em in pieces:
        content = text.strip()
        if not content:
            out.append(text)
            if "\n" in text:
                previous = None
            continue
        x, y = matrix[4], matrix[5]
        if previous is not None and em > 0:
            px, py, pem, pwidth = previous
            same_line = abs(y - py) < 0.5 * max(em, pem)
            gap = x - (px + pwidth)
            if same_line and gap > _WIDE_GAP_EMS * max(em, pem):
                joined = "".join(out).rstrip(" ")
                out = [joined, COLUMN_GAP]
                text = text.lstrip(" ")
        out.append(text)
        previous = (x, y, em, _width_in_ems(text.strip()) * em)
        if text.endswith("\n"):
            previous = None
    return "".join(out)


def _furniture_key(line: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", line.strip()))


def without_page_furniture(pages: list[str]) -> str:
    """The pages' text joined, with running headers and footers (lines at
    the edge of at least two pages, equal but for their digits) kept once at
    the start and page numbers dropped."""
    if len(pages) < 2:
        return "\n".join(pages)
    split = [[line for line in page.split("\n") if line.strip()] for page in pages]
    edges: Counter[str] = Counter()
    for lines in split:
        edge = {_furniture_key(line) for line in lines[:_EDGE_LINES] + lines[-_EDGE_LINES:]}
        edges.update(edge)
    furniture = {key for key, count in edges.items() if count >= 2}
    kept: dict[str, str] = {}
    body: list[str] = []
    for lines in split:
        for index, line in enumerate(lines):
            at_edge = index < _EDGE_LINES or index >= len(lines) - _EDGE_LINES
            key = _furniture_key(line)
            if at_edge and key in furniture:
                if not _PAGE_NUMBER.match(line.strip()):
                    kept.setdefault(key, line)
                continue
            body.append(line)
    return "\n".join([*kept.values(), *body])
