"""No contact detail in the parsed facts (issue 8's privacy defect).

``ParsedResume`` goes into events; only ``ContactDetails`` may hold a name,
e-mail, phone or ID, and it goes to the vault. A DOCX whose contact details
sat in a text box once had its phone number, e-mail and ID parsed as
certificates. The check here is written apart from the parser's own guard:
every text value of the facts is searched for the applicant's details (as
the parser found them and as the truth has them) and for anything shaped
like an e-mail address, a Chinese mobile number or an ID.
"""

import io
import re

from docx import Document
from docx.oxml.parser import parse_xml

from adapters.documents.reader import parse_resume
from domain.screening.resume import (
    ContactDetails,
    Education,
    ParsedResume,
    WorkEntry,
    extract,
)
from domain.screening.resume.privacy import scrub
from tests.resumes.accuracy import AS_OF, Case
from tests.resumes.independent.build import textbox_run

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_MOBILE = re.compile(r"(?<!\d)1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)")
_ID = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")


def fact_values(parsed: ParsedResume) -> list[str]:
    values: list[str | None] = [*parsed.skills, *parsed.certificates, *parsed.languages]
    for e in parsed.education:
        values += [e.school, e.major]
    for w in parsed.work_history:
        values += [w.employer, w.title]
    return [v for v in values if v]


def leaks(parsed: ParsedResume, *contacts: ContactDetails) -> list[str]:
    """The fact values that hold a contact detail, and which."""
    found = []
    for value in fact_values(parsed):
        folded, digits = value.casefold(), re.sub(r"\D", "", value)
        for contact in contacts:
            for own in (contact.name, contact.email, contact.national_id):
                if own and own.casefold() in folded:
                    found.append(f"{value!r} holds {own!r}")
            phone = re.sub(r"\D", "", contact.phone or "")
            if len(phone) >= 7 and phone[-8:] in digits:
                found.append(f"{value!r} holds the phone")
        for shape in (_EMAIL, _MOBILE, _ID):
            if shape.search(value):
                found.append(f"{value!r} looks like a contact detail")
    return found


def assert_no_leaks(cases: list[Case]) -> None:
    problems = {}
    for case in cases:
        parsed, contact = case.outcome.parsed, case.outcome.contact
        assert parsed is not None and contact is not None, case.path.name
        found = leaks(parsed, contact, case.truth.contact)
        if found:
            problems[case.path.name] = found
    assert problems == {}


def test_no_contact_detail_in_the_facts_of_the_independent_corpus(
    independent: list[Case],
) -> None:
    assert_no_leaks(independent)
    # The text-box resumes (zh13, en13, en16) had their details found, and
    # their certificates are exactly the certificates.
    for case in independent:
        if case.path.stem in ("zh13", "en13", "en16"):
            assert case.outcome.contact == case.truth.contact
            assert case.outcome.parsed is not None
            assert set(case.outcome.parsed.certificates) == set(case.truth.parsed.certificates)


def test_no_contact_detail_in_the_facts_of_the_generated_corpus(
    generated_cases: list[Case],
) -> None:
    assert_no_leaks(generated_cases)


def docx_with_box_after_certificates() -> bytes:
    """The layout of the defect: the text box holding the contact details
    hangs from the last paragraph, after the certificates."""
    document = Document()
    document.add_heading("徐若曦", level=0)
    document.add_heading("证书", level=1)
    document.add_paragraph("中级会计职称、税务师")
    anchor = document.add_paragraph()
    lines = ["电话：136 0000 9184", "邮箱：ruoxi.xu@example.cn", "身份证：440305199708151025"]
    anchor._p.append(parse_xml(textbox_run(lines, 1, vml_only=False)))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_text_box_among_the_certificates_stays_out_of_them() -> None:
    outcome = parse_resume(docx_with_box_after_certificates(), "resume.docx", as_of=AS_OF)
    assert outcome.parsed is not None and outcome.contact is not None
    assert outcome.contact.phone == "+8613600009184"
    assert outcome.contact.email == "ruoxi.xu@example.cn"
    assert outcome.contact.national_id == "440305199708151025"
    assert outcome.parsed.certificates == ["中级会计职称", "税务师"]
    assert leaks(outcome.parsed, outcome.contact) == []


def test_contact_lines_in_any_section_are_not_facts() -> None:
    text = (
        "Jane Roe\n"
        "Skills\nPython, SQL\njane.roe@example.com | +44 7700 900123\n"
        "Certifications\nPMP\nPage 2 of 2\nJane Roe\n"
        "Languages\nEnglish\n12 Elm Street, London\n"
    )
    parsed, contact = extract(text, as_of="2025-06")
    assert (contact.name, contact.email, contact.phone) == (
        "Jane Roe",
        "jane.roe@example.com",
        "+447700900123",
    )
    assert parsed.skills == ["python", "sql"]
    assert parsed.certificates == ["pmp"]
    assert parsed.languages == ["english"]


def test_the_scrub_drops_every_value_that_holds_a_contact_detail() -> None:
    contact = ContactDetails(
        name="Jane Roe", email="jane.roe@example.com", phone="+447700900123", national_id=None
    )
    parsed = ParsedResume(
        language="en",
        education=[Education(degree="bachelor", school="Jane Roe Academy", major="History")],
        work_history=[
            WorkEntry(employer="Acme Ltd", title="call 07700 900123", start="2020-01"),
            WorkEntry(employer="Globex", title="Analyst", start="2021-01"),
        ],
        skills=["python", "jane.roe@example.com", "其他邮箱 someone@example.org"],
        certificates=["pmp", "11010519491231002X"],
        languages=["english"],
        as_of="2025-06",
    )
    clean = scrub(parsed, contact)
    assert leaks(clean, contact) == []
    assert clean.education == [Education(degree="bachelor", school=None, major="History")]
    assert [(w.employer, w.title) for w in clean.work_history] == [
        ("Acme Ltd", None),
        ("Globex", "Analyst"),
    ]
    assert clean.skills == ["python"] and clean.certificates == ["pmp"]
    assert clean.languages == ["english"]
