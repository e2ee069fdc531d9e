"""Grouping the lines of an education or work section into entries.

Every entry carries one date (a range or a graduation year). Entries are
anchored on those dates, and the number of lines a layout puts *before*
its date is learnt from the first entry, so "school line, then degree and
date line" and "date, school, major, degree on one line" both split
correctly. Description bullets are set aside first, and tables whose
header names their columns lend those names to their cells as labels.
"""

import re
from collections.abc import Sequence

from domain.screening.resume.dates import MON, POINT_RE, RANGE_RE
from domain.screening.resume.fields import (
    DEGREE_RE,
    EDU_NOISE_LINE,
    EMPLOYER_WORDS_EN,
    EMPLOYER_WORDS_ZH,
    FIELD_LABELS,
    SCHOOL_RE,
    TITLE_WORDS_EN,
    TITLE_WORDS_ZH,
    keyword_score,
    label_kind,
)
from domain.screening.resume.sections import BULLET_RE, DESCRIPTION_LABEL
from domain.screening.resume.text import CJK_RE

_FIELD_SEPARATOR = re.compile(r"\s[|｜·]\s|\t|\S\s{2,}\S")


def bulleted_entry(line: str, *, education: bool) -> bool:
    """A bullet that is an entry's heading, not a description: Markdown
    and Word lists of entries ("- 2020.09–2024.06 | school | degree") carry
    their date first, or their date among fields set apart by separators."""
    bullet = BULLET_RE.match(line)
    if bullet is None:
        return False
    rest = line[bullet.end() :].rstrip(" .")
    date = RANGE_RE.search(rest) or (POINT_RE.search(rest) if education else None)
    if date is None:
        return False
    return (
        date.start() == 0
        or bool(_FIELD_SEPARATOR.search(rest))
        # "- B.Eng., Mechatronics, University of Auckland, 2017"
        or (date.end() == len(rest) and bool(re.search(r"[,–—-]\s*$", rest[: date.start()])))
    )


def _is_description(
    line: str, previous: str | None, previous_was_description: bool, *, education: bool
) -> bool:
    if DESCRIPTION_LABEL.match(line):
        return True
    if BULLET_RE.match(line):
        return not bulleted_entry(line, education=education)
    if previous_was_description and previous is not None:
        # A wrapped bullet: the previous bullet ran to the end of the line and
        # this line opens no entry (no date, no employer or title word) but
        # goes on in lower case, or in Chinese mid-sentence.
        if RANGE_RE.search(line) or POINT_RE.search(line):
            return False
        if line[:1].islower() and len(previous) >= 50:
            return True
        return (
            len(previous) >= 38
            and bool(CJK_RE.match(line[:1]))
            and not previous.rstrip().endswith(("。", ";", "."))
            and keyword_score(line, TITLE_WORDS_EN, TITLE_WORDS_ZH) == 0
            and keyword_score(line, EMPLOYER_WORDS_EN, EMPLOYER_WORDS_ZH) == 0
            and not SCHOOL_RE.search(line)
        )
    # An unbulleted paragraph: long and without the date every entry has.
    return len(line) > 90 and not RANGE_RE.search(line) and not POINT_RE.search(line)


def _split_multi(line: str) -> list[str]:
    """'B.Sc., A University, 2019; M.Sc., B University, 2021' -> two lines."""
    parts = [p for p in re.split(r"\s*;\s*", line) if p.strip()]
    if len(parts) > 1 and all(RANGE_RE.search(p) or POINT_RE.search(p) for p in parts):
        return parts
    return [line]


_DANGLING = re.compile(
    rf"(?:[,|/&]|\s[-–—~]|[-–—~]|\b(?:and|of|to|in|at)|(?<![a-z]){MON}\.?)\s*$", re.IGNORECASE
)


_OPEN_START = re.compile(r"^(?:to|until|till|至|[-–—~])\s*(?:\d|present|current|now|至今)", re.I)


def _join_wrapped(lines: Sequence[str]) -> list[str]:
    """Undo line wrapping (PDF text): a line that ends on a separator or a
    dangling word ("..., Economics," / "2010.09 -") goes on in the next line,
    and so does one followed by the second half of a date range ("to 2024-07"),
    unless that line is a bullet."""
    out: list[str] = []
    for line in lines:
        if (
            out
            and (_DANGLING.search(out[-1]) or _OPEN_START.match(line))
            and not BULLET_RE.match(line)
            and not (RANGE_RE.search(out[-1]) and RANGE_RE.search(line))
        ):
            out[-1] = out[-1].rstrip() + " " + line.lstrip()
        else:
            out.append(line)
    return out


