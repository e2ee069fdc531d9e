"""Resume text -> structured facts (education, work, skills, ...) and contact PII.

Pure: text in, models out, no I/O and no clock (the month that "present"
means is a parameter), so the same text always parses the same way and a
parse can be replayed. Reading files (PDF, DOCX, text) is the activity's job
(``adapters/documents/reader.py``).

Why rules and not a statistical parser: campus-season screening parses about
150,000 resumes on a small machine, every result has to be explainable to a
candidate who asks, and the parser's version is recorded with each result
(``PARSER_VERSION``). The rules are general resume conventions, in English
and Chinese, not the layouts of one generator:

* sections are found by their headers (``Education``, ``教育背景``,
  ``Skills: ...`` inline, markdown ``##``, ``【证书】``, ...);
* in the education and work sections every entry carries one date (a range
  or a graduation year). The entries are anchored on those dates, and the
  number of lines a layout puts *before* its date is learnt from the first
  entry, so "school line, then degree and date line" and "date, school,
  major, degree on one line" both split correctly;
* within an entry, labelled fields (``专业：``, ``Company:``) win, then
  degree and school vocabularies, then title and employer vocabularies
  scored by where the keyword stands ("Bank Teller" is a title, "China
  Merchants Bank" an employer);
* skills, certificates and languages are normalised to lowercase canonical
  names shared by both languages (``机器学习`` and ``ML`` -> ``machine
  learning``), so a requisition written in one language matches a resume in
  the other; unknown items are kept, lowercased. Language tests (CET-6,
  IELTS, JLPT, ...) count as evidence of the language, not as certificates.

Chinese needs no word segmentation here: section headers, degree words,
school and employer suffixes and the list delimiters (、，；) carry the
structure. (``jieba`` was considered; it splits 机器学习 into 机器/学习
without a custom dictionary and writes a cache file on first use, which a
pure module must not do.)

Contact details (name, email, phone, national ID) are returned separately as
``ContactDetails`` so the caller can put them in the subject vault and keep
them out of events, logs and Temporal history.
"""

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from pydantic import BaseModel, Field, computed_field

PARSER_VERSION = "resume-rules/1"
"""Recorded with every parse so a screening decision names the parser behind it."""

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


# --------------------------------------------------------------------------
# Text normalisation
# --------------------------------------------------------------------------

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RE = re.compile(f"[{_CJK}]")


def normalise_text(text: str) -> str:
    """NFKC (full-width letters, digits and punctuation become ASCII), unify
    line ends and drop zero-width characters. Every output string of the
    parser is in this form."""
    text = unicodedata.normalize("NFKC", text)
    text = _ZERO_WIDTH.sub("", text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def detect_language(text: str) -> ResumeLanguage:
    """Chinese when at least a fifth of the letters are Han characters.

    Chinese resumes are full of English skill names and e-mail addresses,
    and one Han character carries about as much as a short English word,
    so a fifth is a clear line between the two."""
    han = len(_CJK_RE.findall(text))
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    if han == 0:
        return "en"
    return "zh" if han / (han + latin) >= 0.2 else "en"


def _clean(value: str) -> str:
    value = re.sub(r"\s+", " ", value).strip()
    return value.strip(" \t|,;:-–—·•*_#>")


# --------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------

_Y = r"(?:19[5-9]\d|20\d{2})"
_M = r"(?:0?[1-9]|1[0-2])"
_MON = (
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
        rf"|(?<![a-z])(?P<{p}mon>{_MON})(?![a-z])\.?\s*,?\s*(?P<{p}y2>{_Y})"
        rf"|(?P<{p}m3>{_M})\s*/\s*(?P<{p}y3>{_Y})"
        rf"|(?P<{p}y4>{_Y})(?:\s*年)?)"
    )


_PRESENT = r"(?:present|current|now|today|ongoing|至今|目前|现在|今)"
_RANGE_SEP = r"\s*(?:-{1,2}|–|—|―|−|~|～|至|到|\bto\b|\buntil\b|\btill\b)\s*"
_RANGE_RE = re.compile(
    rf"(?<![\d.])(?:{_point('s')}){_RANGE_SEP}(?:{_point('e')}|(?P<present>{_PRESENT}))(?!\d)",
    re.IGNORECASE,
)
_POINT_RE = re.compile(rf"(?<![\d.])(?:{_point('p')})(?!\d)", re.IGNORECASE)


@dataclass(frozen=True)
class _YM:
    year: int
    month: int

    @property
    def index(self) -> int:
        return self.year * 12 + self.month - 1

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def _ym_from(match: re.Match[str], p: str) -> _YM | None:
    g = match.groupdict()
    if g.get(f"{p}y1"):
        return _YM(int(g[f"{p}y1"]), int(g[f"{p}m1"]))
    if g.get(f"{p}y2"):
        return _YM(int(g[f"{p}y2"]), _MONTHS[g[f"{p}mon"].lower()[:3]])
    if g.get(f"{p}y3"):
        return _YM(int(g[f"{p}y3"]), int(g[f"{p}m3"]))
    if g.get(f"{p}y4"):
        # A bare year: January, the convention of most applicant-tracking systems.
        return _YM(int(g[f"{p}y4"]), 1)
    return None


def _ym_parse(value: str) -> _YM:
    year, month = value.split("-")
    return _YM(int(year), int(month))


def years_of_experience(work: Sequence[WorkEntry], as_of: str) -> float:
    """Total experience in years, counting overlapping jobs once.

    A job covers its start and end months inclusive; an ongoing job runs to
    ``as_of`` (YYYY-MM). Jobs that start after ``as_of`` count nothing.
    Rounded to one decimal."""
    now = _ym_parse(as_of).index
    spans: list[tuple[int, int]] = []
    for entry in work:
        if entry.start is None:
            continue
        start = _ym_parse(entry.start).index
        end = _ym_parse(entry.end).index if entry.end else now
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


# --------------------------------------------------------------------------
# Sections
# --------------------------------------------------------------------------

Section = Literal["top", "education", "work", "skills", "certificates", "languages", "other"]

# fmt: off
_HEADERS: dict[Section, tuple[str, ...]] = {
    "education": (
        "education", "education background", "educational background", "academic background",
        "education and training", "academic history", "academics", "education history", "教育背景",
        "教育经历", "学历", "学历背景", "教育情况", "学习经历", "教育",
    ),
    "work": (
        "experience", "work experience", "professional experience", "employment",
        "employment history", "work history", "career history", "internship", "internships",
        "internship experience", "relevant experience", "work and internship experience",
        "工作经历", "工作经验", "实习经历", "实习经验", "工作/实习经历", "实习/工作经历",
        "职业经历", "工作履历", "实习与工作经历", "工作与实习经历",
    ),
    "skills": (
        "skills", "skills & interests", "skills and interests", "skills & languages",
        "skills and languages", "skills, languages & interests", "additional information",
        "additional skills", "技能与证书", "技能/证书", "technical skills", "core skills",
        "key skills", "skills and tools", "skills & tools", "competencies", "core competencies",
        "expertise", "skill set", "专业技能", "技能", "技能特长", "个人技能", "技能专长",
        "专业技能与特长", "it技能", "计算机技能", "技能与特长",
    ),
    "certificates": (
        "certificates", "certifications", "certification", "licenses", "licences",
        "licenses and certifications", "licenses & certifications", "certificates and licenses",
        "证书", "资格证书", "获得证书", "证书资质", "职业资格", "资格认证", "技能证书", "专业证书",
        "所获证书",
    ),
    "languages": (
        "languages", "language", "language skills", "language proficiency", "语言能力", "语言",
        "外语能力", "外语水平", "语言技能",
    ),
    "top": (
        "contact", "contact information", "contact details", "personal information",
        "personal details", "个人信息", "基本信息", "联系方式", "个人资料",
    ),
    "other": (
        "summary", "profile", "professional summary", "objective", "career objective", "about me",
        "projects", "project experience", "awards", "honors", "honours", "awards and honors",
        "awards & honors", "activities", "extracurricular activities", "leadership",
        "publications", "interests", "hobbies", "references", "volunteer experience",
        "research experience", "自我评价", "个人简介", "个人总结", "求职意向", "项目经历",
        "项目经验", "获奖情况", "获奖经历", "荣誉奖励", "校园经历", "在校经历", "社会实践",
        "兴趣爱好", "发表论文", "科研经历", "校内实践",
    ),
}
# fmt: on
_HEADER_INDEX: dict[str, Section] = {
    name: section for section, names in _HEADERS.items() for name in names
}
_INLINE_HEADER_RE = re.compile(
    r"^(?P<h>"
    + "|".join(re.escape(h) for h in sorted(_HEADER_INDEX, key=len, reverse=True))
    + r")\s*[:]\s*(?P<rest>\S.*)$",
    re.IGNORECASE,
)
_INLINE_BREAK_RE = re.compile(
    r"\s*;\s*(?=(?:"
    + "|".join(re.escape(h) for h in sorted(_HEADER_INDEX, key=len, reverse=True))
    + r")\s*:)",
    re.IGNORECASE,
)
_DECORATION = " \t#*_=~>[]【】「」『』<>《》()-–—·•:|■□◆◇●○▶►★☆▪◼◉✦❖"
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\d{1,2}[.)、]\s)\s*")
_BULLET_RE = re.compile(r"^\s*(?:[-*+•·●○◦▪■□◆◇►▶➢✓✔]|\d{1,2}[.)、](?!\d)|\(\d{1,2}\))\s*")
_DESCRIPTION_LABEL = re.compile(
    r"^(?:工作内容|主要职责|工作职责|职责描述|职责|工作描述|主要工作|项目描述|主要业绩|业绩"
    r"|responsibilities|description|achievements|key achievements|duties)\s*:",
    re.IGNORECASE,
)


