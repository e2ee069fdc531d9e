"""The applicant's name: PII, found where people write it.

In order: a labelled name ("姓名：", "Name:", or a table row "姓名 | 张三");
the first name-shaped piece of the lines before the first section (split at
the separators people put between name, title and phone: "|", "·", " - ",
two spaces); a name confirmed by the e-mail address anywhere else (a
sidebar template puts the name below the contact block).

Name-shaped: two to four capitalised words ("Dr." and the like taken off),
or two to four Han characters, also when spaced out ("王 欣 怡"). A Han
candidate is preferred when it starts with a common surname, and never
taken when it is a heading, a degree, a school or a place ("教育背景",
"硕士"). A Chinese name with its romanisation ("黄诗雨 Shiyu Huang") is the
Chinese name.
"""

import re
from collections.abc import Iterable, Sequence

from domain.screening.resume.fields import DEGREE_RE, SCHOOL_RE, is_location
from domain.screening.resume.headings import heading_section
from domain.screening.resume.text import CJK, CJK_RE, clean

_NAME_LABEL_RE = re.compile(r"^(?:姓\s*名|name|full name|candidate)\s*:\s*(.+)$", re.IGNORECASE)
_NAME_CELL_RE = re.compile(
    r"(?:^|[|｜])\s*(?:姓\s*名|name|full name)\s*[|｜]\s*([^|｜]+?)\s*(?:[|｜]|$)", re.IGNORECASE
)
_TITLE_WORDS = re.compile(
    r"^(?:个人简历|简历|求职简历|应聘简历|resume|résumé|curriculum vitae|cv)$", re.IGNORECASE
)
_TITLED_NAME = (
    re.compile(r"^(.+?)的(?:个人)?简历$"),
    re.compile(r"^(?:个人简历|简历|resume|résumé|curriculum vitae|cv)\s*[-–—:|]\s*(.+)$", re.I),
    re.compile(r"^(.+?)\s*[-–—|]\s*(?:个人简历|简历|resume|résumé|curriculum vitae|cv)$", re.I),
    re.compile(r"^(?:resume|résumé|cv|curriculum vitae)\s+of\s+(.+)$", re.I),
)
_ZH_NAME_RE = re.compile(f"^[{CJK}]{{2,4}}(?:·[{CJK}]{{1,6}})?$")
_SPACED_HAN = re.compile(f"^[{CJK}](?:\\s+[{CJK}]){{1,3}}$")
_BILINGUAL = re.compile(
    f"^(?P<han>[{CJK}]{{2,4}})\\s+[A-Z][a-z]+(?:[ -][A-Z][a-z]+){{1,2}}$"
    f"|^[A-Z][a-z]+(?:[ -][A-Z][a-z]+){{1,2}}\\s+(?P<han2>[{CJK}]{{2,4}})$"
)
_HONORIFIC = re.compile(r"(?i)^(?:dr|mr|mrs|ms|miss|mx|prof|professor)\.?\s+")
_NAME_WORD_RE = re.compile(r"^[^\W\d_](?:[^\W\d_]|['’.-](?=[^\W\d_]))*\.?$")
_NOT_NAME_WORDS = {
    "resume", "curriculum", "vitae", "university", "college", "engineer", "education",
    "experience", "skills", "contact", "profile", "summary", "street", "road", "avenue", "china",
    "beijing", "shanghai", "personal", "information", "manager", "analyst",
}  # fmt: skip
_FIELD_SPLIT = re.compile(r"\s*(?:\||｜|\t|\s{2,}|/|,|\s[·•–—-]\s|•)\s*")
# The most common Chinese surnames (compound ones first): together they are
# the family names of nearly nine in ten people in China.
_COMPOUND_SURNAMES = (
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "令狐",
)
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛"
    "郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦"
    "俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房"
    "滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应"
    "臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)


