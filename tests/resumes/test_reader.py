"""Reading resume files: every unreadable file gets its reason, nothing raises,
and the format comes from the bytes, not the name."""

import io
import zipfile

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.parser import parse_xml
from fpdf import FPDF

from adapters.documents.reader import (
    MAX_BYTES,
    MAX_UNPACKED_BYTES,
    parse_resume,
    read_resume,
)
from simulation.resume_corpus import AS_OF, BROKEN_KINDS, Bullet, Heading, Line, Title, render_docx
from tests.resumes.conftest import Parsed
from tests.resumes.independent.build import textbox_run

RESUME_EN = """Wei Zhang
wei.zhang@example.com | +86 138 0013 8000

EDUCATION
Tsinghua University, Beijing
Bachelor of Science in Computer Science    Sep 2016 – Jun 2020

EXPERIENCE
Software Engineer — ByteDance
Beijing | Jul 2020 – Present

SKILLS
Python, SQL, K8s
"""


def pdf_bytes(text: str, *, owner_password: str | None = None) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=10)
    for line in text.replace("–", "-").replace("—", "-").splitlines():
        pdf.multi_cell(0, 5, line or " ", new_x="LMARGIN", new_y="NEXT")
    if owner_password is not None:
        pdf.set_encryption(owner_password=owner_password)
    return bytes(pdf.output())


def test_every_broken_file_gets_its_reason(parsed_corpus: list[Parsed]) -> None:
    broken = [p for p in parsed_corpus if p.entry.expected_problem is not None]
    assert {p.entry.format for p in broken} == {kind for kind, _, _ in BROKEN_KINDS}
    wrong = [
        (p.entry.path.name, p.entry.format, p.entry.expected_problem, p.outcome.problem)
        for p in broken
        if p.outcome.problem is None or p.outcome.problem.reason != p.entry.expected_problem
    ]
    assert wrong == []
    for p in broken:
        assert p.outcome.parsed is None and p.outcome.contact is None
        assert p.outcome.problem is not None and p.outcome.problem.detail


def test_problem_details_never_quote_the_file_name_or_content(
    parsed_corpus: list[Parsed],
) -> None:
    for p in parsed_corpus:
        if p.outcome.problem is None:
            continue
        contact = p.entry.truth.contact
        detail = p.outcome.problem.detail
        for secret in (contact.name, contact.email, contact.phone, p.entry.path.name):
            assert secret is None or secret not in detail


@pytest.mark.parametrize(
    ("content", "filename", "reason"),
    [
        (b"", "resume.pdf", "empty"),
        (b"   \n\t\n", "resume.txt", "empty"),
        (b"\x00\x01\x02binary\xff" * 50, "resume.txt", "corrupt"),
        (b"not a pdf at all", "resume.pdf", "corrupt"),
        (b"MZ\x90\x00" + bytes(100), "resume.exe", "unsupported"),
        (b"plain words", "resume.html", "unsupported"),
        (b"\x89PNG\r\n\x1a\n" + bytes(64), "scan.jpg", "image_only"),
        (b"\xff\xd8\xff\xe0" + bytes(64), "photo.jpeg", "image_only"),
        (b"{\\rtf1\\ansi Wei Zhang}", "resume.rtf", "unsupported"),
    ],
)
def test_bad_bytes_get_a_reason(content: bytes, filename: str, reason: str) -> None:
    outcome = parse_resume(content, filename, as_of=AS_OF)
    assert outcome.problem is not None and outcome.problem.reason == reason
    assert outcome.parsed is None


def test_the_size_limit_applies_before_anything_is_parsed() -> None:
    assert read_resume(b"x" * (MAX_BYTES + 1), "resume.txt").problem is not None
    small_limit = read_resume(RESUME_EN.encode(), "resume.txt", max_bytes=100)
    assert small_limit.problem is not None and small_limit.problem.reason == "oversized"
    assert read_resume(RESUME_EN.encode(), "resume.txt").problem is None


def test_text_far_longer_than_any_resume_is_oversized() -> None:
    content = ("Skills\n" + "Python, SQL, " * 20_000).encode()
    assert len(content) < MAX_BYTES
    outcome = parse_resume(content, "resume.txt", as_of=AS_OF)
    assert outcome.problem is not None and outcome.problem.reason == "oversized"


