"""PDF -> text with pypdf, with the layout cues of ``pdf_layout`` (column
gaps, running headers and footers once at the start).

A truncated file (no end-of-file marker) is refused rather than read in
part, and a PDF whose pages are only images is named as such so the
applicant goes to manual review.
"""

import io
import logging

from pypdf import PdfReader

from adapters.documents.outcome import ReadOutcome, problem
from adapters.documents.pdf_layout import page_text, without_page_furniture

MAX_PDF_PAGES = 30
"""Pages read from a PDF. Longer files are read up to here, not refused."""

# pypdf's warnings and errors about damaged files quote raw bytes of the
# document, which may be an applicant's text. The reader reports damage as a
# ResumeProblem instead, so pypdf's own log is silenced (its child loggers
# inherit the level).
logging.getLogger("pypdf").setLevel(logging.CRITICAL)


def read_pdf(content: bytes) -> ReadOutcome:
    """The text of a PDF, or why it has none."""
    if b"%%EOF" not in content[-2048:]:
        # Truncated uploads lose the end of the file: pypdf may still recover
        # a page or two, but a partial resume must not be screened as whole.
        return problem("corrupt", "PDF is truncated (no end-of-file marker)", "pdf")
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            try:
                opened = bool(reader.decrypt(""))
            except Exception:  # unknown cipher counts as locked
                opened = False
            if not opened:
                return problem("encrypted", "PDF needs a password to open", "pdf")
        texts: list[str] = []
        has_images = False
        for number, page in enumerate(reader.pages):
            if number >= MAX_PDF_PAGES:
                break
            texts.append(page_text(page))
            if not has_images and _page_has_images(page):
                has_images = True
    except Exception as error:  # pypdf raises many kinds on damage
        return problem("corrupt", f"PDF could not be read ({type(error).__name__})", "pdf")
    text = without_page_furniture(texts)
    if text.strip():
        return ReadOutcome(text=text, format="pdf")
    if has_images:
        return problem("image_only", "PDF pages are images without a text layer", "pdf")
    return problem("empty", "PDF has no text", "pdf")


def _page_has_images(page: object) -> bool:
    try:
        images = page.images  # type: ignore[attr-defined]
        return len(images) > 0
    except Exception:  # an undecodable image is still an image
        return True
