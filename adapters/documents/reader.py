"""Resume files -> text, and text -> parsed facts plus contact PII.

The format is decided by the file's bytes (magic numbers) first and its name
second, because applicants rename files: a ``.pdf`` that is really a Word
document is read as Word, and a ``.docx`` that is really a PDF as PDF.

Nothing here raises on a bad file. Every file that cannot be read comes back
with a ``ResumeProblem`` whose reason (``encrypted``, ``corrupt``, ``empty``,
``image_only``, ``oversized``, ``unsupported``) routes the applicant to manual
review, so no application is lost. Problem details never quote the file's
content or its name (names of resume files usually carry the applicant's
name).

These are plain functions so the batch screening activity can call them in
a loop over a chunk of applications; ``ParseOutcome.contact`` is PII and
belongs in the subject vault, never in an activity result or an event.
"""

import io
import logging
import re
import zipfile
from collections.abc import Iterable
from datetime import date
from typing import Literal, cast

import olefile
from docx.document import Document as DocxDocument
from docx.oxml.document import CT_Document
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docx.parts.document import DocumentPart
from docx.table import Table
from docx.text.paragraph import Paragraph
from pydantic import BaseModel
from pypdf import PdfReader

from domain.screening.resume import (
    ContactDetails,
    ParsedResume,
    ProblemReason,
    ResumeProblem,
    extract,
)

MAX_BYTES = 5 * 1024 * 1024
"""Larger uploads are refused before parsing: a resume is a few hundred KB,
and a cap bounds the time and memory one hostile file can take."""

MAX_UNPACKED_BYTES = 50 * 1024 * 1024
"""A DOCX is a zip; this bounds what it may unpack to (zip bombs)."""

MAX_PDF_PAGES = 30
"""Pages read from a PDF. Longer files are read up to here, not refused."""

MAX_TEXT_CHARS = 200_000
"""Thirty dense pages are about 100,000 characters; text beyond twice that is
not a resume, and parsing it would cost seconds per file."""


# pypdf's warnings and errors about damaged files quote raw bytes of the
# document, which may be an applicant's text. The reader reports damage as a
# ResumeProblem instead, so pypdf's own log is silenced (its child loggers
# inherit the level).
logging.getLogger("pypdf").setLevel(logging.CRITICAL)

ResumeFormat = Literal["pdf", "docx", "text", "markdown"]

_TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown"}
_UNSUPPORTED_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"{\\rtf", "RTF documents are not supported"),
    (b"\x7fELF", "executables are not resumes"),
    (b"MZ", "executables are not resumes"),
    (b"\x1f\x8b", "compressed archives are not supported"),
    (b"Rar!", "compressed archives are not supported"),
    (b"7z\xbc\xaf", "compressed archives are not supported"),
)
_IMAGE_MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",
    b"GIF87a",
    b"GIF89a",
    b"II*\x00",
    b"MM\x00*",
    b"BM",
)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class ReadOutcome(BaseModel):
    """The text of a resume file, or why there is none."""

    text: str | None = None
    format: ResumeFormat | None = None
    problem: ResumeProblem | None = None


class ParseOutcome(BaseModel):
    """Parsed facts and contact PII, or the problem. ``contact`` is PII."""

    parsed: ParsedResume | None = None
    contact: ContactDetails | None = None
    format: ResumeFormat | None = None
    problem: ResumeProblem | None = None


def _problem(reason: ProblemReason, detail: str, fmt: ResumeFormat | None = None) -> ReadOutcome:
    return ReadOutcome(format=fmt, problem=ResumeProblem(reason=reason, detail=detail))


def _suffix(filename: str) -> str:
    match = re.search(r"(\.[A-Za-z0-9]{1,10})$", filename.strip())
    return match.group(1).lower() if match else ""


def read_resume(content: bytes, filename: str, *, max_bytes: int = MAX_BYTES) -> ReadOutcome:
    """The text of a resume file, by format, or the reason it has none."""
    try:
        return _read(content, filename, max_bytes)
    except Exception as error:  # a bad file must never fail the batch
        # The class name only: library messages may quote document content.
        return _problem("corrupt", f"unreadable file ({type(error).__name__})")