def test_a_docx_that_unpacks_to_too_much_is_oversized() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<" + b" " * (MAX_UNPACKED_BYTES + 10))
    content = buffer.getvalue()
    assert len(content) < MAX_BYTES  # small on disk, huge unpacked
    outcome = read_resume(content, "resume.docx")
    assert outcome.problem is not None and outcome.problem.reason == "oversized"


def test_format_comes_from_the_bytes_not_the_name() -> None:
    as_docx = read_resume(pdf_bytes(RESUME_EN), "resume.docx")
    assert as_docx.format == "pdf" and as_docx.text and "Tsinghua" in as_docx.text
    word = render_docx([Title("Wei Zhang"), Line("wei.zhang@example.com")])
    as_pdf = read_resume(word, "resume.pdf")
    assert as_pdf.format == "docx" and as_pdf.text and "Wei Zhang" in as_pdf.text


def test_a_pdf_locked_only_against_editing_is_read() -> None:
    """An owner password without a user password restricts editing, not
    opening: such PDFs are common and must not go to manual review."""
    outcome = parse_resume(pdf_bytes(RESUME_EN, owner_password="hr"), "r.pdf", as_of=AS_OF)
    assert outcome.problem is None and outcome.parsed is not None and outcome.contact is not None
    assert outcome.contact.email == "wei.zhang@example.com"
    assert outcome.parsed.education[0].school == "Tsinghua University"


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16", b""), ("gb18030", b"")],
)
def test_text_encodings(encoding: str, prefix: bytes) -> None:
    text = (
        "姓名：张伟\n电话：13800138000\n教育背景\n"
        "2016.09-2020.06  清华大学  计算机科学与技术  本科\n"
    )
    outcome = parse_resume(prefix + text.encode(encoding), "简历.txt", as_of=AS_OF)
    assert outcome.problem is None and outcome.parsed is not None and outcome.contact is not None
    assert outcome.contact.name == "张伟"
    assert outcome.parsed.education[0].school == "清华大学"
    assert outcome.parsed.language == "zh"


def test_text_cut_inside_its_last_character_still_reads() -> None:
    content = "姓名：张伟\n技能\nPython、数据分析".encode()[:-1]
    outcome = read_resume(content, "cv.md")
    assert outcome.problem is None and outcome.text is not None and "Python" in outcome.text


def test_markdown_resumes_read_as_markdown() -> None:
    outcome = parse_resume(
        b"# Wei Zhang\n\n## Skills\n\n- **Python**\n- [SQL](https://example.com)\n",
        "cv.md",
        as_of=AS_OF,
    )
    assert outcome.format == "markdown"
    assert outcome.parsed is not None and outcome.parsed.skills == ["python", "sql"]


def test_docx_lists_tables_headers_and_two_column_layouts() -> None:
    document = Document()
    document.sections[0].header.paragraphs[0].text = "Wei Zhang | wei.zhang@example.com"
    document.add_paragraph("Education", style="Heading 1")
    table = document.add_table(rows=2, cols=4)
    for c, value in enumerate(["Period", "School", "Degree", "Major"]):
        table.cell(0, c).text = value
    for c, value in enumerate(["2016.09 - 2020.06", "Fudan University", "B.Sc.", "Finance"]):
        table.cell(1, c).text = value
    layout = document.add_table(rows=1, cols=2)
    left, right = layout.rows[0].cells
    left.paragraphs[0].text = "Skills"
    left.paragraphs[0].style = document.styles["Heading 1"]
    left.add_paragraph("Python", style="List Bullet")
    left.add_paragraph("Tableau", style="List Bullet")
    right.paragraphs[0].text = "Languages"
    right.paragraphs[0].style = document.styles["Heading 1"]
    right.add_paragraph("English (native), Mandarin (fluent)")
    buffer = io.BytesIO()
    document.save(buffer)

    outcome = parse_resume(buffer.getvalue(), "cv.docx", as_of=AS_OF)
    assert outcome.problem is None and outcome.parsed is not None and outcome.contact is not None
    assert outcome.contact.name == "Wei Zhang"
    assert outcome.contact.email == "wei.zhang@example.com"
    education = outcome.parsed.education
    assert [(e.degree, e.school, e.major, e.graduation_year) for e in education] == [
        ("bachelor", "Fudan University", "Finance", 2020)
    ]
    assert outcome.parsed.skills == ["python", "tableau"]
    assert outcome.parsed.languages == ["english", "chinese"]


