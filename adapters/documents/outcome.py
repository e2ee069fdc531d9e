"""What a reader returns: a resume file's text, or why it has none.

Shared by the PDF, DOCX and text readers and the dispatcher (``reader``).
Problem details never quote the file's content or its name (names of resume
files usually carry the applicant's name).
"""

from typing import Literal

from pydantic import BaseModel

from domain.screening.resume import ProblemReason, ResumeProblem

ResumeFormat = Literal["pdf", "docx", "text", "markdown"]


class ReadOutcome(BaseModel):
    """The text of a resume file, or why there is none."""

    text: str | None = None
    format: ResumeFormat | None = None
    problem: ResumeProblem | None = None


def problem(reason: ProblemReason, detail: str, fmt: ResumeFormat | None = None) -> ReadOutcome:
    """A read that failed, with the reason that routes it to manual review."""
    return ReadOutcome(format=fmt, problem=ResumeProblem(reason=reason, detail=detail))