def parse_resume(
    content: bytes,
    filename: str,
    *,
    as_of: date | None = None,
    max_bytes: int = MAX_BYTES,
) -> ParseOutcome:
    """Read and parse a resume file. ``as_of`` is the month "present" means
    (default: today); batch screening passes one date for the whole batch so
    a rerun parses identically."""
    outcome = read_resume(content, filename, max_bytes=max_bytes)
    if outcome.problem is not None or outcome.text is None:
        return ParseOutcome(format=outcome.format, problem=outcome.problem)
    if len(outcome.text) > MAX_TEXT_CHARS:
        return ParseOutcome(
            format=outcome.format,
            problem=ResumeProblem(
                reason="oversized",
                detail=f"text has {len(outcome.text)} characters; the limit is {MAX_TEXT_CHARS}",
            ),
        )
    try:
        parsed, contact = extract(outcome.text, as_of=as_of or date.today())
    except Exception as error:  # a parser bug must route to review
        return ParseOutcome(
            format=outcome.format,
            problem=ResumeProblem(
                reason="corrupt", detail=f"text could not be parsed ({type(error).__name__})"
            ),
        )
    return ParseOutcome(parsed=parsed, contact=contact, format=outcome.format)


def _read(content: bytes, filename: str, max_bytes: int) -> ReadOutcome:
    if len(content) > max_bytes:
        return _problem(
            "oversized", f"file is {len(content)} bytes; the limit is {max_bytes} bytes"
        )
    if not content.strip():
        return _problem("empty", "file has no content")
    head = content[:1024]
    suffix = _suffix(filename)
    if b"%PDF-" in head:
        return _read_pdf(content)
    if content.startswith(b"PK\x03\x04") or content.startswith(b"PK\x05\x06"):
        return _read_zip(content, suffix)
    if content.startswith(_OLE_MAGIC):
        return _read_ole(content)
    if content.startswith(_IMAGE_MAGIC) or content[8:12] == b"WEBP":
        return _problem("image_only", "file is an image; it has no text to read")
    for magic, detail in _UNSUPPORTED_MAGIC:
        if content.startswith(magic):
            return _problem("unsupported", detail)
    if suffix == ".pdf":
        return _problem("corrupt", "file is named .pdf but is not a PDF", "pdf")
    if suffix == ".docx":
        return _problem("corrupt", "file is named .docx but is not a Word document", "docx")
    if suffix in _TEXT_SUFFIXES or suffix == "":
        fmt: ResumeFormat = "markdown" if _TEXT_SUFFIXES.get(suffix) == "markdown" else "text"
        return _read_text(content, fmt)
    return _problem("unsupported", f"'{suffix}' files are not supported")


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------


def _read_pdf(content: bytes) -> ReadOutcome:
    if b"%%EOF" not in content[-2048:]:
        # Truncated uploads lose the end of the file: pypdf may still recover
        # a page or two, but a partial resume must not be screened as whole.
        return _problem("corrupt", "PDF is truncated (no end-of-file marker)", "pdf")
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            try:
                opened = bool(reader.decrypt(""))
            except Exception:  # unknown cipher counts as locked
                opened = False
            if not opened:
                return _problem("encrypted", "PDF needs a password to open", "pdf")
        texts: list[str] = []
        has_images = False
        for number, page in enumerate(reader.pages):
            if number >= MAX_PDF_PAGES:
                break
            texts.append(page.extract_text() or "")
            if not has_images and _page_has_images(page):
                has_images = True
    except Exception as error:  # pypdf raises many kinds on damage
        return _problem("corrupt", f"PDF could not be read ({type(error).__name__})", "pdf")
    text = "\n".join(texts)
    if text.strip():
        return ReadOutcome(text=text, format="pdf")
    if has_images:
        return _problem("image_only", "PDF pages are images without a text layer", "pdf")
    return _problem("empty", "PDF has no text", "pdf")


def _page_has_images(page: object) -> bool:
    try:
        images = page.images  # type: ignore[attr-defined]
        return len(images) > 0
    except Exception:  # an undecodable image is still an image
        return True


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------


def _read_zip(content: bytes, suffix: str) -> ReadOutcome:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        names = set(archive.namelist())
        unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, EOFError):
        if suffix in {".docx", ".doc"}:
            return _problem("corrupt", "Word document is damaged (bad zip)", "docx")
        return _problem("corrupt", "zip container is damaged")
    if "word/document.xml" not in names:
        if "content.xml" in names:
            return _problem("unsupported", "OpenDocument files are not supported")
        return _problem("unsupported", "zip file is not a Word document")
    if unpacked > MAX_UNPACKED_BYTES:
        return _problem(
            "oversized", f"Word document unpacks to more than {MAX_UNPACKED_BYTES} bytes", "docx"
        )
    try:
        body = archive.read("word/document.xml")
        headers = [
            archive.read(name)
            for name in sorted(names)
            if re.fullmatch(r"word/header\d*\.xml", name)
        ]
        text = _docx_text(body, headers)
    except Exception as error:  # python-docx/lxml/zlib raise many kinds
        return _problem("corrupt", f"Word document is damaged ({type(error).__name__})", "docx")
    if not text.strip():
        return _problem("empty", "Word document has no text", "docx")
    return ReadOutcome(text=text, format="docx")


