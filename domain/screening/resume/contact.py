"""Contact details: name, e-mail, phone and PRC resident ID.

They are PII: returned apart from the parsed facts so the caller can put
them in the subject vault and keep them out of events, logs and Temporal.
"""

import re
from collections.abc import Sequence

from domain.screening.resume.models import ContactDetails
from domain.screening.resume.names import find_name
from domain.screening.resume.text import normalise_text

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
    r"(?:phone|tel|telephone|mobile|cell|mob|ph|\b[mtp]|手机|电话|联系电话|手机号码?|移动电话)"
    r"\s*(?:no\.?|号码)?\s*:\s*"
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


_DIGIT_RE = re.compile(r"\d")


def holds_contact_pattern(text: str) -> bool:
    """Whether a text holds anything shaped like a contact detail: an
    e-mail address, a valid PRC ID, a Chinese mobile or international
    number, or a labelled phone. (A bare domestic number is not looked for:
    "2019 2020-2021" has its shape.)"""
    if "@" not in text and len(_DIGIT_RE.findall(text)) < 7:
        return False  # the common case, decided without the patterns
    if _EMAIL_RE.search(text) or _LABELLED_PHONE_RE.search(text):
        return True
    national_id, masked = _find_national_id(text)
    if national_id is not None:
        return True
    return bool(_CN_MOBILE_RE.search(masked) or _INTL_PHONE_RE.search(masked))


_DOMESTIC_PHONE_RE = re.compile(
    r"(?<![\w+])(?:\(?\d{3,4}\)?[ .-]?\d{3,4}[ .-]\d{4}|0\d{3}[ .-]\d{3}[ .-]\d{3})(?!\d)"
)


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


def extract_contact(text: str, head: Sequence[str] | None = None) -> ContactDetails:
    """Name, e-mail, phone (E.164 where the country is known) and PRC ID.

    ``head`` are the lines where a name may stand (before the first section,
    or the whole start of the text)."""
    text = normalise_text(text)
    national_id, masked = _find_national_id(text)
    email = _EMAIL_RE.search(masked)
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    email_address = email.group(0).lower() if email else None
    return ContactDetails(
        name=find_name(list(head) if head is not None else lines[:12], email=email_address),
        email=email_address,
        phone=_find_phone(masked, _find_national_id("\n".join(head or []))[1].split("\n")),
        national_id=national_id,
    )
