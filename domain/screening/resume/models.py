"""The parser's output: the facts of a resume and, apart, its contact PII.

``ParsedResume`` goes into events and the fit model, so it holds nothing that
identifies the person; ``ContactDetails`` goes only to the subject vault.
"""

from typing import Literal

from pydantic import BaseModel, Field, computed_field

PARSER_VERSION = "resume-rules/2"
"""Recorded with every parse so a screening decision names the parser behind it.
2: headings named by their words, bulleted entries, contact lines kept out of
sections and the guard on the facts (issue 8)."""

Degree = Literal["high_school", "associate", "bachelor", "master", "doctorate"]
DEGREE_RANK: dict[Degree, int] = {
    "high_school": 0,
    "associate": 1,
    "bachelor": 2,
    "master": 3,
    "doctorate": 4,
}
ResumeLanguage = Literal["en", "zh"]
ProblemReason = Literal["encrypted", "corrupt", "empty", "image_only", "oversized", "unsupported"]
"""Why a file could not be parsed. Each routes the applicant to manual review."""

PROBLEM_REASONS: tuple[ProblemReason, ...] = (
    "encrypted",
    "corrupt",
    "empty",
    "image_only",
    "oversized",
    "unsupported",
)

YEAR_MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"


class ResumeProblem(BaseModel):
    """A file that could not be turned into text, and why.

    ``detail`` is for the reviewer and never contains resume content or the
    file name (file names often carry the applicant's name).
    """

    reason: ProblemReason
    detail: str


class Education(BaseModel):
    degree: Degree | None = None
    school: str | None = None
    major: str | None = None
    graduation_year: int | None = None


class WorkEntry(BaseModel):
    """One job or internship; ``end`` None means it is ongoing ("present")."""

    employer: str | None = None
    title: str | None = None
    start: str | None = Field(default=None, pattern=YEAR_MONTH_PATTERN)
    end: str | None = Field(default=None, pattern=YEAR_MONTH_PATTERN)


class ParsedResume(BaseModel):
    """The non-identifying facts of a resume: safe for events and the fit model."""

    language: ResumeLanguage
    education: list[Education] = Field(default_factory=list)
    work_history: list[WorkEntry] = Field(default_factory=list)
    years_of_experience: float = 0.0
    skills: list[str] = Field(default_factory=list)
    certificates: list[str] = Field(default_factory=list)
    languages: list[str] = Field(default_factory=list)
    as_of: str = Field(pattern=YEAR_MONTH_PATTERN)
    parser_version: str = PARSER_VERSION

    @computed_field  # type: ignore[prop-decorator]
    @property
    def highest_degree(self) -> Degree | None:
        best: Degree | None = None
        for entry in self.education:
            if entry.degree is not None and (
                best is None or DEGREE_RANK[entry.degree] > DEGREE_RANK[best]
            ):
                best = entry.degree
        return best


class ContactDetails(BaseModel):
    """PII: store only in the subject vault, never in events or logs."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None
    national_id: str | None = None
