"""Render the hand-written DOCX and PDF resumes of the independent corpus.

Run once after editing a source: ``python -m tests.resumes.independent.build``.
The files it writes to ``resumes/`` are committed, so the tests read the same
bytes every time and never depend on this script or on fpdf2's version.

Each ``sources/<name>.yaml`` holds a resume's words, written by hand, and how
they are laid out; this script knows layouts only (Word headings, tables,
tab stops, text boxes, page headers and footers; PDF columns, right-aligned
text, running headers and footers). Nothing here comes from the resume
generator in ``simulation/`` or from the parser's vocabularies.

Source keys. DOCX: ``header``/``footer`` (lines), ``body`` (blocks). PDF:
``font`` (sans, serif or cjk), ``size``, ``header``/``footer`` (a line on
every page; ``{page}`` and ``{pages}`` are replaced), ``main`` (blocks) and,
for two columns, ``side`` with ``side_first``. Blocks: a string (a
paragraph), ``{h: ...}`` (a heading), ``{b: ...}`` (a bullet), ``{lr: [left,
right]}`` (right part right-aligned on the same line; a tab stop in DOCX),
``{table: [[cells]]}``, ``{columns: [[blocks], [blocks]]}`` (DOCX layout
table), ``{textbox: [lines], vml: bool}`` (DOCX floating text box),
``{gap: mm}`` and ``{page: true}`` (PDF).
"""

from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import yaml
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml.parser import parse_xml
from docx.shared import Cm
from docx.table import _Cell
from fpdf import FPDF

HERE = Path(__file__).parent
SOURCES = HERE / "sources"
OUT = HERE / "resumes"
FONTS = {
    "sans": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "serif": "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "cjk": "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
}
FIXED = datetime(2025, 1, 1, tzinfo=UTC)
Block = str | dict[str, Any]

# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------

_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def _box_content(lines: list[str]) -> str:
    paragraphs = "".join(f"<w:p><w:r><w:t>{escape(line)}</w:t></w:r></w:p>" for line in lines)
    return f"<w:txbxContent>{paragraphs}</w:txbxContent>"


def textbox_run(lines: list[str], number: int, *, vml_only: bool) -> str:
    """A floating text box as Word writes it: DrawingML with a VML fallback
    copy of the same text (or VML alone, as older Word and WPS write it)."""
    vml = (
        f'<w:pict><v:shape id="Text Box {number}" type="#_x0000_t202" '
        'style="position:absolute;margin-left:330pt;margin-top:0;width:200pt;height:80pt">'
        f"<v:textbox>{_box_content(lines)}</v:textbox></v:shape></w:pict>"
    )
    if vml_only:
        return f"<w:r {_NS}>{vml}</w:r>"
    drawing = (
        '<w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" '
        'relativeHeight="2" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="page"><wp:posOffset>4200000</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="page"><wp:posOffset>400000</wp:posOffset></wp:positionV>'
        '<wp:extent cx="2540000" cy="1016000"/><wp:wrapNone/>'
        f'<wp:docPr id="{number}" name="Text Box {number}"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
        'wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm>'
        '<a:off x="0" y="0"/><a:ext cx="2540000" cy="1016000"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
        f"<wps:txbx>{_box_content(lines)}</wps:txbx><wps:bodyPr/></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing>"
    )
    return (
        f'<w:r {_NS}><mc:AlternateContent><mc:Choice Requires="wps">{drawing}</mc:Choice>'
        f"<mc:Fallback>{vml}</mc:Fallback></mc:AlternateContent></w:r>"
    )


def _docx_blocks(container: DocxDocument | _Cell, blocks: list[Block], boxes: list[int]) -> None:
    for block in blocks:
        if isinstance(block, str):
            container.add_paragraph(block)
        elif "h" in block:
            if isinstance(container, _Cell):
                container.add_paragraph(block["h"], style="Heading 2")
            else:
                container.add_heading(block["h"], level=block.get("level", 1))
        elif "b" in block:
            container.add_paragraph(block["b"], style="List Bullet")
        elif "lr" in block:
            left, right = block["lr"]
            paragraph = container.add_paragraph(f"{left}\t{right}")
            paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(16), WD_TAB_ALIGNMENT.RIGHT)
        elif "table" in block:
            rows = block["table"]
            table = container.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for row, values in zip(table.rows, rows, strict=True):
                for cell, value in zip(row.cells, values, strict=True):
                    cell.text = str(value)
        elif "columns" in block:
            layout = container.add_table(rows=1, cols=len(block["columns"]))
            for cell, column in zip(layout.rows[0].cells, block["columns"], strict=True):
                cell.paragraphs[0].text = ""
                _docx_blocks(cell, column, boxes)
        elif "textbox" in block:
            boxes.append(len(boxes) + 1)
            paragraph = container.add_paragraph()
            run = textbox_run(block["textbox"], boxes[-1], vml_only=block.get("vml", False))
            paragraph._p.append(parse_xml(run))
        else:
            raise ValueError(f"unknown block {block}")