def _is_han_name(value: str) -> bool:
    return (
        bool(_ZH_NAME_RE.match(value))
        and heading_section(value) is None
        and not DEGREE_RE.search(value)
        and not SCHOOL_RE.search(value)
        and not is_location(value)
    )


def _has_surname(value: str) -> bool:
    return value[:1] in _SURNAMES or value.startswith(_COMPOUND_SURNAMES)


def _name_candidate(chunk: str) -> str | None:
    chunk = clean(chunk)
    if not chunk or "@" in chunk or re.search(r"\d", chunk):
        return None
    for pattern in _TITLED_NAME:
        titled = pattern.match(chunk)
        if titled is not None:
            chunk = clean(titled.group(1))
            break
    if _SPACED_HAN.match(chunk):
        chunk = re.sub(r"\s+", "", chunk)
    bilingual = _BILINGUAL.match(chunk)
    if bilingual is not None:
        chunk = bilingual.group("han") or bilingual.group("han2")
    if _is_han_name(chunk):
        return chunk
    words = _HONORIFIC.sub("", chunk).split()
    if 2 <= len(words) <= 4 and all(
        _NAME_WORD_RE.match(w) and w[0].isupper() and not CJK_RE.search(w) for w in words
    ):
        if any(w.casefold().strip(".") in _NOT_NAME_WORDS for w in words):
            return None
        return " ".join(w.title() if w.isupper() and len(w) > 1 else w for w in words)
    return None


def _labelled_name(lines: Iterable[str]) -> str | None:
    for line in lines:
        labelled = _NAME_LABEL_RE.match(line)
        if labelled is not None:
            value = _FIELD_SPLIT.split(labelled.group(1).strip())[0]
            value = re.split(r"\s+\S{1,8}:", value)[0]
            cleaned = clean(value)
            return cleaned or None
        for inner in re.finditer(r"(?:姓\s*名|Name)\s*:\s*([^\s|/,]+(?: [A-Z][a-z]+)*)", line):
            cleaned = clean(inner.group(1))
            if cleaned:
                return cleaned
        cell = _NAME_CELL_RE.search(line)
        if cell is not None and clean(cell.group(1)):
            return clean(cell.group(1))
    return None


def _candidates(lines: Iterable[str]) -> list[str]:
    found: list[str] = []
    for line in lines:
        if _TITLE_WORDS.match(clean(line)):
            continue
        whole = _name_candidate(line)  # "王 欣 怡" before its spaces split it
        chunks = [line] if whole else _FIELD_SPLIT.split(line)
        found.extend(c for c in map(_name_candidate, chunks) if c)
    return found


def find_name(lines: Sequence[str], *, email: str | None = None) -> str | None:
    """The name in a resume's head lines, or None. With ``email``, a
    candidate the address spells ("nadia.haddad@...") wins."""
    labelled = _labelled_name(lines)
    if labelled is not None:
        return labelled
    candidates = _candidates(lines[:10])
    for candidate in candidates:
        if email is not None and spelled_by(candidate, email):
            return candidate
    for candidate in candidates:
        if not CJK_RE.match(candidate) or _has_surname(candidate):
            return candidate
    return candidates[0] if candidates else None


def spelled_by(name: str, email: str) -> bool:
    """Whether an e-mail address's local part spells a Latin name: every
    word of it, or the first's initial and the last ("jwhitfield")."""
    local = re.sub(r"[^a-z]", "", email.split("@")[0].casefold())
    words = [re.sub(r"[^a-z]", "", w.casefold()) for w in name.split()]
    if len(words) < 2 or not all(words) or not local:
        return False
    return all(w in local for w in words) or local.startswith(words[0][0] + words[-1])


def name_spelled_by(lines: Iterable[str], email: str) -> str | None:
    """A name anywhere in the resume that its e-mail address spells."""
    for candidate in _candidates(lines):
        if not CJK_RE.match(candidate) and spelled_by(candidate, email):
            return candidate
    return None
