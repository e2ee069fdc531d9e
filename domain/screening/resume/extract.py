"""The whole resume: text -> ``ParsedResume`` and ``ContactDetails``."""

from datetime import date

from domain.screening.resume.contact import extract_contact
from domain.screening.resume.dates import as_of_month, years_of_experience
from domain.screening.resume.education import education_entry
from domain.screening.resume.entries import entry_groups, lists_degrees, with_table_labels
from domain.screening.resume.experience import work_entry
from domain.screening.resume.lists import (
    certificates_and_language_tests,
    language_of_item,
    list_items,
    names_a_certificate,
    normalise_skills,
)
from domain.screening.resume.models import ContactDetails, Education, ParsedResume, WorkEntry
from domain.screening.resume.names import find_name, name_spelled_by
from domain.screening.resume.privacy import ContactGuard
from domain.screening.resume.sections import split_sections
from domain.screening.resume.text import detect_language, normalise_text, plain_lines
from domain.screening.resume.vocabulary import languages_in


def extract(text: str, *, as_of: date | str | None = None) -> tuple[ParsedResume, ContactDetails]:
    """Parse resume text into its facts and, separately, its contact PII.

    ``as_of`` is the month an ongoing job ("present", "至今") runs to; the
    activity passes the parse date. Without it the current date is used,
    which is fine in activities and scripts but not inside a workflow."""
    month = as_of_month(as_of)
    text = normalise_text(text)
    marked_lines = plain_lines(text)
    lines = [line for line, _ in marked_lines]
    blocks = split_sections(marked_lines)

    top = [line for block in blocks if block.section == "top" for line in block.lines]
    contact = extract_contact(text, head=(top or lines)[:12])
    # The name is looked for where a name stands: before the first section,
    # else spelled by the e-mail address, else outside the sections of
    # entries and lists (where schools and employers have a name's shape).
    contact.name = find_name(top[:12], email=contact.email) if top else None
    if contact.name is None and contact.email is not None:
        contact.name = name_spelled_by(lines, contact.email)
    if contact.name is None:
        loose = [line for b in blocks if b.section in ("top", "other") for line in b.lines]
        contact.name = find_name(loose[:12])

    guard = ContactGuard(contact)
    for block in blocks[1:]:
        if block.section != "top":
            block.lines = guard.strip_lines(block.lines)
        if block.section == "certificates" and lists_degrees(block.lines):
            block.section = "education"  # "Qualifications" in a British CV

    education: list[Education] = []
    work: list[WorkEntry] = []
    skill_items: list[str] = []
    certificates: list[str] = []
    languages: list[str] = []
    for block in blocks:
        if block.section == "education":
            for group in entry_groups(with_table_labels(block.lines), education=True):
                entry = education_entry(group)
                if entry is not None:
                    education.append(entry)
                elif names_a_certificate(" ".join(group)):
                    found, tests, known = certificates_and_language_tests(group)
                    certificates.extend(c for c in found if c not in certificates)
                    languages.extend(t for t in tests if t not in languages)
                    skill_items.extend(known)
        elif block.section == "work":
            for group in entry_groups(with_table_labels(block.lines), education=False):
                job = work_entry(group)
                if job is not None:
                    work.append(job)
        elif block.section == "skills":
            for item in list_items(block.lines):
                spoken = language_of_item(item)  # "English (C2)" among the skills
                if spoken is None:
                    skill_items.append(item)
                elif spoken not in languages:
                    languages.append(spoken)
        elif block.section == "certificates":
            found, tests, known = certificates_and_language_tests(block.lines)
            certificates.extend(c for c in found if c not in certificates)
            languages.extend(t for t in tests if t not in languages)
            skill_items.extend(known)
        elif block.section == "languages":
            for language in languages_in(" ".join(block.lines)):
                if language not in languages:
                    languages.append(language)

    parsed = ParsedResume(
        language=detect_language(text),
        education=education,
        work_history=work,
        years_of_experience=years_of_experience(work, month),
        skills=normalise_skills(skill_items),
        certificates=certificates,
        languages=languages,
        as_of=month,
    )
    return guard.scrub(parsed), contact
