"""Drawing blocks as plain text, Markdown, DOCX and PDF.

Plain text and Markdown by hand, DOCX with python-docx (headings, list
paragraphs, data tables, a two-column layout table), PDF with fpdf2
(Helvetica for English; for Chinese a CJK TrueType font, subset once per run
to the characters used, so each PDF embeds a small font with a ToUnicode
map). The CJK font comes from Debian's ``fonts-wqy-microhei``
(``scripts/apt-deps.sh``) or ``HIRELOOP_CJK_FONT``; without one, Chinese
resumes that would have been PDFs are written as DOCX instead
(``cjk_font_path()`` says which applies). PDFs carry a fixed creation date,
so the same blocks give the same bytes.
"""

import io
import os
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from simulation.resume_corpus.blocks import Block, Bullet, Columns, Heading, Line, Table, Title

# fmt: off
CJK_FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
)
# fmt: on
FIXED_PDF_DATE = datetime(2025, 1, 1, tzinfo=UTC)


def cjk_font_path() -> Path | None:
    """The CJK font Chinese PDFs are drawn with, or None (then they are DOCX)."""
    configured = os.environ.get("HIRELOOP_CJK_FONT")
    for candidate in ([configured] if configured else []) + list(CJK_FONT_CANDIDATES):
        if Path(candidate).is_file():
            return Path(candidate)
    return None


def _flat(blocks: Sequence[Block]) -> list[Block]:
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Columns):
            out += _flat(block.left) + _flat(block.right)
        else:
            out.append(block)
    return out


def render_text(blocks: Sequence[Block], bullet: str = "•") -> str:
    lines: list[str] = []
    for block in _flat(blocks):
        if isinstance(block, Title):
            lines += [block.text, ""]
        elif isinstance(block, Heading):
            lines += ["", block.text]
        elif isinstance(block, Line):
            lines.append(block.text)
        elif isinstance(block, Bullet):
            lines.append(f"{bullet} {block.text}")
        elif isinstance(block, Table):
            lines.append(" | ".join(block.header))
            lines += [" | ".join(c for c in row) for row in block.rows]
    return "\n".join(lines) + "\n"


def render_markdown(blocks: Sequence[Block]) -> str:
    lines: list[str] = []
    for block in _flat(blocks):
        if isinstance(block, Title):
            lines += [f"# {block.text}", ""]
        elif isinstance(block, Heading):
            lines += ["", f"## {block.text.strip('【】■ ')}", ""]
        elif isinstance(block, Line):
            lines.append(block.text + "  ")
        elif isinstance(block, Bullet):
            lines.append(f"- {block.text}")
        elif isinstance(block, Table):
            lines.append("| " + " | ".join(block.header) + " |")
            lines.append("|" + "---|" * len(block.header))
            lines += ["| " + " | ".join(row) + " |" for row in block.rows]
            lines.append("")
    return "\n".join(lines) + "\n"


def render_docx(blocks: Sequence[Block]) -> bytes:
    from docx import Document

    document = Document()

    def add(container: object, block: Block) -> None:
        add_paragraph: Callable[..., object] = container.add_paragraph  # type: ignore[attr-defined]
        if isinstance(block, Title):
            if container is document:
                document.add_heading(block.text, level=0)
            else:
                add_paragraph(block.text, style="Title")
        elif isinstance(block, Heading):
            add_paragraph(block.text, style="Heading 1")
        elif isinstance(block, Line):
            add_paragraph(block.text)
        elif isinstance(block, Bullet):
            add_paragraph(block.text, style="List Bullet")
        elif isinstance(block, Table):
            table = document.add_table(rows=1 + len(block.rows), cols=len(block.header))
            table.style = "Table Grid"
            for r, row in enumerate([block.header, *block.rows]):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
        elif isinstance(block, Columns):
            layout = document.add_table(rows=1, cols=2)
            for cell, column in zip(layout.rows[0].cells, (block.left, block.right), strict=True):
                for inner in column:
                    add(cell, inner)
                first = cell.paragraphs[0]
                if not first.text:  # the empty paragraph every new cell starts with
                    first._p.getparent().remove(first._p)

    for block in blocks:
        add(document, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


_LATIN1_FIXES = str.maketrans({"–": "-", "—": "-", "•": "-", "’": "'", "●": "-"})


def subset_font(font: Path, text: str, target: Path) -> Path:
    """The CJK font cut down to the characters of one corpus run: a whole
    CJK font takes half a second to load per document, the subset a few
    milliseconds."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    # fpdf2 subsets the font again for every document: without layout tables
    # and hinting that second pass takes milliseconds instead of a third of a second.
    options.drop_tables += ["FFTM", "GSUB", "GPOS", "GDEF", "BASE", "JSTF", "morx", "kern"]
    options.layout_features = []
    options.hinting = False
    ttfont = TTFont(str(font), fontNumber=0, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text + "".join(chr(c) for c in range(32, 127)))
    subsetter.subset(ttfont)
    buffer = io.BytesIO()
    ttfont.save(buffer)
    target.write_bytes(buffer.getvalue())
    return target


def render_pdf(blocks: Sequence[Block], cjk_font: Path | None, bullet: str = "•") -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED_PDF_DATE)
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    if cjk_font is not None:
        pdf.add_font("cjk", fname=str(cjk_font))
    unicode_font = cjk_font is not None

    def text_of(value: str) -> str:
        return value if unicode_font else value.translate(_LATIN1_FIXES)

    def font(size: float, bold: bool = False) -> None:
        if unicode_font:
            pdf.set_font("cjk", size=size)
        else:
            pdf.set_font("helvetica", style="B" if bold else "", size=size)

    mark = bullet if unicode_font else "-"

    def draw(block: Block, width: float) -> None:
        x = pdf.get_x()
        if isinstance(block, Title):
            font(16, True)
            pdf.multi_cell(width, 8, text_of(block.text), new_x="LEFT", new_y="NEXT")
        elif isinstance(block, Heading):
            pdf.ln(2)
            font(12, True)
            pdf.multi_cell(width, 6.5, text_of(block.text), new_x="LEFT", new_y="NEXT")
            pdf.line(x, pdf.get_y(), x + width, pdf.get_y())
            pdf.ln(1)
        elif isinstance(block, Line):
            font(10)
            pdf.multi_cell(width, 5.2, text_of(block.text), new_x="LEFT", new_y="NEXT")
        elif isinstance(block, Bullet):
            font(10)
            pdf.set_x(x + 3)
            pdf.multi_cell(
                width - 3, 5.2, text_of(f"{mark} {block.text}"), new_x="LEFT", new_y="NEXT"
            )
            pdf.set_x(x)
        elif isinstance(block, Table):
            font(8.5)  # table rows stay on one line, as table cells do
            for row in [block.header, *block.rows]:
                pdf.multi_cell(width, 5.2, text_of("   ".join(row)), new_x="LEFT", new_y="NEXT")
        elif isinstance(block, Columns):
            top = pdf.get_y()
            pdf.set_left_margin(15)
            pdf.set_xy(15, top)
            for inner in block.left:
                draw(inner, 55)
            pdf.set_left_margin(78)
            pdf.set_xy(78, top)
            for inner in block.right:
                draw(inner, 117)
            pdf.set_left_margin(15)

    for block in blocks:
        draw(block, 180)
    return bytes(pdf.output())
