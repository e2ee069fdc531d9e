"""Plain text and Markdown -> text, in UTF-8, UTF-16 or GB18030 (the
encodings Chinese applicants' files come in); binary data is refused."""

import re

from adapters.documents.outcome import ReadOutcome, ResumeFormat, problem


def _decode(content: bytes) -> str | None:
    if content.startswith(b"\xef\xbb\xbf"):
        content = content[3:]
    elif content.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return content.decode("utf-16")
        except UnicodeDecodeError:
            return None
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data" and error.start >= len(content) - 3:
            # Cut off inside the last character: the text itself is intact.
            return content[: error.start].decode("utf-8")
    replaced = content.decode("utf-8", errors="replace")
    if replaced.count("\ufffd") <= max(1, len(content) // 1000):
        # A stray bad byte in UTF-8 text; GB18030 text fails UTF-8 throughout.
        return replaced
    try:
        text = content.decode("gb18030")
    except UnicodeDecodeError:
        return None
    return text if _plausible(text) else None


_EXPECTED_CHAR = re.compile(
    r"[\s\x20-\x7e\u00a0-\u024f\u2000-\u206f\u3000-\u303f\u3400-\u9fff\uff00-\uffef]"
)


def _plausible(text: str) -> bool:
    """gb18030 decodes most byte strings; real Chinese or English text is
    nearly all ASCII, CJK and their punctuation."""
    if not text:
        return False
    expected = len(_EXPECTED_CHAR.findall(text))
    return expected / len(text) >= 0.97


def read_text(content: bytes, fmt: ResumeFormat) -> ReadOutcome:
    if b"\x00" in content[:4096] and not content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return problem("corrupt", "file contains binary data, not text", fmt)
    text = _decode(content)
    if text is None:
        return problem("corrupt", "text is in no supported encoding (UTF-8, UTF-16, GB18030)", fmt)
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t\f")
    if controls > max(2, len(text) // 100):
        return problem("corrupt", "file contains binary data, not text", fmt)
    if not text.strip():
        return problem("empty", "file has no text", fmt)
    return ReadOutcome(text=text, format=fmt)
