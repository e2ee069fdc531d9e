"""Deliberately unreadable files, one per kind, each with the reason the
reader must give (password-protected PDF and DOCX, image-only PDF, a scanned
PNG, truncated PDF and DOCX, binary junk named .txt, a .docx that is not
one, empty and blank files, an oversized PDF, RTF, OpenDocument and legacy
.doc)."""

import io
import random
import zipfile
from collections.abc import Sequence
from pathlib import Path

from domain.screening.resume import ProblemReason
from simulation.resume_corpus.blocks import Block
from simulation.resume_corpus.renderers import (
    FIXED_PDF_DATE,
    render_docx,
    render_pdf,
    render_text,
)

BROKEN_KINDS: tuple[tuple[str, ProblemReason, str], ...] = (
    ("encrypted_pdf", "encrypted", ".pdf"),
    ("image_pdf", "image_only", ".pdf"),
    ("truncated_pdf", "corrupt", ".pdf"),
    ("empty_file", "empty", ".pdf"),
    ("oversized_pdf", "oversized", ".pdf"),
    ("encrypted_docx", "encrypted", ".docx"),
    ("truncated_docx", "corrupt", ".docx"),
    ("binary_txt", "corrupt", ".txt"),
    ("blank_txt", "empty", ".txt"),
    ("scan_png", "image_only", ".png"),
    ("blank_pdf", "empty", ".pdf"),
    ("not_docx", "corrupt", ".docx"),
    ("rtf", "unsupported", ".rtf"),
    ("odt", "unsupported", ".odt"),
    ("legacy_doc", "unsupported", ".doc"),
)
"""Kind, the reason the reader must give, file extension."""


def _scan_image(rng: random.Random, lines: Sequence[str]) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("L", (1240, 1754), color=255)
    draw = ImageDraw.Draw(image)
    y = 80
    for line in lines:
        draw.text((90, y), line.encode("ascii", "replace").decode(), fill=0)
        y += 28
    for _ in range(300):  # scanner speckle
        x, yy = rng.randrange(1240), rng.randrange(1754)
        draw.point((x, yy), fill=rng.randrange(100, 200))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _pdf_with_image(png: bytes, size_mm: tuple[float, float] = (180, 254)) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED_PDF_DATE)
    pdf.add_page()
    pdf.image(io.BytesIO(png), x=15, y=15, w=size_mm[0], h=size_mm[1])
    return bytes(pdf.output())


def broken_file(kind: str, rng: random.Random, blocks: Sequence[Block], cjk: Path | None) -> bytes:
    text = render_text(blocks)
    if kind == "encrypted_pdf":
        from fpdf import FPDF

        pdf = FPDF()
        pdf.set_creation_date(FIXED_PDF_DATE)
        pdf.add_page()
        pdf.set_font("helvetica", size=10)
        pdf.multi_cell(0, 5, "Resume (protected)")
        pdf.set_encryption(owner_password=f"owner{rng.randrange(10**6)}", user_password="applicant")
        return bytes(pdf.output())
    if kind == "image_pdf":
        return _pdf_with_image(_scan_image(rng, text.splitlines()[:40]))
    if kind == "scan_png":
        return _scan_image(rng, text.splitlines()[:40])
    if kind == "truncated_pdf":
        whole = render_pdf(blocks, cjk)
        return whole[: int(len(whole) * rng.uniform(0.3, 0.7))]
    if kind == "truncated_docx":
        whole = render_docx(blocks)
        return whole[: int(len(whole) * rng.uniform(0.3, 0.7))]
    if kind == "empty_file":
        return b""
    if kind == "blank_txt":
        return b" \n\n\t \r\n  \n"
    if kind == "blank_pdf":
        from fpdf import FPDF

        pdf = FPDF()
        pdf.set_creation_date(FIXED_PDF_DATE)
        pdf.add_page()
        return bytes(pdf.output())
    if kind == "oversized_pdf":
        from PIL import Image

        noise = Image.frombytes("RGB", (1500, 1300), rng.randbytes(1500 * 1300 * 3))
        buffer = io.BytesIO()
        noise.save(buffer, format="PNG", compress_level=1)
        return _pdf_with_image(buffer.getvalue())
    if kind == "encrypted_docx":
        from msoffcrypto.format.ooxml import OOXMLFile

        plain = io.BytesIO(render_docx(blocks))
        out = io.BytesIO()
        OOXMLFile(plain).encrypt("applicant", out)
        return out.getvalue()
    if kind == "binary_txt":
        return rng.randbytes(4096)
    if kind == "not_docx":
        return rng.randbytes(2048)
    if kind == "rtf":
        body = text.encode("ascii", "replace").decode().replace("\n", "\\par\n")
        return ("{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Helvetica;}}\n" + body + "}").encode()
    if kind == "odt":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
            archive.writestr("content.xml", "<office:document-content/>")
        return buffer.getvalue()
    if kind == "legacy_doc":
        # The compound-file header of a Word 97-2003 document; the body is not needed.
        return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + rng.randbytes(1536)
    raise ValueError(f"unknown broken kind {kind!r}")
