"""Which section a heading opens.

People name their sections in many ways ("Where I've worked", "Academic
Qualifications", "TOOLS & SOFTWARE", "🎓 教育背景", "教育背景 Education"), so
a heading is recognised in three steps:

1. the common names, exactly (after decorations, emoji and numbering are
   taken off);
2. each half of a bilingual heading ("EDUCATION 教育背景");
3. the words a heading is made of, but only for a line shaped like a
   heading (marked as one in Markdown or Word, written in capitals or Title
   Case, decorated like 【...】, or a short Chinese phrase ending in a
   section word such as 经历 or 技能): an English heading is named by its
   head noun ("Teaching *Experience*", "Technical *Expertise*"), a
   Chinese one by its section words (实习, 证书, 语言). Shape comes first so
   a skill such as "Project management" is never taken for a heading.
"""

import re
from typing import Literal

from domain.screening.resume.text import CJK, WHITESPACE

Section = Literal["top", "education", "work", "skills", "certificates", "languages", "other"]

# fmt: off
HEADERS: dict[Section, tuple[str, ...]] = {
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

# The head noun (last word) of an English heading and the section it names.
_HEAD_NOUNS: dict[str, Section] = {
    **dict.fromkeys((
        "experience", "experiences", "employment", "history", "career", "positions",
        "appointments", "work", "worked", "jobs", "internships", "background",
    ), "work"),
    **dict.fromkeys((
        "education", "studies", "schooling", "academics", "degrees",
    ), "education"),
    **dict.fromkeys((
        "skills", "competencies", "expertise", "toolbox", "tools", "technologies", "stack",
        "software", "methods", "abilities", "proficiencies", "strengths", "toolkit",
    ), "skills"),
    **dict.fromkeys((
        "certifications", "certificates", "licenses", "licences", "credentials",
        "qualifications", "accreditations", "development", "training",
    ), "certificates"),
    **dict.fromkeys((
        "summary", "profile", "objective", "interests", "hobbies", "awards", "honors", "honours",
        "achievements", "publications", "projects", "references", "activities", "memberships",
        "affiliations", "volunteering", "leadership", "patents", "presentations", "conferences",
        "me", "statement", "highlights", "coursework", "courses", "referees",
    ), "other"),
}
# "Volunteer experience" and "Project history" are not jobs.
_NOT_JOBS = {
    "project", "projects", "volunteer", "volunteering", "leadership", "extracurricular",
    "campus", "community",
}
_SMALL_WORDS = {"and", "&", "of", "in", "for", "the", "to", "i've", "i", "my", "/", "+"}

# Chinese section words, most specific first: "证书与语言" holds certificates.
_ZH_WORDS: tuple[tuple[str, Section], ...] = (
    ("教育", "education"), ("学历", "education"), ("学习经历", "education"),
    ("证书", "certificates"), ("资格", "certificates"), ("资质", "certificates"),
    ("认证", "certificates"), ("执照", "certificates"), ("培训", "certificates"),
    ("语言", "languages"), ("外语", "languages"),
    ("工作", "work"), ("实习", "work"), ("职业", "work"), ("任职", "work"), ("从业", "work"),
    ("技能", "skills"), ("特长", "skills"), ("技术栈", "skills"),
    ("信息", "top"), ("资料", "top"), ("联系", "top"),
)
# Endings of Chinese headings that no list item ends with ("...证书" and
# "...技能" may be items: "教师资格证书").
_ZH_ENDINGS = (
    "经历", "经验", "履历", "背景", "成果", "奖励", "奖项", "获奖", "荣誉", "评价", "简介", "总结",
    "爱好", "意向", "信息", "资料", "方式", "论文",
)
# fmt: on

HEADER_INDEX: dict[str, Section] = {
    name: section for section, names in HEADERS.items() for name in names
}
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\d{1,2}[.)、]\s|[IVX]{1,4}\.\s)\s*")
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")
_DECORATED = re.compile(r"^\s*(?:【.*】|\[.*\]|([=~—–-]{1,3}).*\1)\s*$")
_BULLETED = re.compile(r"^\s*(?:[-*+•·●○◦▪■□◆◇►▶➢✓✔]|\d{1,2}[.)、])\s")
_JOINED = re.compile(r"\s*(?:与|和|及|&|/|、|\band\b)\s*")
_BILINGUAL = re.compile(rf"(?<=[{CJK}])\s*(?=[a-z])|(?<=[a-z])\s*(?=[{CJK}])")
_NOT_HEADING = re.compile(r"[\d@,.;!?，。；！？:：]")