def test_empty_documents_are_empty_not_corrupt() -> None:
    blank_pdf = FPDF()
    blank_pdf.add_page()
    assert read_resume(bytes(blank_pdf.output()), "a.pdf").problem.reason == "empty"  # type: ignore[union-attr]
    blank_docx = render_docx([Heading(" "), Bullet(" ")])
    assert read_resume(blank_docx, "a.docx").problem.reason == "empty"  # type: ignore[union-attr]


def docx_bytes(document: DocxDocument) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_city_right_aligned_on_the_schools_line_is_a_column_apart() -> None:
    """pypdf joins the pieces of a line with one space; the reader keeps a
    wide gap wide, so the city is not read as part of the school."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=10)
    rows = [("Education", ""), ("Tufts University", "Medford, MA"), ("B.S. in Mathematics", "2015")]
    for left, right in rows:
        pdf.cell(0, 6, left, new_x="LEFT", new_y="TOP")
        pdf.cell(0, 6, right, align="R", new_x="LMARGIN", new_y="NEXT")
    outcome = read_resume(bytes(pdf.output()), "cv.pdf")
    assert outcome.text is not None
    assert "Tufts University   Medford, MA" in outcome.text
    assert "B.S. in Mathematics   2015" in outcome.text
    parsed = parse_resume(bytes(pdf.output()), "cv.pdf", as_of=AS_OF).parsed
    assert parsed is not None
    assert [(e.degree, e.school, e.major) for e in parsed.education] == [
        ("bachelor", "Tufts University", "Mathematics")
    ]


def test_running_headers_and_footers_of_a_pdf_come_once_at_the_start() -> None:
    class Paged(FPDF):
        def header(self) -> None:
            self.set_font("helvetica", size=9)
            self.cell(0, 5, "Jane Roe | jane.roe@example.com", new_x="LMARGIN", new_y="NEXT")

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("helvetica", size=9)
            self.cell(0, 5, f"Page {self.page_no()} of 2")

    pdf = Paged()
    pdf.add_page()
    pdf.set_font("helvetica", size=10)
    pdf.multi_cell(0, 5, "Skills\nPython, SQL", new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    pdf.multi_cell(0, 5, "Certifications\nPMP", new_x="LMARGIN", new_y="NEXT")
    text = read_resume(bytes(pdf.output()), "cv.pdf").text
    assert text is not None
    lines = text.splitlines()
    assert lines[0] == "Jane Roe | jane.roe@example.com"
    assert lines.count("Jane Roe | jane.roe@example.com") == 1
    assert not any("Page" in line for line in lines)
    assert lines[1:] == ["Skills", "Python, SQL", "Certifications", "PMP"]


def test_docx_footers_text_boxes_and_heading_styles_are_read_where_people_read_them() -> None:
    document = Document()
    document.sections[0].footer.paragraphs[0].text = "jane.roe@example.com | +44 7700 900123"
    document.add_heading("Jane Roe", level=0)
    document.add_heading("Toolbox", level=1)
    document.add_paragraph("Figma, Sketch")
    anchor = document.add_paragraph("Certificates")
    box = ["Phone: +44 7700 900123"]
    anchor._p.append(parse_xml(textbox_run(box, 1, vml_only=False)))  # with a VML copy
    document.add_paragraph("PMP")
    vml = document.add_paragraph()
    vml._p.append(parse_xml(textbox_run(["Languages", "English, Welsh"], 2, vml_only=True)))
    text = read_resume(docx_bytes(document), "cv.docx").text
    assert text is not None
    lines = [line for line in text.splitlines() if line]
    assert lines == [
        "jane.roe@example.com | +44 7700 900123",  # footers with the headers, first
        "Jane Roe",
        "# Toolbox",  # Word's heading style, written as Markdown's
        "Figma, Sketch",
        "Phone: +44 7700 900123",  # the box, once, before the paragraph it hangs from
        "Certificates",
        "PMP",
        "Languages",
        "English, Welsh",
    ]
    outcome = parse_resume(docx_bytes(document), "cv.docx", as_of=AS_OF)
    assert outcome.parsed is not None and outcome.contact is not None
    assert outcome.contact.phone == "+447700900123"
    assert outcome.parsed.skills == ["figma", "sketch"]
    assert outcome.parsed.certificates == ["pmp"]
    assert outcome.parsed.languages == ["english", "welsh"]
