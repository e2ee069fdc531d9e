"""The invented applicant: schools and jobs in time order (``reverse`` says
whether the resume lists them newest first), and what the resume lists.

Plain data shared by ``applicants`` (which draws it), ``truth`` (what a
parser must find in it) and ``layouts`` (which writes it out).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from domain.screening.resume import Degree, ResumeLanguage


@dataclass(frozen=True)
class YM:
    year: int
    month: int

    @property
    def index(self) -> int:
        return self.year * 12 + self.month - 1

    @staticmethod
    def of(index: int) -> "YM":
        return YM(index // 12, index % 12 + 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass
class School:
    degree: Degree
    school: str
    major: str | None
    start: YM
    end: YM
    city: str
    expected: bool


@dataclass
class Job:
    employer: str
    title: str
    start: YM
    end: YM | None
    city: str
    bullets: list[str]


@dataclass
class Applicant:
    language: ResumeLanguage
    name: str
    email: str
    phone_e164: str
    phone_text: str
    national_id: str | None
    gender_zh: str
    sector: str
    schools: list[School]
    jobs: list[Job]
    skills: list[tuple[str, str]]  # canonical, as written
    certificates: list[tuple[str, str]]
    languages: list[tuple[str, str]]  # canonical, as written in the languages section
    language_tests_as_certificates: list[str] = field(default_factory=list)
    courses: list[str] = field(default_factory=list)
    gpa: str | None = None
    reverse: bool = True


def months_covered(jobs: Sequence[Job], now: YM) -> int:
    months: set[int] = set()
    for job in jobs:
        end = min((job.end or now).index, now.index)
        months.update(range(job.start.index, end + 1))
    return len(months)
