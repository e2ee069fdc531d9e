"""What a perfect parser returns for each corpus file.

Computed here from the invented applicant, independently of the parser:
years of experience by counting the months the jobs cover (overlaps once,
ongoing jobs to the corpus's "today").
"""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pydantic import BaseModel

from domain.screening.resume import (
    ContactDetails,
    Education,
    ParsedResume,
    ProblemReason,
    ResumeLanguage,
    WorkEntry,
)
from simulation.resume_corpus.model import YM, Applicant, months_covered


class ResumeTruth(BaseModel):
    """What a perfect parser returns for this file."""

    parsed: ParsedResume
    contact: ContactDetails


@dataclass(frozen=True)
class CorpusEntry:
    path: Path
    truth: ResumeTruth
    format: str
    language: ResumeLanguage
    layout: str
    expected_problem: ProblemReason | None = None


def truth_of(applicant: Applicant, as_of: date) -> ResumeTruth:
    now = YM(as_of.year, as_of.month)
    schools = list(reversed(applicant.schools)) if applicant.reverse else applicant.schools
    jobs = list(reversed(applicant.jobs)) if applicant.reverse else applicant.jobs
    languages: list[str] = []
    for canonical, _ in applicant.languages:
        if canonical not in languages:
            languages.append(canonical)
    if applicant.language_tests_as_certificates and "english" not in languages:
        languages.append("english")
    parsed = ParsedResume(
        language=applicant.language,
        education=[
            Education(degree=s.degree, school=s.school, major=s.major, graduation_year=s.end.year)
            for s in schools
        ],
        work_history=[
            WorkEntry(
                employer=j.employer,
                title=j.title,
                start=str(j.start),
                end=str(j.end) if j.end else None,
            )
            for j in jobs
        ],
        years_of_experience=round(months_covered(applicant.jobs, now) / 12, 1),
        skills=[c for c, _ in applicant.skills],
        certificates=[c for c, _ in applicant.certificates],
        languages=languages,
        as_of=str(now),
    )
    contact = ContactDetails(
        name=applicant.name,
        email=applicant.email.lower(),
        phone=applicant.phone_e164,
        national_id=applicant.national_id,
    )
    return ResumeTruth(parsed=parsed, contact=contact)