def _header_key(line: str) -> str:
    core = _NUMBERING.sub("", line.strip(_DECORATION))
    core = core.strip(_DECORATION)
    return re.sub(r"\s+", " ", core).casefold()


@dataclass
class _Block:
    section: Section
    lines: list[str] = field(default_factory=list)


def _split_sections(lines: Iterable[str]) -> list[_Block]:
    blocks = [_Block("top")]
    pieces = (piece for raw in lines for piece in _INLINE_BREAK_RE.split(raw))
    for raw in pieces:
        line = raw.strip()
        if not line:
            continue
        key = _header_key(line)
        section = _HEADER_INDEX.get(key) if len(key) <= 40 else None
        if section is not None:
            blocks.append(_Block(section))
            continue
        inline = _INLINE_HEADER_RE.match(line.lstrip(_DECORATION.replace(":", "")))
        if inline is not None:
            found = _HEADER_INDEX[inline.group("h").casefold()]
            rest = inline.group("rest")
            # "Languages: Python, SQL" inside a skills section lists
            # programming languages, not a languages section.
            programming = (
                found == "languages" and blocks[-1].section == "skills" and not _languages_in(rest)
            )
            if found != blocks[-1].section and not programming:
                blocks.append(_Block(found, [rest]))
                continue
        blocks[-1].lines.append(line)
    return blocks


# --------------------------------------------------------------------------
# Contact details
# --------------------------------------------------------------------------

_EMAIL_RE = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)
_ID_RE = re.compile(
    r"(?<![0-9A-Za-z])([1-9]\d{5})\s?((?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))"
    r"\s?(\d{3}[\dXx])(?![0-9A-Za-z])"
)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_CN_MOBILE_RE = re.compile(
    r"(?<![\d+])(?:(?:\+|00)?\(?\s*86\s*\)?[\s-]*)?(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?!\d)"
)
_INTL_PHONE_RE = re.compile(r"(?<![\w+])\+(\d{1,3})[ \t.-]*(\(?\d[\d \t().-]{5,16}\d)(?!\d)")
_LABELLED_PHONE_RE = re.compile(
    r"(?:phone|tel|telephone|mobile|cell|手机|电话|联系电话|手机号码?|移动电话)\s*(?:no\.?|号码)?\s*:\s*"
    r"(\+?[\d(][\d \t().-]{5,18}\d)",
    re.IGNORECASE,
)