def build_docx(source: dict[str, Any], target: Path) -> None:
    document = Document()
    document.core_properties.created = FIXED
    document.core_properties.modified = FIXED
    section = document.sections[0]
    for part, lines in (("header", source.get("header")), ("footer", source.get("footer"))):
        if lines:
            furniture = section.header if part == "header" else section.footer
            furniture.paragraphs[0].text = lines[0]
            for line in lines[1:]:
                furniture.add_paragraph(line)
    _docx_blocks(document, source["body"], [])
    document.save(str(target))


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------


class _Pdf(FPDF):
    """Running header and footer lines, as word processors print them."""

    def __init__(self, source: dict[str, Any]) -> None:
        super().__init__(format="A4")
        self.source = source
        self.size = float(source.get("size", 10))
        self.set_creation_date(FIXED)
        self.alias_nb_pages("{pages}")
        self.add_font("body", fname=FONTS[source.get("font", "sans")])

    def header(self) -> None:
        if self.source.get("header"):
            self.set_font("body", size=self.size - 1)
            self.set_y(8)
            text = self.source["header"].replace("{page}", str(self.page_no()))
            self.cell(0, 5, text, align="C", new_x="LMARGIN", new_y="NEXT")
            self.set_y(18)

    def footer(self) -> None:
        if self.source.get("footer"):
            self.set_font("body", size=self.size - 1.5)
            self.set_y(-14)
            text = self.source["footer"].replace("{page}", str(self.page_no()))
            self.cell(0, 5, text, align="C")


def _pdf_blocks(pdf: _Pdf, blocks: list[Block], x: float, width: float) -> None:
    line = pdf.size * 0.5
    for block in blocks:
        pdf.set_x(x)
        if isinstance(block, str):
            pdf.set_font("body", size=pdf.size)
            pdf.multi_cell(width, line, block, new_x="LEFT", new_y="NEXT")
        elif "h" in block:
            pdf.ln(line * 0.6)
            pdf.set_x(x)
            pdf.set_font("body", size=pdf.size + 2.5)
            pdf.cell(width, line + 2, block["h"], new_x="LEFT", new_y="NEXT")
            pdf.line(x, pdf.get_y(), x + width, pdf.get_y())
            pdf.ln(1)
        elif "b" in block:
            pdf.set_font("body", size=pdf.size)
            pdf.cell(4, line, "•")
            pdf.multi_cell(width - 4, line, block["b"], new_x="LEFT", new_y="NEXT")
        elif "lr" in block:
            left, right = block["lr"]
            pdf.set_font("body", size=pdf.size)
            pdf.cell(width, line, left, new_x="LEFT", new_y="TOP")
            pdf.set_x(x)
            pdf.cell(width, line, right, align="R", new_x="LEFT", new_y="NEXT")
        elif "gap" in block:
            pdf.ln(float(block["gap"]))
        elif "page" in block:
            pdf.add_page()
        else:
            raise ValueError(f"unknown block {block}")


def build_pdf(source: dict[str, Any], target: Path) -> None:
    pdf = _Pdf(source)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    margin, full = 12.0, 186.0
    pdf.set_left_margin(margin)
    if "side" not in source:
        _pdf_blocks(pdf, source["main"], margin, full)
    else:
        side_width, gap = float(source.get("side_width", 56)), 6.0
        top = pdf.get_y()
        columns = [
            (source["side"], margin, side_width),
            (source["main"], margin + side_width + gap, full - side_width - gap),
        ]
        if not source.get("side_first", True):
            columns.reverse()
        for blocks, x, width in columns:
            pdf.set_y(top)
            _pdf_blocks(pdf, blocks, x, width)
    pdf.output(str(target))


def main() -> None:
    for path in sorted(SOURCES.glob("*.yaml")):
        source = yaml.safe_load(path.read_text(encoding="utf-8"))
        kind = source["format"]
        target = OUT / f"{path.stem}.{kind}"
        (build_docx if kind == "docx" else build_pdf)(source, target)
        print(target.relative_to(HERE))


if __name__ == "__main__":
    main()
