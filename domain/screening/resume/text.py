"""Text normalisation shared by every rule: one form (NFKC) for all input,
the resume's language, and Markdown marks taken off so ``**2020**`` and
``## Education`` read as their text."""

import re
import unicodedata

from domain.screening.resume.models import ResumeLanguage

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_RE = re.compile(f"[{CJK}]")


def normalise_text(text: str) -> str:
    """NFKC (full-width letters, digits and punctuation become ASCII), unify
    line ends and drop zero-width characters. Every output string of the
    parser is in this form."""
    # An ideographic space sets fields apart in Chinese text ("公司　职位");
    # NFKC would make it one space, which joins words, so it becomes two.
    text = unicodedata.normalize("NFKC", text.replace("\u3000", "  "))
    text = _ZERO_WIDTH.sub("", text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def detect_language(text: str) -> ResumeLanguage:
    """Chinese when at least a fifth of the letters are Han characters.

    Chinese resumes are full of English skill names and e-mail addresses,
    and one Han character carries about as much as a short English word,
    so a fifth is a clear line between the two."""
    han = len(CJK_RE.findall(text))
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    if han == 0:
        return "en"
    return "zh" if han / (han + latin) >= 0.2 else "en"


WHITESPACE = re.compile(r"\s+")


def clean(value: str) -> str:
    """A value without runs of spaces and the separators around it."""
    return WHITESPACE.sub(" ", value).strip().strip(" \t|,;:-–—·•*_#>")


_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*")
_MD_LINK = re.compile(r"\[([^\]]*)\]\((?:mailto:|tel:)?[^)]*\)")
_MD_EMPHASIS = re.compile(r"\*\*|__|`")
# *text* and _text_ (not a bullet "* item", not snake_case or e-mail names)
_MD_SINGLE_EMPHASIS = re.compile(r"(?<![\w*])([*_])(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![\w*])")
_MD_TABLE_RULE = re.compile(r"\s*\|?[\s:|-]+\|?\s*")
_UNDERLINE = re.compile(r"\s*(?:={3,}|-{3,})\s*")


def markdown_to_text(line: str) -> str:
    """Markdown marks off, in every text: headings, links, emphasis, table rules."""
    line = _MD_HEADING.sub("", line)
    line = _MD_LINK.sub(r"\1", line)
    line = _MD_EMPHASIS.sub("", line)
    line = _MD_SINGLE_EMPHASIS.sub(r"\2", line)
    if "-" in line and _MD_TABLE_RULE.fullmatch(line):
        return ""
    stripped = line.strip()
    if stripped.startswith("|") and stripped.endswith("|"):
        line = stripped.strip("|")
    return line


def plain_lines(text: str) -> list[tuple[str, bool]]:
    """The non-empty lines of a text without their Markdown, each with
    whether the text marked it as a heading: ``# ...`` or underlined with
    ``===``/``---`` (the readers write Word's heading styles as ``#``)."""
    raw = text.split("\n")
    out: list[tuple[str, bool]] = []
    for index, line in enumerate(raw):
        marked = bool(_MD_HEADING.match(line))
        following = raw[index + 1] if index + 1 < len(raw) else ""
        if _UNDERLINE.fullmatch(following) and line.strip() and not _UNDERLINE.fullmatch(line):
            marked = True
        plain = markdown_to_text(line).strip()
        if plain:
            out.append((plain, marked))
    return out
