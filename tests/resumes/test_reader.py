"""Reading resume files: every unreadable file gets its reason, nothing raises,
and the format comes from the bytes, not the name."""

import io
import zipfile

import pytest
from docx import Document
from fpdf import FPDF

from adapters.documents.reader import (
    MAX_BYTES,
    MAX_UNPACKED_BYTES,
    parse_resume,
    read_resume,
)
from simulation.resume_corpus import AS_OF, BROKEN_KINDS, Bullet, Heading, Line, Title, render_docx
from tests.resumes.conftest import Parsed

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
