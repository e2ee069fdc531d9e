"""Transparent rules behind the definition's service tasks: the keyword
screen, the merged assessment and the training plan.

Each rule is a pure function whose inputs and weights come from the process
definition, so a recruiter can read exactly why a score came out as it did.
Every rule carries a version string that is written next to each score.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

KEYWORD_SCREEN_VERSION = "keyword-screen/1"
MERGE_VERSION = "weighted-merge/1"
TRAINING_RULES_VERSION = "training-rules/1"

_WORD = re.compile(r"[a-z][a-z+#\-]*|[\u4e00-\u9fff]+")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


@dataclass(frozen=True)
class KeywordScore:
    score: float
    matched: list[str]


def keyword_screen(text: str, keywords: Mapping[str, float], saturation: float) -> KeywordScore:
    """Sum the weights of the job's keywords found in the resume, capped at 1.0.

    ``saturation`` is the summed weight that counts as a perfect match, so a
    resume does not need every keyword to score well.
    """
    present = set(words(text))
    lowered = text.lower()
    matched = sorted(
        k for k in keywords if k.lower() in present or (" " in k and k.lower() in lowered)
    )
    total = sum(float(keywords[k]) for k in matched)
    return KeywordScore(score=round(min(1.0, total / saturation), 4), matched=matched)


def merge_assessment(
    ai_score: float, human_score: float, ai_weight: float, human_scale: float
) -> float:
    """One 0-100 assessment from the AI score and the interviewers' 1..scale rating."""
    human = 100 * human_score / human_scale
    return round(ai_weight * ai_score + (1 - ai_weight) * human, 2)


def training_plan(
    dimension_scores: Mapping[str, float], threshold: float, courses: Mapping[str, Sequence[str]]
) -> tuple[list[str], list[str]]:
    """Courses for every dimension scored below ``threshold`` (weakest first)."""
    weak = sorted(
        (d for d, s in dimension_scores.items() if s < threshold),
        key=lambda d: (dimension_scores[d], d),
    )
    plan = [course for d in weak for course in courses.get(d, [])]
    return plan, weak
