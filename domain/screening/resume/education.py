"""One education entry's lines -> ``Education`` (degree, school, major,
graduation year)."""

import re
from collections.abc import Sequence

from domain.screening.resume.dates import POINT_RE, RANGE_RE, ym_from
from domain.screening.resume.fields import (
    EDU_NOISE_LINE,
    SCHOOL_RE,
    bilingual_first,
    degree_of,
    field_of,
    is_location,
    is_region,
    split_segments,
)
from domain.screening.resume.models import Degree, Education
from domain.screening.resume.text import CJK, clean

_EDU_NOISE = re.compile(
    r"(?i:\b(?:gpa|cgpa|grade|rank(?:ing)?|top \d+%|honou?rs?|cum laude|dean'?s list"
    r"|scholarships?|thesis|dissertation|coursework|courses|expected|graduated|graduation"
    r"|class of|minor|exchange)\b)|绩点|均分|排名|奖学金|课程|论文|预计|毕业|在读|辅修|交换"
)
_DISCIPLINES = {
    "工学",
    "理学",
    "文学",
    "法学",
    "医学",
    "农学",
    "经济学",
    "管理学",
    "教育学",
    "艺术学",
    "历史学",
    "哲学",
    "in",
    "of",
    "with",
}

_LETTER_RE = re.compile(f"[A-Za-z{CJK}]")


def _strip_major(value: str) -> str:
    value = re.sub(r"(?i)^(?:major(?:ing)? in|majored in|in|of)\s+", "", value.strip())
    value = re.sub(r"专业$", "", value)
    return clean(value)


def _is_major(leftover: str) -> bool:
    return bool(_LETTER_RE.search(leftover)) and leftover.casefold() not in _DISCIPLINES


def education_entry(lines: Sequence[str]) -> Education | None:
    text = " | ".join(line for line in lines if not EDU_NOISE_LINE.match(line))
    graduation: int | None = None
    span = RANGE_RE.search(text)
    if span is not None:
        end = ym_from(span, "e")
        graduation = end.year if end else None
        text = text[: span.start()] + " | " + text[span.end() :]
    else:
        points = list(POINT_RE.finditer(text))
        if points:
            last = ym_from(points[-1], "p")
            graduation = last.year if last else None
            for point in reversed(points):
                text = text[: point.start()] + " | " + text[point.end() :]
    degree: Degree | None = None
    school: str | None = None
    strong_major: str | None = None
    degree_name: str | None = None
    weak: list[tuple[int, str]] = []
    degree_at = -1
    segments = split_segments(text)
    for index, segment in enumerate(segments):
        if is_region(segment, segments[index - 1] if index else None):
            continue
        labelled = field_of(segment)
        if labelled is not None:
            kind, value = labelled
            if kind == "school" and school is None and value:
                school = value
            elif kind == "major" and value:
                strong_major = strong_major or _strip_major(value)
            elif kind == "degree" and value:
                found = degree_of(value)
                if found is not None and degree is None:
                    degree = found[0]
                    # "Degree: PhD in Chemistry" names the field too.
                    if _is_major(found[1]) and not SCHOOL_RE.search(found[1]):
                        strong_major = strong_major or _strip_major(found[1])
            continue
        found = degree_of(segment)
        if found is not None:
            if degree is None:
                degree, degree_at = found[0], index
            leftover, own_name = found[1], found[2]
            if _is_major(leftover):
                if SCHOOL_RE.search(leftover) and school is None:
                    school = segment if found[0] == "high_school" else leftover
                elif not _EDU_NOISE.search(leftover) and not is_location(leftover):
                    if own_name:
                        degree_name = degree_name or _strip_major(leftover)
                    else:
                        strong_major = strong_major or _strip_major(leftover)
            continue
        if SCHOOL_RE.search(segment):
            if school is None:
                school = segment
            continue
        if _EDU_NOISE.search(segment) or is_location(segment):
            continue
        weak.append((index, _strip_major(segment)))
    # Unlabelled leftovers: the major is the one next to the degree (after it
    # first); a piece of the school's name (a campus or city) only as a last resort.
    candidates = [
        (
            abs(i - degree_at)
            + (0.5 if i < degree_at else 0.0)
            + (2.0 if school and w.casefold() in school.casefold() else 0.0),
            w,
        )
        for i, w in weak
        if w
    ]
    major = strong_major or (min(candidates)[1] if candidates else None) or degree_name
    if school is None and not (degree is not None and graduation is not None):
        return None
    return Education(
        degree=degree,
        school=bilingual_first(school) if school else None,
        major=major,
        graduation_year=graduation,
    )