def _docx_text(body_xml: bytes, header_xmls: list[bytes]) -> str:
    """The text of a DOCX's body, in reading order, plus its page headers.

    Only the document part is parsed (with python-docx's element classes);
    opening the whole package also parses styles, numbering and settings,
    which takes several times longer and adds nothing to the text."""
    lines: list[str] = []
    seen_headers: set[str] = set()
    for header_xml in header_xmls:
        for p in parse_xml(header_xml).iter(qn("w:p")):
            text = "".join(t.text or "" for t in p.iter(qn("w:t"))).strip()
            if text and text not in seen_headers:
                seen_headers.add(text)
                lines.append(text)
    element = parse_xml(body_xml)
    document = DocxDocument(cast(CT_Document, element), cast(DocumentPart, None))
    _inner_content(document.iter_inner_content(), lines)
    # Text boxes (common in two-column templates) are not paragraphs of the
    # body; take each box once (Word keeps a VML fallback copy of every box).
    for box in element.iter(qn("w:txbxContent")):
        if any(a.tag == _MC_FALLBACK for a in box.iterancestors()):
            continue
        for p in box.iter(qn("w:p")):
            text = "".join(t.text or "" for t in p.iter(qn("w:t"))).strip()
            if text:
                lines.append(text)
    return "\n".join(lines)


_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _inner_content(items: Iterable[Paragraph | Table], lines: list[str]) -> None:
    for item in items:
        if isinstance(item, Paragraph):
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
    return text


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


def _read_ole(content: bytes) -> ReadOutcome:
    try:
        ole = olefile.OleFileIO(io.BytesIO(content))
        encrypted = ole.exists("EncryptedPackage")
    except Exception:  # a damaged or partial compound file: still not DOCX or PDF
        return _problem("unsupported", "legacy Office file (.doc); send DOCX or PDF")
    if encrypted:
        return _problem("encrypted", "Word document is password protected", "docx")
    return _problem("unsupported", "legacy Office files (.doc) are not supported; send DOCX or PDF")


# --------------------------------------------------------------------------
# Plain text and Markdown
# --------------------------------------------------------------------------


def _decode(content: bytes) -> str | None:
    if content.startswith(b"\xef\xbb\xbf"):
        content = content[3:]
    elif content.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return content.decode("utf-16")
        except UnicodeDecodeError:
            return None
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data" and error.start >= len(content) - 3:
            # Cut off inside the last character: the text itself is intact.
            return content[: error.start].decode("utf-8")
    replaced = content.decode("utf-8", errors="replace")
    if replaced.count("\ufffd") <= max(1, len(content) // 1000):
        # A stray bad byte in UTF-8 text; GB18030 text fails UTF-8 throughout.
        return replaced
    try:
        text = content.decode("gb18030")
    except UnicodeDecodeError:
        return None
    return text if _plausible(text) else None


_EXPECTED_CHAR = re.compile(
    r"[\s\x20-\x7e\u00a0-\u024f\u2000-\u206f\u3000-\u303f\u3400-\u9fff\uff00-\uffef]"
)


def _plausible(text: str) -> bool:
    """gb18030 decodes most byte strings; real Chinese or English text is
    nearly all ASCII, CJK and their punctuation."""
    if not text:
        return False
    expected = len(_EXPECTED_CHAR.findall(text))
    return expected / len(text) >= 0.97


def _read_text(content: bytes, fmt: ResumeFormat) -> ReadOutcome:
    if b"\x00" in content[:4096] and not content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _problem("corrupt", "file contains binary data, not text", fmt)
    text = _decode(content)
    if text is None:
        return _problem("corrupt", "text is in no supported encoding (UTF-8, UTF-16, GB18030)", fmt)
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t\f")
    if controls > max(2, len(text) // 100):
        return _problem("corrupt", "file contains binary data, not text", fmt)
    if not text.strip():
        return _problem("empty", "file has no text", fmt)
    return ReadOutcome(text=text, format=fmt)