def entry_groups(lines: Sequence[str], *, education: bool) -> list[list[str]]:
    """Group the header lines of a section into entries, anchored on dates."""
    lines = _join_wrapped(lines)
    heads: list[str] = []
    previous: str | None = None
    previous_desc = False
    for line in lines:
        desc = _is_description(line, previous, previous_desc, education=education)
        if not desc and not (education and EDU_NOISE_LINE.match(line)):
            heads.extend(_split_multi(BULLET_RE.sub("", line)))
        previous, previous_desc = line, desc
    heads = [h for h in heads if not _is_table_header(h)]
    if not heads:
        return []
    first_label = label_kind(heads[0])
    if first_label in {"school", "employer", "title", "major", "degree"}:
        # "School: ... / Major: ... / Dates: ..." blocks: each entry opens
        # with the label the first one opened with, however many lines follow.
        labelled: list[list[str]] = []
        for h in heads:
            if not labelled or label_kind(h) == first_label:
                labelled.append([h])
            else:
                labelled[-1].append(h)
        return labelled
    anchors = [
        i for i, h in enumerate(heads) if RANGE_RE.search(h) or (education and POINT_RE.search(h))
    ]
    if not anchors:
        key = SCHOOL_RE if education else None
        groups: list[list[str]] = []
        for h in heads:
            if not groups or (key is not None and key.search(h)) or key is None:
                groups.append([h])
            else:
                groups[-1].append(h)
        return groups
    lead = min(anchors[0], 3)
    starts = [max(0, a - lead) for a in anchors]
    starts[0] = 0
    groups = []
    for n, begin in enumerate(starts):
        finish = starts[n + 1] if n + 1 < len(starts) else len(heads)
        if finish > begin:
            groups.append(heads[begin:finish])
    return groups


_TABLE_LABELS = {
    label
    for label in [
        *FIELD_LABELS,
        *("时间", "起止时间", "学历", "学校", "专业", "公司", "职位", "岗位", "学位", "period"),
        *("dates", "school", "degree", "major", "employer", "company", "title", "position"),
        *("role", "year", "years"),
    ]
}


_CELL_SPLIT = re.compile(r"\s*(?:\||\t|\s{2,})\s*")


def _cells(line: str) -> list[str]:
    if "|" in line:
        # Pipes mark every cell, so an empty cell keeps its column.
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        return cells if any(cells) else []
    return [c.strip() for c in _CELL_SPLIT.split(line) if c.strip()]


def _is_table_header(line: str) -> bool:
    cells = [c.casefold() for c in _cells(line)]
    return len(cells) >= 2 and all(c in _TABLE_LABELS for c in cells)


def _table_columns(lines: Sequence[str]) -> list[str] | None:
    for line in lines:
        if _is_table_header(line):
            return [FIELD_LABELS.get(c.casefold(), "skip") for c in _cells(line)]
    return None


def with_table_labels(lines: Sequence[str]) -> list[str]:
    """Rows of a table whose header names the columns get those names as
    labels, so a column's meaning comes from its header, not a guess."""
    columns = _table_columns(lines)
    if columns is None:
        return list(lines)
    labels = {
        "school": "school",
        "major": "major",
        "degree": "degree",
        "employer": "company",
        "title": "title",
        "skip": "dates",
    }
    out: list[str] = []
    for line in lines:
        cells = _cells(line)
        if _is_table_header(line):
            continue
        if len(cells) == len(columns):
            out.append(
                " | ".join(
                    c if kind == "skip" else f"{labels[kind]}: {c}"
                    for kind, c in zip(columns, cells, strict=True)
                )
            )
        else:
            out.append(line)
    return out


def lists_degrees(lines: Sequence[str]) -> bool:
    """Whether most rows of a section name a degree at a school: a list of
    qualifications that is an education section, whatever its heading."""
    rows = [line for line in lines if not _is_table_header(line)]
    degrees = [r for r in rows if DEGREE_RE.search(r) and SCHOOL_RE.search(r)]
    return bool(rows) and 2 * len(degrees) >= len(rows)
