"""Splitting a resume into sections by their headings ("Education",
"教育背景", "Skills: ..." inline, Markdown ``##``, "【证书】", ...; which
heading opens which section is ``headings``), and the bullet marks that tell
a description from an entry's heading line."""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from domain.screening.resume.headings import HEADER_INDEX, Section, heading_section
from domain.screening.resume.vocabulary import languages_in

_INLINE_HEADER_RE = re.compile(
    r"^(?P<h>"
    + "|".join(re.escape(h) for h in sorted(HEADER_INDEX, key=len, reverse=True))
    + r")\s*[:]\s*(?P<rest>\S.*)$",
    re.IGNORECASE,
)
_INLINE_BREAK_RE = re.compile(
    r"\s*;\s*(?=(?:"
    + "|".join(re.escape(h) for h in sorted(HEADER_INDEX, key=len, reverse=True))
    + r")\s*:)",
    re.IGNORECASE,
)
_DECORATION = " \t#*_=~>[]【】「」『』<>《》()-–—·•:|■□◆◇●○▶►★☆▪◼◉✦❖"
BULLET_RE = re.compile(r"^\s*(?:[-*+•·●○◦▪■□◆◇►▶➢✓✔]|\d{1,2}[.)、](?!\d)|\(\d{1,2}\))\s*")
DESCRIPTION_LABEL = re.compile(
    r"^(?:工作内容|主要职责|工作职责|职责描述|职责|工作描述|主要工作|项目描述|主要业绩|业绩"
    r"|responsibilities|description|achievements|key achievements|duties)\s*:",
    re.IGNORECASE,
)


@dataclass
class Block:
    section: Section
    lines: list[str] = field(default_factory=list)


def split_sections(lines: Iterable[tuple[str, bool]]) -> list[Block]:
    """Blocks of lines by section; the first is "top" (name and contact
    details). Each line comes with whether the document marked it as a
    heading (``headings.heading_section``)."""
    blocks = [Block("top")]
    pieces = ((p, marked) for raw, marked in lines for p in _INLINE_BREAK_RE.split(raw))
    for raw, marked in pieces:
        line = raw.strip()
        if not line:
            continue
        section = heading_section(line, marked=marked)
        if section is not None:
            blocks.append(Block(section))
            continue
        inline = _INLINE_HEADER_RE.match(line.lstrip(_DECORATION.replace(":", "")))
        if inline is not None:
            found = HEADER_INDEX[inline.group("h").casefold()]
            rest = inline.group("rest")
            # "Languages: Python, SQL" inside a skills section lists
            # programming languages, not a languages section.
            programming = (
                found == "languages" and blocks[-1].section == "skills" and not languages_in(rest)
            )
            if found != blocks[-1].section and not programming:
                blocks.append(Block(found, [rest]))
                continue
        blocks[-1].lines.append(line)
    return blocks
