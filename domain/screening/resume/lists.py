"""Skills, certificates and languages: list sections cut into items and the
items named canonically; unknown items are kept, lowercased. Language tests
(CET-6, IELTS, JLPT, ...) count as evidence of the language, not as
certificates."""

import re
from collections.abc import Iterable, Sequence

from domain.screening.resume.sections import BULLET_RE
from domain.screening.resume.vocabulary import (
    CERTIFICATE_ALIASES,
    LANGUAGE_NAMES,
    LANGUAGE_TEST_RE,
    SKILL_ALIASES,
    alias_key,
    languages_in,
)

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
_ENDS_CLOSED = re.compile(r"(?:[,;、|。.]|(?:19|20)\d{2}\)?)$")
_LANGUAGE_OF_VARIANT = {
    alias_key(variant): name
    for name, variants in LANGUAGE_NAMES.items()
    for variant in (name, *variants)
}


def _known(item: str) -> bool:
    key = alias_key(_strip_item(item))
    return key in SKILL_ALIASES or key in CERTIFICATE_ALIASES or key in _LANGUAGE_OF_VARIANT


def _wrapped(previous: str, line: str) -> bool:
    """Whether a line goes on with the previous one's last item: not when it
    opens with a proficiency ("熟练使用...") or with an item of its own
    ("..., Git" / "Portuguese (native), ...", "... Board of Nursing" / "CFA
    Level I, 2020") that joined to the last would make one nobody has heard
    of ("Power" / "BI" and "Microsoft" / "Excel" do join)."""
    if _PROFICIENCY_PREFIX.match(line):
        return False
    tail = _LIST_SPLIT.split(previous)[-1]
    head = _LIST_SPLIT.split(line)[0]
    return not (_known(head) and not _known(f"{tail} {head}"))


def list_items(lines: Sequence[str]) -> list[str]:
    """Items of a list section. A line continues the previous one when it
    was wrapped (in a bulleted list: it has no bullet; otherwise: the previous
    line had delimiters and did not end on one); every other line is an item
    or a delimited list of items."""
    chunks: list[str] = []
    previous_had_delimiter = False
    previous_ended_open = False
    bulleted = bool(lines) and bool(BULLET_RE.match(lines[0]))
    for raw in lines:
        bullet = bool(BULLET_RE.match(raw))
        line = BULLET_RE.sub("", raw).strip()
        if not line:
            continue
        # In a bulleted list a line without a bullet is the previous item, wrapped.
        continues = (
            chunks
            and not bullet
            and not _SUBLABEL.match(line)
            and (
                bulleted
                or (previous_had_delimiter and previous_ended_open and _wrapped(chunks[-1], line))
            )
        )
        if continues:
            joiner = " " if chunks[-1][-1:].isascii() and line[:1].isascii() else ""
            chunks[-1] = chunks[-1] + joiner + line
        else:
            chunks.append(line)
        previous_had_delimiter = bool(_LIST_SPLIT.search(line))
        # A line ending on a year ("CFA Level I, 2020") ends its item.
        previous_ended_open = not _ENDS_CLOSED.search(line)
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


_ZH_TAIL = re.compile(
    r"(?<=.)(?:等[^,、]{0,10}?(?:软件|工具|技术|语言|框架|平台|方法|数据库|系统|设备|仪器)"
    r"|的(?:基本)?(?:使用|操作|应用|原理|配置|开发|用法))$"
)
_PURPOSE = re.compile(r"(?i)^(?P<head>.+?)\s+(?:for|to)\s+\w.*$")


def _strip_item(item: str) -> str:
    """An item without what people write around a skill: proficiency
    ("熟练使用", "proficient in"), "etc.", a bracket, a Chinese tail naming
    the kind of thing ("AutoCAD等三维设计软件", "Nginx的基本使用") and an
    English purpose ("Python for data processing") after a known skill."""
    previous = None
    while previous != item:
        previous = item
        item = _PROFICIENCY_PREFIX.sub("", item.strip())
        item = _ITEM_SUFFIX.sub("", item)
        item = _ZH_TAIL.sub("", item)
        purpose = _PURPOSE.match(item)
        if purpose is not None and alias_key(purpose.group("head")) in SKILL_ALIASES:
            item = purpose.group("head")
        item = item.strip(" .:-–—*")
    return item