def heading_key(line: str) -> str:
    """A heading's words: no numbering, decoration or emoji, lower case."""
    core = _EDGES.sub("", line.strip())
    core = _EDGES.sub("", _NUMBERING.sub("", core))
    return WHITESPACE.sub(" ", core).casefold()


def heading_section(line: str, *, marked: bool = False) -> Section | None:
    """The section a line opens, or None if it is not a heading. ``marked``
    says the document itself made the line a heading (Markdown ``#``, an
    underline of ``===``, a Word heading style)."""
    if len(line) > 60:  # most lines: no heading is this long
        return None
    key = heading_key(line)
    if not key or len(key) > 40:
        return None
    found = HEADER_INDEX.get(key)
    if found is not None:
        return found
    halves = [h.strip(" /|") for h in _BILINGUAL.split(key)]
    if len(halves) == 2:  # "教育背景 Education": both halves name the same section
        named = {HEADER_INDEX.get(h) or _HEAD_NOUNS.get(h.split()[-1] if h else "") for h in halves}
        if len(named) == 1 and None not in named:
            return named.pop()
    parts = [part for part in _JOINED.split(key) if part]
    if len(parts) > 1 and all(part in HEADER_INDEX for part in parts):
        return HEADER_INDEX[parts[0]]  # "证书与语言": the first names the section
    if _NOT_HEADING.search(key) or (_BULLETED.match(line) and not marked):
        return None
    if re.search(f"[{CJK}]", key):
        return _chinese_heading(key, line, marked)
    return _english_heading(key, line, marked)


def _chinese_heading(key: str, line: str, marked: bool) -> Section | None:
    han = re.sub(rf"[^{CJK}]", "", key)
    if len(han) > 8:
        return None
    if not (marked or _DECORATED.search(line) or han.endswith(_ZH_ENDINGS)):
        return None
    for word, section in _ZH_WORDS:
        if word in han:
            return section
    return "other" if han.endswith(_ZH_ENDINGS) else None


def _english_heading(key: str, line: str, marked: bool) -> Section | None:
    words = key.replace("&", " & ").replace("/", " / ").split()
    if not words or len(words) > (6 if marked else 4):
        return None
    letters = re.sub(r"[^A-Za-z]", "", line)
    capitals = letters.isupper() and len(letters) >= 4
    title_case = all(
        w[:1].isupper() or w.casefold() in _SMALL_WORDS for w in line.strip(" #*_=-").split()
    )
    if not (marked or capitals or title_case or _DECORATED.search(line)):
        return None
    if "of" in words:  # "Summary of Qualifications" is a summary
        words = words[: words.index("of")]
    content = [w for w in words if w not in _SMALL_WORDS]
    if not content:
        return None
    if any(w.startswith("langu") for w in content):
        # "Languages & Tools": a skills list that names spoken languages too
        # (the skills section hands those to the languages).
        others = [_HEAD_NOUNS.get(w) for w in content if not w.startswith("langu")]
        return "skills" if "skills" in others or "programming" in content else "languages"
    if any(w in ("education", "educational", "academic") for w in content):
        return "education"
    found = _HEAD_NOUNS.get(content[-1])
    if found == "work" and len(content) > 1 and content[-2] in _NOT_JOBS:
        return "other"
    return found
