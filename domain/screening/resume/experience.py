"""One work entry's lines -> ``WorkEntry`` (employer, title, start, end)."""

import re
from collections.abc import Sequence

from domain.screening.resume.dates import RANGE_RE, YearMonth, ym_from
from domain.screening.resume.fields import (
    EMPLOYER_WORDS_EN,
    EMPLOYER_WORDS_ZH,
    TITLE_WORDS_EN,
    TITLE_WORDS_ZH,
    bilingual_first,
    field_of,
    is_location,
    is_region,
    keyword_score,
    split_segments,
)
from domain.screening.resume.models import WorkEntry
from domain.screening.resume.text import clean

_DEPARTMENT_RE = re.compile(
    r"(?i:\b(?:department|dept\.?|division|team|office of)\b)|(?:部|处|科室|组|团队|事业群|事业部)$"
)
_AT_RE = re.compile(r"^(?P<title>.+?)\s+(?:at|@)\s+(?P<employer>.+)$", re.IGNORECASE)


_PLACE_IN_BRACKETS = re.compile(r"\s*\((?P<place>[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)\)$")


def _without_place(employer: str) -> str:
    """ "Lakeview Structural Inc. (Mississauga)": the city in brackets is
    where the job was, not part of the employer's name (an acronym in
    brackets, "(CICC)", is)."""
    return _PLACE_IN_BRACKETS.sub("", employer)


def work_entry(lines: Sequence[str]) -> WorkEntry | None:
    text = " | ".join(lines)
    start: YearMonth | None = None
    end: YearMonth | None = None
    span = RANGE_RE.search(text)
    if span is not None:
        start = ym_from(span, "s")
        end = None if span.group("present") else ym_from(span, "e")
        text = text[: span.start()] + " | " + text[span.end() :]
    employer: str | None = None
    title: str | None = None
    unknown: list[str] = []
    segments = split_segments(text)
    for index, segment in enumerate(segments):
        if is_region(segment, segments[index - 1] if index else None):
            continue
        labelled = field_of(segment)
        if labelled is not None:
            kind, value = labelled
            if kind == "employer" and value and employer is None:
                employer = value
            elif kind == "title" and value and title is None:
                title = value
            continue
        at = _AT_RE.match(segment)
        if at is not None and keyword_score(at.group("title"), TITLE_WORDS_EN, TITLE_WORDS_ZH) >= 2:
            title = title or clean(at.group("title"))
            employer = employer or clean(at.group("employer"))
            continue
        if is_location(segment):
            continue
        as_title = keyword_score(segment, TITLE_WORDS_EN, TITLE_WORDS_ZH)
        as_employer = keyword_score(segment, EMPLOYER_WORDS_EN, EMPLOYER_WORDS_ZH)
        if as_employer > as_title:
            if employer is None:
                employer = segment
        elif as_title > as_employer:
            if title is None:
                title = segment
        elif _DEPARTMENT_RE.search(segment) and employer is not None:
            continue
        else:
            unknown.append(segment)
    for segment in unknown:
        if employer is None:
            employer = segment
        elif title is None:
            title = segment
    if employer is None and title is None:
        return None
    return WorkEntry(
        employer=_without_place(bilingual_first(employer)) if employer else None,
        title=bilingual_first(title) if title else None,
        start=str(start) if start else None,
        end=str(end) if end and start else None,
    )
