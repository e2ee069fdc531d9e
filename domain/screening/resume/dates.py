"""Dates in resumes ("2020.09", "Sep 2020", "09/2020", "2020年9月", ranges to
"present") and the years of experience they add up to."""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from domain.screening.resume.models import WorkEntry

_Y = r"(?:19[5-9]\d|20\d{2})"
_M = r"(?:0?[1-9]|1[0-2])"
MON = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}


def _point(p: str) -> str:
    return (
        rf"(?:(?P<{p}y1>{_Y})\s*(?:[./\-]|年)\s*(?P<{p}m1>{_M})(?!\d)(?:\s*月)?"
        rf"|(?<![a-z])(?P<{p}mon>{MON})(?![a-z])\.?\s*,?\s*(?P<{p}y2>{_Y})"
        rf"|(?P<{p}m3>{_M})\s*/\s*(?P<{p}y3>{_Y})"
        rf"|(?P<{p}y4>{_Y})(?:\s*年)?)"
    )


_PRESENT = r"(?:present|current|now|today|ongoing|date|至今|目前|现在|今)"
_RANGE_SEP = r"\s*(?:-{1,2}|–|—|―|−|~|～|至|到|\bto\b|\buntil\b|\btill\b)\s*"
RANGE_RE = re.compile(
    rf"(?<![\d.])(?:{_point('s')}){_RANGE_SEP}(?:{_point('e')}|(?P<present>{_PRESENT}))(?!\d)",
    re.IGNORECASE,
)
POINT_RE = re.compile(rf"(?<![\d.])(?:{_point('p')})(?!\d)", re.IGNORECASE)


@dataclass(frozen=True)
class YearMonth:
    year: int
    month: int

    @property
    def index(self) -> int:
        return self.year * 12 + self.month - 1

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def ym_from(match: re.Match[str], p: str) -> YearMonth | None:
    g = match.groupdict()
    if g.get(f"{p}y1"):
        return YearMonth(int(g[f"{p}y1"]), int(g[f"{p}m1"]))
    if g.get(f"{p}y2"):
        return YearMonth(int(g[f"{p}y2"]), _MONTHS[g[f"{p}mon"].lower()[:3]])
    if g.get(f"{p}y3"):
        return YearMonth(int(g[f"{p}y3"]), int(g[f"{p}m3"]))
    if g.get(f"{p}y4"):
        # A bare year: January, the convention of most applicant-tracking systems.
        return YearMonth(int(g[f"{p}y4"]), 1)
    return None


def ym_parse(value: str) -> YearMonth:
    year, month = value.split("-")
    return YearMonth(int(year), int(month))


def years_of_experience(work: Sequence[WorkEntry], as_of: str) -> float:
    """Total experience in years, counting overlapping jobs once.

    A job covers its start and end months inclusive; an ongoing job runs to
    ``as_of`` (YYYY-MM). Jobs that start after ``as_of`` count nothing.
    Rounded to one decimal."""
    now = ym_parse(as_of).index
    spans: list[tuple[int, int]] = []
    for entry in work:
        if entry.start is None:
            continue
        start = ym_parse(entry.start).index
        end = ym_parse(entry.end).index if entry.end else now
        end = min(end, now)
        if end >= start:
            spans.append((start, end))
    months = 0
    current: tuple[int, int] | None = None
    for start, end in sorted(spans):
        if current is None or start > current[1] + 1:
            if current is not None:
                months += current[1] - current[0] + 1
            current = (start, end)
        else:
            current = (current[0], max(current[1], end))
    if current is not None:
        months += current[1] - current[0] + 1
    return round(months / 12, 1)


def as_of_month(as_of: date | str | None) -> str:
    if isinstance(as_of, str):
        return str(ym_parse(as_of))
    day = as_of if as_of is not None else date.today()
    return f"{day.year:04d}-{day.month:02d}"