def national_id_valid(value: str) -> bool:
    """The ISO 7064 MOD 11-2 check digit of an 18-character PRC resident ID."""
    if not re.fullmatch(r"\d{17}[\dX]", value):
        return False
    total = sum(int(d) * w for d, w in zip(value[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == value[17]


def _find_national_id(text: str) -> tuple[str | None, str]:
    """The first valid ID, and the text with every valid ID blanked out so
    its digits are not read as a phone number."""
    found: str | None = None
    pieces: list[str] = []
    last = 0
    for match in _ID_RE.finditer(text):
        candidate = "".join(match.groups()).upper()
        if national_id_valid(candidate):
            found = found or candidate
            pieces.append(text[last : match.start()])
            pieces.append(" " * (match.end() - match.start()))
            last = match.end()
    pieces.append(text[last:])
    return found, "".join(pieces)


_DOMESTIC_PHONE_RE = re.compile(r"(?<![\w+])\(?\d{3,4}\)?[ .-]?\d{3,4}[ .-]\d{4}(?!\d)")


def _find_phone(text: str, head: Sequence[str] | None = None) -> str | None:
    candidates: list[tuple[int, str]] = []
    for m in _CN_MOBILE_RE.finditer(text):
        candidates.append((m.start(), "+86" + "".join(m.groups())))
    for m in _INTL_PHONE_RE.finditer(text):
        digits = re.sub(r"\D", "", m.group(2))
        if m.group(1) != "86" and 6 <= len(digits) <= 14:
            candidates.append((m.start(), "+" + m.group(1) + digits))
    for m in _LABELLED_PHONE_RE.finditer(text):
        raw = m.group(1)
        digits = re.sub(r"\D", "", raw)
        if 7 <= len(digits) <= 15:
            candidates.append((m.start(1), ("+" if raw.startswith("+") else "") + digits))
    if not candidates and head is not None:
        # A domestic number without country code, e.g. "(617) 555-0199":
        # only in the head lines, where it cannot be a date; digits only,
        # because the country is unknown.
        for line in head:
            found = _DOMESTIC_PHONE_RE.search(line)
            if found is not None:
                return re.sub(r"\D", "", found.group(0))
    if not candidates:
        return None
    return min(candidates)[1]


_NAME_LABEL_RE = re.compile(r"^(?:姓\s*名|name|full name|candidate)\s*:\s*(.+)$", re.IGNORECASE)
_TITLE_WORDS = re.compile(
    r"^(?:个人简历|简历|求职简历|应聘简历|resume|résumé|curriculum vitae|cv)$", re.IGNORECASE
)
_TITLED_NAME = (
    re.compile(r"^(.+?)的(?:个人)?简历$"),
    re.compile(r"^(?:个人简历|简历|resume|résumé|curriculum vitae|cv)\s*[-–—:|]\s*(.+)$", re.I),
    re.compile(r"^(.+?)\s*[-–—|]\s*(?:个人简历|简历|resume|résumé|curriculum vitae|cv)$", re.I),
)
_ZH_NAME_RE = re.compile(f"^[{_CJK}]{{2,4}}(?:·[{_CJK}]{{1,6}})?$")
_NAME_WORD_RE = re.compile(r"^[^\W\d_](?:[^\W\d_]|['’.-](?=[^\W\d_]))*\.?$")
_NOT_NAME_WORDS = {
    "resume",
    "curriculum",
    "vitae",
    "university",
    "college",
    "engineer",
    "education",
    "experience",
    "skills",
    "contact",
    "profile",
    "summary",
    "street",
    "road",
    "avenue",
    "china",
    "beijing",
    "shanghai",
    "personal",
    "information",
    "manager",
    "analyst",
}
_FIELD_SPLIT = re.compile(r"\s*(?:\||｜|\t|\s{2,}|/|,)\s*")


def _name_candidate(chunk: str) -> str | None:
    chunk = _clean(chunk)
    if not chunk or "@" in chunk or re.search(r"\d", chunk):
        return None
    for pattern in _TITLED_NAME:
        titled = pattern.match(chunk)
        if titled is not None:
            chunk = _clean(titled.group(1))
            break
    if _ZH_NAME_RE.match(chunk):
        return chunk
    words = chunk.split()
    if 2 <= len(words) <= 4 and all(
        _NAME_WORD_RE.match(w) and w[0].isupper() and not _CJK_RE.search(w) for w in words
    ):
        if any(w.casefold().strip(".") in _NOT_NAME_WORDS for w in words):
            return None
        return " ".join(w.title() if w.isupper() and len(w) > 1 else w for w in words)
    return None


def _find_name(lines: Sequence[str]) -> str | None:
    for line in lines:
        labelled = _NAME_LABEL_RE.match(line)
        if labelled is not None:
            value = _FIELD_SPLIT.split(labelled.group(1).strip())[0]
            value = re.split(r"\s+\S{1,8}:", value)[0]
            cleaned = _clean(value)
            return cleaned or None
        for inner in re.finditer(r"(?:姓\s*名|Name)\s*:\s*([^\s|/,]+(?: [A-Z][a-z]+)*)", line):
            cleaned = _clean(inner.group(1))
            if cleaned:
                return cleaned
    for line in lines[:10]:
        if _TITLE_WORDS.match(_clean(line)):
            continue
        for chunk in _FIELD_SPLIT.split(line):
            candidate = _name_candidate(chunk)
            if candidate:
                return candidate
    return None


def extract_contact(text: str, head: Sequence[str] | None = None) -> ContactDetails:
    """Name, e-mail, phone (E.164 where the country is known) and PRC ID.

    ``head`` are the lines where a name may stand (before the first section,
    or the whole start of the text)."""
    text = normalise_text(text)
    national_id, masked = _find_national_id(text)
    email = _EMAIL_RE.search(masked)
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return ContactDetails(
        name=_find_name(list(head) if head is not None else lines[:12]),
        email=email.group(0).lower() if email else None,
        phone=_find_phone(masked, _find_national_id("\n".join(head or []))[1].split("\n")),
        national_id=national_id,
    )


# --------------------------------------------------------------------------
# Entries (education and work)
# --------------------------------------------------------------------------

_SEGMENT_SPLIT = re.compile(
    r"\s*(?:\||｜|\t|\s{2,}|\s[-–—]\s|—|–|,(?!\s*(?i:ltd|inc|llc|limited|plc|co)\b)|;|·|•|/\s)\s*"
)
_CJK_GAP = re.compile(f"(?<=[{_CJK})])\\s+(?=[{_CJK}(])")
_LABEL_RE = re.compile(r"^(?P<label>[^:]{1,16}?)\s*:\s*(?P<value>.*)$")
_FIELD_LABELS: dict[str, str] = {}
# fmt: off
for _field, _labels in {
    "school": (
        "学校", "院校", "毕业院校", "就读院校", "学校名称", "school", "university", "institution",
        "college",
    ),
    "major": (
        "专业", "所学专业", "major", "field of study", "concentration", "programme", "program",
        "discipline",
    ),
    "degree": ("学历", "学位", "degree", "qualification", "学历学位"),
    "employer": (
        "公司", "单位", "工作单位", "实习单位", "公司名称", "雇主", "company", "employer",
        "organization", "organisation", "firm",
    ),
    "title": (
        "职位", "岗位", "职务", "实习岗位", "担任职位", "title", "position", "role", "job title",
    ),
    "skip": (
        "时间", "起止时间", "就读时间", "在校时间", "工作时间", "实习时间", "毕业时间", "dates",
        "date", "period", "duration", "graduation", "graduated", "部门", "department", "location",
        "地点", "城市", "city", "gpa", "绩点", "排名",
    ),
}.items():
# fmt: on
    for _label in _labels:
        _FIELD_LABELS[_label] = _field

_EN_DEGREE_TYPES = (
    r"(?:science|sciences|arts|engineering|philosophy|laws|technology|applied sciences?"
    r"|fine arts|letters)"
)
_ZH_DISCIPLINE = r"(?:[工理文法医农]学|经济学|管理学|教育学|艺术学|历史学|哲学)?"
_DEGREE_RE = re.compile(
    r"(?P<doctorate>(?i:\bph\.?\s?d\b\.?|\bd\.?phil\b\.?|\bdoctor of "
    + _EN_DEGREE_TYPES
    + r"\b|\bdoctorate\b|\bdoctoral\b)|"
    + _ZH_DISCIPLINE
    + r"博士(?:研究生)?(?:学位)?)"
    r"|(?P<master>(?i:\bmaster(?:'s|s)?(?: degree)?(?: of "
    + _EN_DEGREE_TYPES
    + r")?\b|\bm\.?\s?sc\b\.?|\bm\.?eng\b\.?|\bm\.?phil\b\.?|\bmba\b|\bmpa\b|\bmpp\b"
    r"|\bmfa\b|\bll\.?m\b\.?|\bmres\b|\bmfin\b)|\bM\.S\.|\bMS\b|\bM\.A\.|\bMA\b|"
    + _ZH_DISCIPLINE
    + r"硕士(?:研究生)?(?:学位)?|研究生|MPAcc|EMBA)"
    r"|(?P<bachelor>(?i:\bbachelor(?:'s|s)?(?: degree)?(?: of "
    + _EN_DEGREE_TYPES
    + r")?\b|\bb\.?\s?sc\b\.?|\bb\.?eng\b\.?|\bb\.?tech\b\.?|\bbba\b|\bll\.?b\b\.?"
    r"|\bundergraduate\b)|\bB\.S\.|\bBS\b|\bB\.A\.|\bBA\b|\bB\.E\.|"
    + _ZH_DISCIPLINE
    + r"学士(?:学位)?|本科生?|大学本科)"
    r"|(?P<associate>(?i:\bassociate(?:'s)?(?: degree)?(?: of (?:arts|science|applied science))?\b)"
    r"|\bA\.A\.S?\.|\bAAS\b|\bA\.S\.|大专|专科|高职)"
    r"|(?P<high_school>(?i:\bhigh school(?: diploma)?\b|\bsecondary school\b)|高中|中专|职高)"
)
_SCHOOL_RE = re.compile(
    r"(?i:\b(?:university|college|institute|school|academy|polytechnic|conservatory)\b)"
    r"|大学|学院|学校|中学|研究院|研究所|科学院|党校|附中|[一二三四五六七八九十]中(?![\u4e00-\u9fff])"
)
_EDU_NOISE = re.compile(
    r"(?i:\b(?:gpa|cgpa|grade|rank(?:ing)?|top \d+%|honou?rs?|cum laude|dean'?s list"
    r"|scholarships?|thesis|dissertation|coursework|courses|expected|graduated|graduation"
    r"|class of|minor|exchange)\b)|绩点|均分|排名|奖学金|课程|论文|预计|毕业|在读|辅修|交换"
)
_EDU_NOISE_LINE = re.compile(
    r"^(?i:(?:relevant |core |main )?(?:coursework|courses|gpa|honou?rs|awards|thesis|minor"
    r"|activities|dissertation)\b)|^(?:主修课程|核心课程|相关课程|主要课程|荣誉|获奖|论文|在校经历|"
    r"绩点|GPA|排名|奖学金)"
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
# fmt: off
_LOCATIONS = {
    loc.casefold()
    for loc in (
        "Beijing", "Shanghai", "Shenzhen", "Guangzhou", "Hangzhou", "Nanjing", "Wuhan", "Chengdu",
        "Xi'an", "Xian", "Tianjin", "Chongqing", "Suzhou", "Hefei", "Changsha", "Xiamen", "Jinan",
        "Qingdao", "Dalian", "Harbin", "Guiyang", "Kunming", "Hong Kong", "Macau", "Taipei",
        "Singapore", "London", "New York", "Boston", "San Francisco", "Seattle", "Los Angeles",
        "Chicago", "Toronto", "Vancouver", "Sydney", "Melbourne", "Tokyo", "Seoul", "Paris",
        "Berlin", "Oxford", "Cambridge", "Stanford", "Ann Arbor", "Edinburgh", "Durham",
        "Palo Alto", "China", "PRC", "USA", "US", "UK", "United States", "United Kingdom",
        "Canada", "Australia", "Japan", "Germany", "France", "Remote", "北京", "上海", "深圳",
        "广州", "杭州", "南京", "武汉", "成都", "西安", "天津", "重庆", "苏州", "合肥", "长沙",
        "厦门", "济南", "青岛", "大连", "哈尔滨", "贵阳", "昆明", "香港", "澳门", "新加坡", "伦敦",
        "纽约", "中国", "美国", "英国", "远程", "北京市", "上海市", "深圳市", "广州市", "杭州市",
    )
}
_TITLE_WORDS_EN = {
    "engineer", "developer", "programmer", "analyst", "manager", "intern", "internship",
    "assistant", "specialist", "consultant", "associate", "officer", "teller", "representative",
    "designer", "scientist", "researcher", "director", "lead", "head", "coordinator", "accountant",
    "auditor", "trainee", "architect", "administrator", "executive", "clerk", "advisor", "adviser",
    "agent", "planner", "writer", "editor", "teacher", "tutor", "lecturer", "professor", "nurse",
    "technician", "operator", "supervisor", "president", "vp", "founder", "co-founder",
    "strategist", "buyer", "marketer", "recruiter", "banker", "underwriter", "actuary", "trader",
    "economist", "controller", "fellow", "volunteer", "cashier", "secretary", "receptionist",
}
_TITLE_WORDS_ZH = (
    "工程师", "开发", "程序员", "经理", "专员", "实习生", "实习", "分析师", "助理", "主管", "顾问",
    "代表", "柜员", "设计师", "研究员", "总监", "会计", "出纳", "审计员", "审计师", "管培生",
    "培训生", "运营", "销售", "客服", "架构师", "测试", "专家", "组长", "总裁", "主任", "秘书",
    "教师", "讲师", "编辑", "策划", "文员", "行员", "职员", "交易员", "精算师", "算法", "负责人",
    "储备干部", "大堂经理", "科学家",
)
_EMPLOYER_WORDS_EN = {
    "inc", "ltd", "limited", "llc", "llp", "corp", "corporation", "company", "co", "group", "bank",
    "holdings", "technologies", "technology", "tech", "capital", "partners", "securities",
    "insurance", "consulting", "labs", "laboratory", "systems", "solutions", "foundation",
    "university", "hospital", "agency", "bureau", "ministry", "institute", "studio", "studios",
    "ventures", "investments", "trust", "fund", "associates", "plc", "gmbh", "ag", "pte",
    "bancorp", "financial", "industries", "international", "services",
}
_EMPLOYER_WORDS_ZH = (
    "公司", "集团", "银行", "分行", "支行", "有限", "股份", "证券", "保险", "基金", "事务所",
    "研究院", "研究所", "医院", "大学", "学院", "中心", "科技", "网络", "控股", "信托", "工作室",
    "局", "委员会", "协会", "商行", "厂", "实验室",
)
# fmt: on
_DEPARTMENT_RE = re.compile(
    r"(?i:\b(?:department|dept\.?|division|team|office of)\b)|(?:部|处|科室|组|团队|事业群|事业部)$"
)
_AT_RE = re.compile(r"^(?P<title>.+?)\s+(?:at|@)\s+(?P<employer>.+)$", re.IGNORECASE)


_LETTER_RE = re.compile(f"[A-Za-z{_CJK}]")


def _balanced(piece: str) -> str:
    """Drop a bracket left over from a split ("(MBA" -> "MBA"), keep pairs."""
    piece = piece.strip().rstrip("([{ ").lstrip(")]} ")
    for opening, closing in ("()", "[]", "{}"):
        if piece.startswith(opening) and closing not in piece:
            piece = piece[1:]
        if piece.endswith(closing) and opening not in piece:
            piece = piece[:-1]
        if piece.startswith(opening) and piece.endswith(closing):
            piece = piece[1:-1]
    return piece.strip()


def _segments(text: str) -> list[str]:
    text = _CJK_GAP.sub(" | ", text)
    out: list[str] = []
    for piece in _SEGMENT_SPLIT.split(text):
        piece = _clean(_balanced(piece))
        if piece and re.search(rf"[A-Za-z{_CJK}]", piece):
            out.append(piece)
    return out


def _labelled(segment: str) -> tuple[str, str] | None:
    match = _LABEL_RE.match(segment)
    if match is None:
        return None
    label = match.group("label").strip().casefold()
    kind = _FIELD_LABELS.get(label)
    if kind is None:
        return None
    return kind, _clean(match.group("value"))


def _field_of(segment: str) -> tuple[str, str] | None:
    """A labelled segment's field and value; a bare label (its value was a
    date, taken out already) counts as that field with no value."""
    bare = _FIELD_LABELS.get(segment.strip().casefold())
    return (bare, "") if bare is not None else _labelled(segment)


def _label_kind(line: str) -> str | None:
    match = _LABEL_RE.match(line)
    return _FIELD_LABELS.get(match.group("label").strip().casefold()) if match else None


def _is_region(segment: str, previous: str | None) -> bool:
    """A state or province code after a city ("Boston, MA"): not the MA degree."""
    return (
        previous is not None
        and re.fullmatch(r"[A-Z]{2}", segment) is not None
        and (
            _is_location(previous)
            or (
                re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}", previous) is not None
                and not _SCHOOL_RE.search(previous)
                and not _DEGREE_RE.search(previous)
            )
        )
    )


def _is_location(segment: str) -> bool:
    parts = [p.strip().casefold() for p in re.split(r",|，|\s+", segment) if p.strip()]
    return bool(parts) and (
        segment.strip().casefold() in _LOCATIONS or all(p in _LOCATIONS for p in parts)
    )


def _degree_of(segment: str) -> tuple[Degree, str] | None:
    """The degree named in a segment and what is left of the segment."""
    match = _DEGREE_RE.search(segment)
    if match is None:
        return None
    degree: Degree = next(name for name in DEGREE_RANK if match.group(name) is not None)
    leftover = _DEGREE_RE.sub(" ", segment[: match.start()] + " " + segment[match.end() :])
    leftover = re.sub(r"(?i)\((?:hons?\.?|honou?rs)\)|\bhonou?rs\b|\(\s*\)", " ", leftover)
    leftover = re.sub(r"(?i)^\s*(?:in|of|with|,|专业)\s+", "", leftover.strip())
    return degree, _clean(leftover)


def _strip_major(value: str) -> str:
    value = re.sub(r"(?i)^(?:major(?:ing)? in|majored in|in|of)\s+", "", value.strip())
    value = re.sub(r"专业$", "", value)
    return _clean(value)


def _edu_from(lines: Sequence[str]) -> Education | None:
    text = " | ".join(line for line in lines if not _EDU_NOISE_LINE.match(line))
    graduation: int | None = None
    span = _RANGE_RE.search(text)
    if span is not None:
        end = _ym_from(span, "e")
        graduation = end.year if end else None
        text = text[: span.start()] + " | " + text[span.end() :]
    else:
        points = list(_POINT_RE.finditer(text))
        if points:
            last = _ym_from(points[-1], "p")
            graduation = last.year if last else None
            for point in reversed(points):
                text = text[: point.start()] + " | " + text[point.end() :]
    degree: Degree | None = None
    school: str | None = None
    strong_major: str | None = None
    weak: list[tuple[int, str]] = []
    degree_at = -1
    segments = _segments(text)
    for index, segment in enumerate(segments):
        if _is_region(segment, segments[index - 1] if index else None):
            continue
        labelled = _field_of(segment)
        if labelled is not None:
            kind, value = labelled
            if kind == "school" and school is None and value:
                school = value
            elif kind == "major" and value:
                strong_major = strong_major or _strip_major(value)
            elif kind == "degree" and value:
                found = _degree_of(value)
                if found is not None and degree is None:
                    degree = found[0]
            continue
        found = _degree_of(segment)
        if found is not None:
            if degree is None:
                degree, degree_at = found[0], index
            leftover = found[1]
            if _LETTER_RE.search(leftover) and leftover.casefold() not in _DISCIPLINES:
                if _SCHOOL_RE.search(leftover) and school is None:
                    school = segment if found[0] == "high_school" else leftover
                elif not _EDU_NOISE.search(leftover) and not _is_location(leftover):
                    strong_major = strong_major or _strip_major(leftover)
            continue
        if _SCHOOL_RE.search(segment):
            if school is None:
                school = segment
            continue
        if _EDU_NOISE.search(segment) or _is_location(segment):
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
    major = strong_major or (min(candidates)[1] if candidates else None)
    if school is None and not (degree is not None and graduation is not None):
        return None
    return Education(degree=degree, school=school, major=major, graduation_year=graduation)


def _score(segment: str, words_en: set[str], words_zh: Sequence[str]) -> int:
    lowered = segment.casefold()
    tokens = [t.strip(".") for t in re.findall(r"[a-z][a-z&.'-]*", lowered)]
    score = 0
    if tokens and tokens[-1] in words_en:
        score = max(score, 3)
    elif any(t in words_en for t in tokens):
        score = max(score, 2)
    han = re.sub(rf"[^{_CJK}]", "", segment)
    if han:
        if any(han.endswith(w) for w in words_zh):
            score = max(score, 3)
        elif any(w in han for w in words_zh):
            score = max(score, 2)
    return score


def _work_from(lines: Sequence[str]) -> WorkEntry | None:
    text = " | ".join(lines)
    start: _YM | None = None
    end: _YM | None = None
    span = _RANGE_RE.search(text)
    if span is not None:
        start = _ym_from(span, "s")
        end = None if span.group("present") else _ym_from(span, "e")
        text = text[: span.start()] + " | " + text[span.end() :]
    employer: str | None = None
    title: str | None = None
    unknown: list[str] = []
    segments = _segments(text)
    for index, segment in enumerate(segments):
        if _is_region(segment, segments[index - 1] if index else None):
            continue
        labelled = _field_of(segment)
        if labelled is not None:
            kind, value = labelled
            if kind == "employer" and value and employer is None:
                employer = value
            elif kind == "title" and value and title is None:
                title = value
            continue
        at = _AT_RE.match(segment)
        if at is not None and _score(at.group("title"), _TITLE_WORDS_EN, _TITLE_WORDS_ZH) >= 2:
            title = title or _clean(at.group("title"))
            employer = employer or _clean(at.group("employer"))
            continue
        if _is_location(segment):
            continue
        as_title = _score(segment, _TITLE_WORDS_EN, _TITLE_WORDS_ZH)
        as_employer = _score(segment, _EMPLOYER_WORDS_EN, _EMPLOYER_WORDS_ZH)
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
        employer=employer,
        title=title,
        start=str(start) if start else None,
        end=str(end) if end and start else None,
    )


def _is_description(line: str, previous: str | None, previous_was_description: bool) -> bool:
    if _BULLET_RE.match(line) or _DESCRIPTION_LABEL.match(line):
        return True
    if previous_was_description and previous is not None:
        # A wrapped bullet: the previous bullet ran to the end of the line and
        # this line opens no entry (no date, no employer or title word) but
        # goes on in lower case, or in Chinese mid-sentence.
        if _RANGE_RE.search(line) or _POINT_RE.search(line):
            return False
        if line[:1].islower() and len(previous) >= 50:
            return True
        return (
            len(previous) >= 38
            and bool(_CJK_RE.match(line[:1]))
            and not previous.rstrip().endswith(("。", ";", "."))
            and _score(line, _TITLE_WORDS_EN, _TITLE_WORDS_ZH) == 0
            and _score(line, _EMPLOYER_WORDS_EN, _EMPLOYER_WORDS_ZH) == 0
            and not _SCHOOL_RE.search(line)
        )
    # An unbulleted paragraph: long and without the date every entry has.
    return len(line) > 90 and not _RANGE_RE.search(line) and not _POINT_RE.search(line)


def _split_multi(line: str) -> list[str]:
    """'B.Sc., A University, 2019; M.Sc., B University, 2021' -> two lines."""
    parts = [p for p in re.split(r"\s*;\s*", line) if p.strip()]
    if len(parts) > 1 and all(_RANGE_RE.search(p) or _POINT_RE.search(p) for p in parts):
        return parts
    return [line]


_DANGLING = re.compile(
    rf"(?:[,|/&]|\s[-–—~]|[-–—~]|\b(?:and|of|to|in|at)|(?<![a-z]){_MON}\.?)\s*$", re.IGNORECASE
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
            and not _BULLET_RE.match(line)
            and not (_RANGE_RE.search(out[-1]) and _RANGE_RE.search(line))
        ):
            out[-1] = out[-1].rstrip() + " " + line.lstrip()
        else:
            out.append(line)
    return out


def _entries(lines: Sequence[str], *, education: bool) -> list[list[str]]:
    """Group the header lines of a section into entries, anchored on dates."""
    lines = _join_wrapped(lines)
    heads: list[str] = []
    previous: str | None = None
    previous_desc = False
    for line in lines:
        desc = _is_description(line, previous, previous_desc)
        if not desc and not (education and _EDU_NOISE_LINE.match(line)):
            heads.extend(_split_multi(_BULLET_RE.sub("", line)))
        previous, previous_desc = line, desc
    heads = [h for h in heads if not _is_table_header(h)]
    if not heads:
        return []
    first_label = _label_kind(heads[0])
    if first_label in {"school", "employer", "title", "major", "degree"}:
        # "School: ... / Major: ... / Dates: ..." blocks: each entry opens
        # with the label the first one opened with, however many lines follow.
        labelled: list[list[str]] = []
        for h in heads:
            if not labelled or _label_kind(h) == first_label:
                labelled.append([h])
            else:
                labelled[-1].append(h)
        return labelled
    anchors = [
        i for i, h in enumerate(heads) if _RANGE_RE.search(h) or (education and _POINT_RE.search(h))
    ]
    if not anchors:
        key = _SCHOOL_RE if education else None
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
        *_FIELD_LABELS,
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
            return [_FIELD_LABELS.get(c.casefold(), "skip") for c in _cells(line)]
    return None


def _with_table_labels(lines: Sequence[str]) -> list[str]:
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


# --------------------------------------------------------------------------
# Skills, certificates, languages
# --------------------------------------------------------------------------


def _aliases(table: dict[str, Sequence[str]]) -> dict[str, str]:
    index: dict[str, str] = {}
    for canonical, variants in table.items():
        for variant in (canonical, *variants):
            index[_alias_key(variant)] = canonical
    return index


def _alias_key(value: str) -> str:
    return re.sub(r"[\s_]+", " ", normalise_text(value)).strip().casefold()


# fmt: off
SKILL_ALIASES: dict[str, str] = _aliases(
    {
        "python": ("python3", "python 3"),
        "java": (),
        "javascript": ("js", "java script", "es6", "ecmascript"),
        "typescript": ("ts",),
        "c": ("c语言", "c language"),
        "c++": ("cpp", "c/c++"),
        "c#": ("csharp", "c sharp"),
        "go": ("golang", "go语言"),
        "rust": (),
        "sql": ("sql语言",),
        "mysql": (),
        "postgresql": ("postgres", "postgre sql"),
        "mongodb": ("mongo",),
        "redis": (),
        "linux": ("linux系统",),
        "git": (),
        "docker": (),
        "kubernetes": ("k8s",),
        "aws": ("amazon web services",),
        "excel": ("ms excel", "microsoft excel", "advanced excel"),
        "powerpoint": ("ppt", "ms powerpoint", "microsoft powerpoint"),
        "microsoft office": ("ms office", "office", "office办公软件", "办公软件", "office软件"),
        "tableau": (),
        "power bi": ("powerbi",),
        "spss": (),
        "sas": (),
        "r": ("r语言", "r language"),
        "matlab": (),
        "stata": (),
        "machine learning": ("ml", "机器学习"),
        "deep learning": ("dl", "深度学习"),
        "data analysis": ("数据分析", "data analytics"),
        "data visualization": ("数据可视化", "data visualisation"),
        "statistical analysis": ("统计分析",),
        "financial analysis": ("财务分析",),
        "financial modeling": ("财务建模", "financial modelling"),
        "valuation": ("估值", "企业估值"),
        "accounting": ("会计", "会计核算"),
        "auditing": ("审计",),
        "risk management": ("风险管理", "风控"),
        "credit analysis": ("信贷分析", "授信分析"),
        "anti-money laundering": ("反洗钱", "aml"),
        "due diligence": ("尽职调查",),
        "project management": ("项目管理",),
        "product management": ("产品管理",),
        "marketing": ("市场营销", "营销"),
        "digital marketing": ("数字营销", "新媒体营销"),
        "sales": ("销售",),
        "customer service": ("客户服务",),
        "communication": ("沟通", "沟通能力", "communication skills"),
        "teamwork": ("团队合作", "团队协作", "team work"),
        "public speaking": ("演讲", "公开演讲"),
        "negotiation": ("谈判", "商务谈判"),
        "photoshop": ("ps", "adobe photoshop"),
        "react": ("react.js", "reactjs"),
        "vue": ("vue.js", "vuejs"),
        "spring boot": ("springboot",),
        "django": (),
        "flask": (),
        "pytorch": (),
        "tensorflow": (),
        "pandas": (),
        "numpy": (),
        "spark": ("apache spark",),
        "hadoop": (),
        "natural language processing": ("nlp", "自然语言处理"),
        "computer vision": ("计算机视觉",),
        "algorithms": ("算法",),
        "data structures": ("数据结构",),
        "data structures and algorithms": ("数据结构与算法", "dsa"),
        "html": ("html5",),
        "css": ("css3",),
        "node.js": ("nodejs", "node"),
        "android": ("android开发",),
        "ios": ("ios开发",),
        "autocad": ("cad",),
        "bloomberg": ("bloomberg terminal", "彭博"),
        "wind": ("wind资讯", "万得"),
        "figma": (),
        "ci/cd": ("cicd", "持续集成"),
        "tcp/ip": (),
        "a/b testing": ("ab testing", "a/b测试"),
        "jira": (),
    }
)

CERTIFICATE_ALIASES: dict[str, str] = _aliases(
    {
        "cpa": ("certified public accountant", "注册会计师", "cicpa", "中国注册会计师"),
        "acca": ("特许公认会计师", "acca会员"),
        "cfa level i": ("cfa level 1", "cfa一级", "cfa 一级"),
        "cfa level ii": ("cfa level 2", "cfa二级", "cfa 二级"),
        "cfa": ("chartered financial analyst", "特许金融分析师"),
        "frm": ("financial risk manager", "金融风险管理师"),
        "pmp": ("project management professional", "项目管理专业人士"),
        "cma": ("certified management accountant", "美国注册管理会计师", "管理会计师"),
        "securities qualification": ("证券从业资格", "证券从业资格证", "证券从业资格证书"),
        "fund qualification": ("基金从业资格", "基金从业资格证", "基金从业资格证书"),
        "banking qualification": (
            "银行从业资格", "银行从业资格证", "银行从业资格证书", "银行业专业人员职业资格",
        ),
        "junior accountant": ("初级会计职称", "初级会计师", "初级会计专业技术资格"),
        "teacher qualification": ("教师资格证", "教师资格证书", "教师资格"),
        "legal professional qualification": ("法律职业资格", "法律职业资格证书", "法律职业资格证"),
        "ncre level 2": ("计算机二级", "全国计算机等级考试二级", "ncre二级", "计算机等级考试二级"),
        "ncre level 3": ("计算机三级", "全国计算机等级考试三级"),
        "aws solutions architect associate": (
            "aws certified solutions architect associate",
            "aws certified solutions architect - associate",
            "aws certified solutions architect – associate", "aws解决方案架构师助理级认证",
        ),
        "cissp": ("certified information systems security professional",),
        "ccna": ("cisco certified network associate", "思科认证网络工程师"),
        "csm": ("certified scrum master", "certified scrummaster"),
        "google data analytics": (
            "google data analytics certificate", "google data analytics professional certificate",
        ),
        "oracle java se": ("oracle certified professional java se", "ocp java", "java se认证"),
        "soft exam intermediate": ("软考中级", "计算机技术与软件专业技术资格（中级）"),
    }
)

LANGUAGE_NAMES: dict[str, tuple[str, ...]] = {
    "chinese": ("chinese", "mandarin", "putonghua", "中文", "汉语", "普通话", "国语", "hsk"),
    "cantonese": ("cantonese", "粤语", "广东话"),
    "english": (
        "english", "英语", "英文", "cet-4", "cet-6", "cet4", "cet6", "cet 4", "cet 6", "tem-4",
        "tem-8", "tem4", "tem8", "ielts", "toefl", "雅思", "托福", "大学英语四级", "大学英语六级",
        "英语四级", "英语六级", "专业英语八级", "专业英语四级", "bec",
    ),
    "japanese": ("japanese", "日语", "日文", "jlpt"),
    "korean": ("korean", "韩语", "韩文", "topik"),
    "french": ("french", "法语", "法文", "delf", "dalf", "tcf"),
    "german": ("german", "德语", "德文", "testdaf", "goethe"),
    "spanish": ("spanish", "西班牙语", "dele"),
    "russian": ("russian", "俄语"),
    "portuguese": ("portuguese", "葡萄牙语"),
    "italian": ("italian", "意大利语"),
    "arabic": ("arabic", "阿拉伯语"),
}
# fmt: on
_LANGUAGE_RE = re.compile(
    "|".join(
        f"(?P<{name}>"
        + "|".join(
            (r"(?<![a-z])" + re.escape(v) + r"(?![a-z])") if v.isascii() else re.escape(v)
            for v in sorted(variants, key=len, reverse=True)
        )
        + ")"
        for name, variants in LANGUAGE_NAMES.items()
    ),
    re.IGNORECASE,
)
_LANGUAGE_TEST_RE = re.compile(
    r"(?i)^(?:cet|tem|ielts|toefl|jlpt|topik|delf|dalf|testdaf|hsk|bec|雅思|托福)"
    r"|(?:大学英语|英语|专业英语)[四六八]级|^普通话.*(?:级|等)|日语\s*n[1-5]|^n[1-5]$"
)


def _languages_in(text: str) -> list[str]:
    found: list[str] = []
    for match in _LANGUAGE_RE.finditer(text):
        name = match.lastgroup
        if name is not None and name not in found:
            found.append(name)
    return found


_PROFICIENCY_PREFIX = re.compile(
    r"^(?:熟练掌握|熟练使用|熟练运用|能熟练使用|熟练|精通|熟悉|掌握|了解|能够使用|会使用|擅长|"
    r"具备|良好的|较强的|扎实的|"
    r"(?i:proficient (?:in|with|at)|familiar with|experienced (?:in|with)|experience (?:in|with)"
    r"|working knowledge of|knowledge of|expert (?:in|at)|skilled (?:in|at)|strong|advanced"
    r"|basic|good|excellent|solid|fluent in)\b)\s*:?\s*"
)
_ITEM_SUFFIX = re.compile(r"\s*(?:等|etc\.?|and more|\([^)]*\))\s*$", re.IGNORECASE)
_LIST_SPLIT = re.compile(r"\s*(?:,|;|、|\||•|·|\s{2,}|\t|。)\s*")
_PUNCTUATION_SPLIT = re.compile(r"\s*(?:,|;|、|\||•|·|。)\s*")
_CONJUNCTION = re.compile(r"\s+(?:and|&)\s+|以及|和")
_YEAR_SUFFIX = re.compile(
    r"[\s,(\-–—]*(?:(?:获得|取得|obtained|issued)\s*)?(?:19|20)\d{2}(?:\s*[./-]\s*\d{1,2})?"
    r"(?:\s*年)?(?:\s*\d{1,2}\s*月)?\s*(?:获得|取得|通过)?\)?\s*$",
    re.IGNORECASE,
)
_SUBLABEL = re.compile(r"^([^:,、]{1,24}?)\s*:\s*(\S.*)$")


def _list_items(lines: Sequence[str]) -> list[str]:
    """Items of a list section. A line continues the previous one when it
    was wrapped (in a bulleted list: it has no bullet; otherwise: the previous
    line had delimiters and did not end on one); every other line is an item
    or a delimited list of items."""
    chunks: list[str] = []
    previous_had_delimiter = False
    previous_ended_open = False
    bulleted = bool(lines) and bool(_BULLET_RE.match(lines[0]))
    for raw in lines:
        bullet = bool(_BULLET_RE.match(raw))
        line = _BULLET_RE.sub("", raw).strip()
        if not line:
            continue
        # In a bulleted list a line without a bullet is the previous item, wrapped.
        continues = (
            chunks
            and not bullet
            and not _SUBLABEL.match(line)
            and (bulleted or (previous_had_delimiter and previous_ended_open))
        )
        if continues:
            joiner = " " if chunks[-1][-1:].isascii() and line[:1].isascii() else ""
            chunks[-1] = chunks[-1] + joiner + line
        else:
            chunks.append(line)
        previous_had_delimiter = bool(_LIST_SPLIT.search(line))
        previous_ended_open = not re.search(r"[,;、|。.]$", line)
    items: list[str] = []
    # A bulleted or punctuated item is split only at punctuation: runs of
    # spaces inside it are justified PDF text, not a delimiter.
    for chunk in chunks:
        sub = _SUBLABEL.match(chunk)
        if sub is not None and not _LIST_SPLIT.search(sub.group(1)):
            chunk = sub.group(2)
        punctuated = bulleted or bool(_PUNCTUATION_SPLIT.search(chunk))
        splitter = _PUNCTUATION_SPLIT if punctuated else _LIST_SPLIT
        items.extend(
            re.sub(r"\s+", " ", p) for p in _split_outside_brackets(chunk, splitter) if p.strip()
        )
    return items


def _split_outside_brackets(text: str, splitter: re.Pattern[str]) -> list[str]:
    """Split at delimiters, except inside brackets: "Python (pandas, numpy), SQL"
    has two items."""
    depth = 0
    inside: set[int] = set()
    for i, ch in enumerate(text):
        if ch in "([{":
            depth += 1
        elif ch in ")]}" and depth:
            depth -= 1
        elif depth:
            inside.add(i)
    parts: list[str] = []
    last = 0
    for match in splitter.finditer(text):
        if match.start() in inside or match.start() == match.end():
            continue
        parts.append(text[last : match.start()])
        last = match.end()
    parts.append(text[last:])
    return parts


def _strip_item(item: str) -> str:
    previous = None
    while previous != item:
        previous = item
        item = _PROFICIENCY_PREFIX.sub("", item.strip())
        item = _ITEM_SUFFIX.sub("", item)
        item = item.strip(" .:-–—*")
    return item


def _canonical_skill(item: str) -> list[str]:
    item = _strip_item(item)
    if not item:
        return []
    key = _alias_key(item)
    if key in SKILL_ALIASES:
        return [SKILL_ALIASES[key]]
    for splitter in (_CONJUNCTION, re.compile(r"/")):
        parts = [p for p in splitter.split(item) if p.strip()]
        if len(parts) > 1:
            out: list[str] = []
            for part in parts:
                out.extend(_canonical_skill(part))
            return out
    if len(item) > 40 or len(item.split()) > 5 or item.endswith((".", "。")):
        return []
    return [key]


_NESTED_LIST = re.compile(r"^(?P<main>.*?)\((?P<inner>[^()]*[,、;|][^()]*)\)\s*$")


def normalise_skills(items: Iterable[str]) -> list[str]:
    """Canonical lowercase skill names, deduplicated in order of appearance.
    A bracketed list after a skill ("Python (pandas, numpy)") adds its items."""
    out: list[str] = []
    expanded: list[str] = []
    for item in items:
        nested = _NESTED_LIST.match(item.strip())
        if nested is None:
            expanded.append(item)
        else:
            expanded.append(nested.group("main"))
            expanded.extend(_PUNCTUATION_SPLIT.split(nested.group("inner")))
    for item in expanded:
        for skill in _canonical_skill(item):
            if skill and skill not in out:
                out.append(skill)
    return out


def _canonical_certificate(item: str) -> str | None:
    item = _YEAR_SUFFIX.sub("", item.strip())
    item = re.sub(r"^(?:获得|取得|通过|obtained|passed)\s*", "", item, flags=re.IGNORECASE)
    item = item.strip(" .:-–—*")
    if not item or item.casefold() in {"none", "n/a", "无"}:
        return None
    candidates = [item, _ITEM_SUFFIX.sub("", item)]
    candidates += re.findall(r"\(([^)]+)\)", item)
    for candidate in candidates:
        key = _alias_key(candidate)
        if key in CERTIFICATE_ALIASES:
            return CERTIFICATE_ALIASES[key]
    plain = _alias_key(_ITEM_SUFFIX.sub("", item))
    return plain or None


def _certificates_and_language_tests(lines: Sequence[str]) -> tuple[list[str], list[str]]:
    certificates: list[str] = []
    languages: list[str] = []
    for item in _list_items(lines):
        stripped = _YEAR_SUFFIX.sub("", item).strip()
        if _LANGUAGE_TEST_RE.search(stripped) or _LANGUAGE_TEST_RE.search(
            _ITEM_SUFFIX.sub("", stripped)
        ):
            for language in _languages_in(stripped) or ["english"]:
                if language not in languages:
                    languages.append(language)
            continue
        certificate = _canonical_certificate(item)
        if certificate and certificate not in certificates:
            certificates.append(certificate)
    return certificates, languages


# --------------------------------------------------------------------------
# The whole resume
# --------------------------------------------------------------------------


def _as_of_month(as_of: date | str | None) -> str:
    if isinstance(as_of, str):
        return str(_ym_parse(as_of))
    day = as_of if as_of is not None else date.today()
    return f"{day.year:04d}-{day.month:02d}"


_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*")
_MD_LINK = re.compile(r"\[([^\]]*)\]\((?:mailto:|tel:)?[^)]*\)")
_MD_EMPHASIS = re.compile(r"\*\*|__|`")
_MD_TABLE_RULE = re.compile(r"\s*\|?[\s:|-]+\|?\s*")


def _markdown_to_text(line: str) -> str:
    """Markdown marks off, in every text: headings, links, emphasis, table rules."""
    line = _MD_HEADING.sub("", line)
    line = _MD_LINK.sub(r"\1", line)
    line = _MD_EMPHASIS.sub("", line)
    if "-" in line and _MD_TABLE_RULE.fullmatch(line):
        return ""
    stripped = line.strip()
    if stripped.startswith("|") and stripped.endswith("|"):
        line = stripped.strip("|")
    return line


def extract(text: str, *, as_of: date | str | None = None) -> tuple[ParsedResume, ContactDetails]:
    """Parse resume text into its facts and, separately, its contact PII.

    ``as_of`` is the month an ongoing job ("present", "至今") runs to; the
    activity passes the parse date. Without it the current date is used,
    which is fine in activities and scripts but not inside a workflow."""
    month = _as_of_month(as_of)
    text = normalise_text(text)
    lines = [_markdown_to_text(line).strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    blocks = _split_sections(lines)

    top = [line for block in blocks if block.section == "top" for line in block.lines]
    head = top if top else lines[:12]
    contact = extract_contact(text, head=head[:12] if head else lines[:12])
    if contact.name is None:
        contact.name = _find_name(lines[:12])

    education: list[Education] = []
    work: list[WorkEntry] = []
    skill_items: list[str] = []
    certificates: list[str] = []
    languages: list[str] = []
    for block in blocks:
        if block.section == "education":
            for group in _entries(_with_table_labels(block.lines), education=True):
                entry = _edu_from(group)
                if entry is not None:
                    education.append(entry)
        elif block.section == "work":
            for group in _entries(_with_table_labels(block.lines), education=False):
                job = _work_from(group)
                if job is not None:
                    work.append(job)
        elif block.section == "skills":
            skill_items.extend(_list_items(block.lines))
        elif block.section == "certificates":
            found, tests = _certificates_and_language_tests(block.lines)
            certificates.extend(c for c in found if c not in certificates)
            languages.extend(t for t in tests if t not in languages)
        elif block.section == "languages":
            for language in _languages_in(" ".join(block.lines)):
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
    return parsed, contact
