"""The words an answer is read in: tokens, light stemming, and the short,
reviewable term lists (fillers, competency lexicons) the features count.

Kept apart from ``answer_features`` because these lists are what HR reviews
and edits, while the features are fixed model inputs.
"""

import re
from collections.abc import Sequence

DIMENSIONS: tuple[str, ...] = ("communication", "logical_reasoning", "job_knowledge", "teamwork")

FILLERS: tuple[str, ...] = (
    "um",
    "uh",
    "er",
    "like",
    "you know",
    "basically",
    "actually",
    "sort of",
    "kind of",
    "嗯",
    "啊",
    "那个",
    "就是",
)
"""Filler words and phrases. "like", "actually" and 就是 are also ordinary words;
counting every use slightly overstates fillers, equally for every candidate."""

COMPETENCY_LEXICONS: dict[str, tuple[str, ...]] = {
    "communication": (
        "explain",
        "listen",
        "clarify",
        "audience",
        "present",
        "feedback",
        "summary",
        "example",
        "understand",
        "message",
        "question",
        "沟通",
        "表达",
        "倾听",
        "反馈",
        "举例",
    ),
    "logical_reasoning": (
        "because",
        "therefore",
        "first",
        "second",
        "finally",
        "reason",
        "cause",
        "result",
        "assume",
        "compare",
        "evidence",
        "conclude",
        "因为",
        "所以",
        "首先",
        "其次",
        "结论",
    ),
    "job_knowledge": (
        "process",
        "customer",
        "risk",
        "data",
        "system",
        "policy",
        "quality",
        "requirement",
        "tool",
        "method",
        "standard",
        "analysis",
        "客户",
        "风险",
        "流程",
        "数据",
    ),
    "teamwork": (
        "team",
        "together",
        "colleague",
        "help",
        "support",
        "share",
        "agree",
        "conflict",
        "role",
        "responsibility",
        "we",
        "trust",
        "团队",
        "合作",
        "协作",
        "同事",
    ),
}
"""Small, readable term lists per scored dimension: evidence that an answer
talks about the competency at all. Deliberately short so HR can review them;
question-specific terms belong in each question's rubric, not here."""

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[\u3400-\u4dbf\u4e00-\u9fff]")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_SUFFIXES = ("ing", "ed", "es", "s")


def tokens(text: str) -> list[str]:
    """Lower-cased words, and Chinese characters one by one."""
    return _TOKEN.findall(text.lower().replace("’", "'"))


def _stem(token: str) -> str:
    """Just enough stemming that "customers", "shared" and "sharing" match the
    terms "customer" and "share". Applied to answer and term alike, so
    matching stays symmetric; it is no linguist, and need not be."""
    if token.endswith("'s"):
        token = token[:-2]
    for suffix in _SUFFIXES:
        if suffix == "s" and token.endswith("ss"):
            break
        if token.endswith(suffix) and len(token) - len(suffix) >= 3:
            token = token[: -len(suffix)]
            break
    if token.endswith("e") and len(token) > 3:
        token = token[:-1]
    return token


def _contains(haystack: Sequence[str], needle: Sequence[str]) -> bool:
    """Whether ``needle`` occurs as a contiguous run of tokens in ``haystack``."""
    n = len(needle)
    if n == 0:
        return False
    first = needle[0]
    return any(
        haystack[i] == first and list(haystack[i : i + n]) == list(needle)
        for i in range(len(haystack) - n + 1)
    )


def matched_terms(text: str, terms: Sequence[str]) -> list[str]:
    """The terms (words or phrases, English or Chinese) that occur in ``text``.

    Case-insensitive, lightly stemmed, whole tokens only: "team" does not
    match "steam"; the phrase "root cause" needs both words in that order.
    """
    stems = [_stem(t) for t in tokens(text)]
    found: list[str] = []
    for term in terms:
        needle = [_stem(t) for t in tokens(term)]
        if _contains(stems, needle) and term not in found:
            found.append(term)
    return found


def _mostly_chinese(words: Sequence[str]) -> bool:
    return sum(1 for w in words if _CJK.fullmatch(w)) * 2 > len(words)


def competency_terms(dimension: str, text: str = "") -> tuple[str, ...]:
    """The dimension's lexicon in the language of ``text`` (Chinese terms for a
    mostly-Chinese answer, else the English ones), so coverage can reach 1 in
    either language. Empty for a custom dimension without a lexicon."""
    chinese = _mostly_chinese(tokens(text))
    return tuple(
        term
        for term in COMPETENCY_LEXICONS.get(dimension, ())
        if bool(_CJK.search(term)) == chinese
    )


_FILLER_TOKENS = sorted((tuple(tokens(f)) for f in FILLERS), key=len, reverse=True)


def filler_count(words: Sequence[str]) -> int:
    """Tokens spent on fillers; "you know" counts two, so the ratio is a share
    of the answer's words. Longest match first, no token counted twice."""
    i, spent = 0, 0
    while i < len(words):
        for filler in _FILLER_TOKENS:
            if tuple(words[i : i + len(filler)]) == filler:
                spent += len(filler)
                i += len(filler)
                break
        else:
            i += 1
    return spent
