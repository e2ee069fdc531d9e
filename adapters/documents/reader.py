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

import re
from datetime import date

from pydantic import BaseModel

from adapters.documents.docx_reader import MAX_UNPACKED_BYTES, read_docx, read_ole
from adapters.documents.outcome import ReadOutcome, ResumeFormat, problem
from adapters.documents.pdf_reader import MAX_PDF_PAGES, read_pdf
from adapters.documents.text_reader import read_text
from domain.screening.resume import ContactDetails, ParsedResume, ResumeProblem, extract

__all__ = [
    "MAX_BYTES",
    "MAX_PDF_PAGES",
    "MAX_TEXT_CHARS",
    "MAX_UNPACKED_BYTES",
    "ParseOutcome",
    "ReadOutcome",
    "ResumeFormat",
    "parse_resume",
    "read_resume",
]

MAX_BYTES = 5 * 1024 * 1024
"""Larger uploads are refused before parsing: a resume is a few hundred KB,
and a cap bounds the time and memory one hostile file can take."""

MAX_TEXT_CHARS = 200_000
"""Thirty dense pages are about 100,000 characters; text beyond twice that is
not a resume, and parsing it would cost seconds per file."""


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


class ParseOutcome(BaseModel):
    """Parsed facts and contact PII, or the problem. ``contact`` is PII."""

    parsed: ParsedResume | None = None
    contact: ContactDetails | None = None
    format: ResumeFormat | None = None
    problem: ResumeProblem | None = None


def _suffix(filename: str) -> str:
    match = re.search(r"(\.[A-Za-z0-9]{1,10})$", filename.strip())
    return match.group(1).lower() if match else ""


def read_resume(content: bytes, filename: str, *, max_bytes: int = MAX_BYTES) -> ReadOutcome:
    """The text of a resume file, by format, or the reason it has none."""
    try:
        return _read(content, filename, max_bytes)
    except Exception as error:  # a bad file must never fail the batch
        # The class name only: library messages may quote document content.
        return problem("corrupt", f"unreadable file ({type(error).__name__})")


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
        return problem("oversized", f"file is {len(content)} bytes; the limit is {max_bytes} bytes")
    if not content.strip():
        return problem("empty", "file has no content")
    head = content[:1024]
    suffix = _suffix(filename)
    if b"%PDF-" in head:
        return read_pdf(content)
    if content.startswith(b"PK\x03\x04") or content.startswith(b"PK\x05\x06"):
        return read_docx(content, suffix)
    if content.startswith(_OLE_MAGIC):
        return read_ole(content)
    if content.startswith(_IMAGE_MAGIC) or content[8:12] == b"WEBP":
        return problem("image_only", "file is an image; it has no text to read")
    for magic, detail in _UNSUPPORTED_MAGIC:
        if content.startswith(magic):
            return problem("unsupported", detail)
    if suffix == ".pdf":
        return problem("corrupt", "file is named .pdf but is not a PDF", "pdf")
    if suffix == ".docx":
        return problem("corrupt", "file is named .docx but is not a Word document", "docx")
    if suffix in _TEXT_SUFFIXES or suffix == "":
        fmt: ResumeFormat = "markdown" if _TEXT_SUFFIXES.get(suffix) == "markdown" else "text"
        return read_text(content, fmt)
    return problem("unsupported", f"'{suffix}' files are not supported")