def _canonical_skill(item: str) -> list[str]:
    item = _strip_item(item)
    if not item:
        return []
    key = alias_key(item)
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
_NESTED_ONE = re.compile(r"^(?P<main>[^()]+?)\s*\((?P<inner>[^()]+)\)\s*$")
_LEVEL = re.compile(
    r"(?i)\b(?:native|mother tongue|fluent|bilingual|basic|beginner|elementary|intermediate"
    r"|advanced|proficient|expert|professional|conversational|working|good|excellent|familiar"
    r"|years?|months?|e\.g|etc|including)\b|熟练|精通|熟悉|了解|掌握|良好|一般|母语|流利|\d"
)


def _names_a_tool(inner: str, main: str) -> bool:
    """ "Video editing (Premiere)": the bracket names a tool, unless it
    says how well ("(advanced)"), for how long, or spells out the
    initials of what it follows ("Search Engine Optimization (SEO)")."""
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w-]*", main)).casefold()
    return (
        not _LEVEL.search(inner)
        and len(inner.split()) <= 3
        and inner.strip().casefold() != initials
    )


def normalise_skills(items: Iterable[str]) -> list[str]:
    """Canonical lowercase skill names, deduplicated in order of appearance.
    A bracketed list after a skill ("Python (pandas, numpy)") adds its items,
    and so does a bracketed tool ("视频剪辑（Premiere）")."""
    out: list[str] = []
    expanded: list[str] = []
    for item in items:
        nested = _NESTED_LIST.match(item.strip())
        one = _NESTED_ONE.match(item.strip())
        if nested is not None:
            expanded.append(nested.group("main"))
            expanded.extend(_PUNCTUATION_SPLIT.split(nested.group("inner")))
        elif one is not None and _names_a_tool(one.group("inner"), one.group("main")):
            expanded.extend((one.group("main"), one.group("inner")))
        else:
            expanded.append(item)
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
        key = alias_key(candidate)
        if key in CERTIFICATE_ALIASES:
            return CERTIFICATE_ALIASES[key]
    plain = alias_key(_ITEM_SUFFIX.sub("", item))
    return plain or None


_ISSUER = re.compile(
    r"(?i)\b(?:board|council|institute|association|society|commission|authority|agency|ministry"
    r"|bureau|university|college|academy|foundation|chamber|federation|engineers|accountants"
    r"|actuaries|architects|surveyors)\b|协会|学会|委员会"
)
_CERTIFICATE_WORD = re.compile(r"(?i)certif|licen[cs]|diploma|证|资格|执照|认证")
_AWARD = re.compile(r"(?i)(?:奖|奖学金|\baward|\bprize|\bscholarship|\bmedal)s?$")


def names_a_certificate(text: str) -> bool:
    """Whether a line outside the certificates names one ("Certified Public
    Accountant, 2020" under "Education & Credentials")."""
    item = _YEAR_SUFFIX.sub("", text).strip()
    return bool(_CERTIFICATE_WORD.search(item)) or alias_key(item) in CERTIFICATE_ALIASES


def language_of_item(item: str) -> str | None:
    """The language a list item names on its own ("English (C2)",
    "Portuguese - native", "IELTS 7.5"), or None."""
    core = re.split(r"\s*(?:\(|:|\s[-–—]\s)", item.strip(), maxsplit=1)[0]
    core = re.sub(r"\s*\d+(?:\.\d)?$", "", core)
    return _LANGUAGE_OF_VARIANT.get(alias_key(core))


def certificates_and_language_tests(
    lines: Sequence[str],
) -> tuple[list[str], list[str], list[str]]:
    """Certificates, the languages their language tests show, and the known
    skills listed with them ("技能证书: Python、英语六级"). The body that
    issued a certificate ("..., Arizona State Board of Nursing") and prizes
    listed among certificates are none of these."""
    certificates: list[str] = []
    languages: list[str] = []
    skills: list[str] = []
    for item in list_items(lines):
        stripped = _YEAR_SUFFIX.sub("", item).strip()
        key = alias_key(_strip_item(stripped))
        if key in SKILL_ALIASES and key not in CERTIFICATE_ALIASES:
            skills.append(item)
            continue
        if _AWARD.search(stripped) or (
            _ISSUER.search(stripped)
            and not _CERTIFICATE_WORD.search(stripped)
            and alias_key(stripped) not in CERTIFICATE_ALIASES
        ):
            continue
        if LANGUAGE_TEST_RE.search(stripped) or LANGUAGE_TEST_RE.search(
            _ITEM_SUFFIX.sub("", stripped)
        ):
            for language in languages_in(stripped) or ["english"]:
                if language not in languages:
                    languages.append(language)
            continue
        certificate = _canonical_certificate(item)
        if certificate and certificate not in certificates:
            certificates.append(certificate)
    return certificates, languages, skills
