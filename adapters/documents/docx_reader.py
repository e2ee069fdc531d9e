"""DOCX -> text: page headers and footers first, then the body's paragraphs
and tables in reading order, each text box where it is anchored; legacy
``.doc`` (OLE) files are refused with a reason.

Headers, footers and text boxes are where templates put contact details;
read where they stand, they would land in whichever section the text ended
with (a text box's phone number in the certificates), so they are read
where a person reads them: headers and footers with the name at the top, a
text box at the paragraph it hangs from.
"""

import io
import re
import zipfile
from collections.abc import Iterable
from typing import Any, cast

import olefile
from docx.document import Document as DocxDocument
from docx.oxml.document import CT_Document
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docx.parts.document import DocumentPart
from docx.table import Table
from docx.text.paragraph import Paragraph

from adapters.documents.outcome import ReadOutcome, problem

MAX_UNPACKED_BYTES = 50 * 1024 * 1024
"""A DOCX is a zip; this bounds what it may unpack to (zip bombs)."""


def read_docx(content: bytes, suffix: str) -> ReadOutcome:
    """The text of a Word document (a zip), or why it has none."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        names = set(archive.namelist())
        unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, EOFError):
        if suffix in {".docx", ".doc"}:
            return problem("corrupt", "Word document is damaged (bad zip)", "docx")
        return problem("corrupt", "zip container is damaged")
    if "word/document.xml" not in names:
        if "content.xml" in names:
            return problem("unsupported", "OpenDocument files are not supported")
        return problem("unsupported", "zip file is not a Word document")
    if unpacked > MAX_UNPACKED_BYTES:
        return problem(
            "oversized", f"Word document unpacks to more than {MAX_UNPACKED_BYTES} bytes", "docx"
        )
    try:
        body = archive.read("word/document.xml")
        furniture = [
            archive.read(name)
            for part in ("header", "footer")
            for name in sorted(names)
            if re.fullmatch(rf"word/{part}\d*\.xml", name)
        ]
        text = _docx_text(body, furniture)
    except Exception as error:  # python-docx/lxml/zlib raise many kinds
        return problem("corrupt", f"Word document is damaged ({type(error).__name__})", "docx")
    if not text.strip():
        return problem("empty", "Word document has no text", "docx")
    return ReadOutcome(text=text, format="docx")


def _docx_text(body_xml: bytes, furniture_xmls: list[bytes]) -> str:
    """The text of a DOCX: its page headers and footers, then its body.

    Only the document part is parsed (with python-docx's element classes);
    opening the whole package also parses styles, numbering and settings,
    which takes several times longer and adds nothing to the text."""
    lines: list[str] = []
    seen: set[str] = set()
    for xml in furniture_xmls:
        for p in parse_xml(xml).iter(qn("w:p")):
            text = _own_text(p).strip()
            if text and text not in seen and not _in_fallback(p):
                seen.add(text)
                lines.append(text)
    element = parse_xml(body_xml)
    document = DocxDocument(cast(CT_Document, element), cast(DocumentPart, None))
    _inner_content(document.iter_inner_content(), lines)
    return "\n".join(lines)


_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _in_fallback(element: Any) -> bool:
    """Word keeps a VML copy of every text box as a fallback: read one copy."""
    return any(a.tag == _MC_FALLBACK for a in element.iterancestors())


def _own_text(p: Any) -> str:
    """A paragraph's text without the text boxes anchored in it."""
    return "".join(
        t.text or "" for t in p.iter(qn("w:t")) if next(t.iterancestors(qn("w:p")), None) is p
    )


def _text_boxes(paragraph: Paragraph) -> list[str]:
    """The lines of the text boxes anchored in a paragraph, in order."""
    lines = []
    for p in paragraph._p.iter(qn("w:p")):
        if p is paragraph._p or _in_fallback(p):
            continue
        text = _own_text(p).strip()
        if text:
            lines.append(text)
    return lines


def _inner_content(items: Iterable[Paragraph | Table], lines: list[str]) -> None:
    for item in items:
        if isinstance(item, Paragraph):
            # A floating box hangs from the paragraph nearest its top edge.
            lines.extend(_text_boxes(item))
            lines.append(_paragraph_text(item))
        else:
            _table_text(item, lines)


def _paragraph_text(paragraph: Paragraph) -> str:
    text = paragraph.text
    properties = paragraph._p.pPr
    style = (properties.style or "") if properties is not None else ""
    numbered = properties is not None and properties.numPr is not None
    if text.strip() and ("List" in style or numbered):
        # Word draws list bullets itself; keep the mark so the parser can tell
        # a description bullet from an entry's heading line.
        return "• " + text
    if text.strip() and _HEADING_STYLE.match(style):
        # A heading style is the writer saying "this is a heading": written
        # as Markdown's mark, which the parser reads in every text.
        return "# " + text
    return text


_HEADING_STYLE = re.compile(r"(?i)^(?:heading|标题)\s?\d$")


def _table_text(table: Table, lines: list[str]) -> None:
    """A data table (one paragraph per cell) becomes one line per row with
    cells joined by " | "; a layout table (cells holding whole columns of
    a two-column template) is read cell by cell."""
    for row in table.rows:
        cells = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell repeats
                continue
            seen.add(id(cell._tc))
            cells.append(cell)
        layout = any(
            len([p for p in cell.paragraphs if p.text.strip()]) > 1 or cell.tables for cell in cells
        )
        if layout:
            for cell in cells:
                _inner_content(cell.iter_inner_content(), lines)
        else:
            values = [cell.text.strip() for cell in cells]
            if any(values):
                lines.append(" | ".join(v for v in values if v))


def read_ole(content: bytes) -> ReadOutcome:
    """Legacy and password-protected Word files: always a problem, named."""
    try:
        ole = olefile.OleFileIO(io.BytesIO(content))
        encrypted = ole.exists("EncryptedPackage")
    except Exception:  # a damaged or partial compound file: still not DOCX or PDF
        return problem("unsupported", "legacy Office file (.doc); send DOCX or PDF")
    if encrypted:
        return problem("encrypted", "Word document is password protected", "docx")
    return problem("unsupported", "legacy Office files (.doc) are not supported; send DOCX or PDF")
