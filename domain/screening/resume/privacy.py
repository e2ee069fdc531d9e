"""The guard between contact PII and the facts that go into events.

``ParsedResume`` is recorded in events and read by the fit model; only
``ContactDetails`` may hold a name, e-mail, phone or ID, and it goes to the
subject vault alone. Templates put contact details where sections are (a
text box, a page footer, a sidebar), so a phone number could be read as a
certificate. Two steps keep them apart:

* ``ContactGuard.strip_lines``: before a section is parsed, the lines that
  carry a contact detail (the applicant's own, or anything shaped like
  one), a postal address or a page number are taken out of it;
* ``ContactGuard.scrub``: after parsing, any value that still holds a contact detail
  is dropped. This is the guarantee; the first step only keeps the rest of
  the section right.
"""

import re
from collections.abc import Sequence

from domain.screening.resume.contact import holds_contact_pattern
from domain.screening.resume.models import ContactDetails, Education, ParsedResume, WorkEntry
from domain.screening.resume.text import normalise_text

_PAGE_NUMBER = re.compile(
    r"(?i)^(?:page\s*\d{1,3}(?:\s*(?:/|of)\s*\d{1,3})?|\d{1,3}\s*(?:/|of)\s*\d{1,3}"
    r"|[-–—]\s*\d{1,3}\s*[-–—]|第\s*\d{1,3}\s*页(?:\s*[/,]?\s*共\s*\d{1,3}\s*页)?)$"
)


_ADDRESS = re.compile(
    r"\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b"
    r"|\b\d+\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Boulevard|Blvd|Lane|Ln"
    r"|Drive|Dr|Way|Court|Ct)\b\.?"
    r"|[市区县].{0,12}?(?:路|街|道|巷|弄)\s*\d+\s*号"
)
"""A postal address line ("Brooklyn, NY 11201", "12 Elm Street", "...路8号"):
taken out of sections with the contact lines, though not one of the four
details the scrub guarantees."""


class ContactGuard:
    """One applicant's contact details, in the form values are compared in
    (made once per resume: compiling the phone pattern is the costly part)."""

    def __init__(self, contact: ContactDetails) -> None:
        self.name = normalise_text(contact.name or "").casefold()
        self.own = [normalise_text(v).casefold() for v in (contact.email, contact.national_id) if v]
        digits = re.sub(r"\D", "", contact.phone or "")
        # The number as written anywhere: its last eight digits, whatever
        # separators stand between them ("138 0013 8000", "(617) 555-0199").
        self.phone = digits[-8:] if len(digits) >= 7 else None

    def holds(self, value: str) -> bool:
        """Whether a value holds a contact detail (the name anywhere in it).
        Values come from the parser's normalised text, so they are compared
        as they are, case folded."""
        text = value.casefold()
        return bool(self.name and self.name in text) or self.carries(value)

    def carries(self, value: str) -> bool:
        """Whether a value holds a contact detail other than the name."""
        text = value.casefold()
        return (
            any(own in text for own in self.own)
            or bool(self.phone is not None and self.phone in _PHONE_SEPARATORS.sub("", text))
            or holds_contact_pattern(value)
        )

    def is_name(self, line: str) -> bool:
        words = _NON_WORD.sub(" ", line.casefold()).strip()
        return bool(self.name) and words == self.name

    def strip_lines(self, lines: Sequence[str]) -> list[str]:
        """A section's lines without those that carry contact details, the
        name alone (a name inside a longer line may be a misread school), a
        postal address or a page number."""
        return [
            line
            for line in lines
            if not _PAGE_NUMBER.match(line.strip())
            and not _ADDRESS.search(line)
            and not self.is_name(line)
            and not self.carries(line)
        ]

    def scrub(self, parsed: ParsedResume) -> ParsedResume:
        """The parsed facts with every value that holds a contact detail dropped."""

        def keep(value: str | None) -> str | None:
            return None if value is not None and self.holds(value) else value

        def kept(values: list[str]) -> list[str]:
            return [v for v in values if not self.holds(v)]

        return parsed.model_copy(
            update={
                "education": [
                    Education(
                        degree=e.degree,
                        school=keep(e.school),
                        major=keep(e.major),
                        graduation_year=e.graduation_year,
                    )
                    for e in parsed.education
                ],
                "work_history": [
                    WorkEntry(
                        employer=keep(w.employer), title=keep(w.title), start=w.start, end=w.end
                    )
                    for w in parsed.work_history
                ],
                "skills": kept(parsed.skills),
                "certificates": kept(parsed.certificates),
                "languages": kept(parsed.languages),
            }
        )


_NON_WORD = re.compile(r"[\W_]+")
_PHONE_SEPARATORS = re.compile(r"[\s().-]+")


def scrub(parsed: ParsedResume, contact: ContactDetails) -> ParsedResume:
    """The parsed facts with every value that holds a contact detail dropped."""
    return ContactGuard(contact).scrub(parsed)
