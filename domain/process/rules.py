"""Transparent scoring rules used before the learned models arrive.

Each rule is a pure function whose inputs and weights come from the process
definition, so a recruiter can read exactly why a score came out as it did.
Every rule carries a version string that is written next to each score.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

KEYWORD_SCREEN_VERSION = "keyword-screen/1"
RUBRIC_SCORE_VERSION = "rubric-keywords/1"
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


@dataclass(frozen=True)
class AnswerScore:
    question_id: str
    dimension: str
    coverage: float
    matched: list[str]
    word_count: int
    score: float


def score_answer(question_id: str, dimension: str, text: str, rubric: Sequence[str]) -> AnswerScore:
    """Rubric coverage (70 %) plus a length component (30 %) on a 0-100 scale.

    Length saturates at 60 words: enough for a substantive answer, so padding
    earns nothing beyond it.
    """
    tokens = words(text)
    present = set(tokens)
    matched = sorted(term for term in rubric if term.lower() in present)
    coverage = len(matched) / len(rubric) if rubric else 0.0
    length = min(1.0, len(tokens) / 60)
    score = round(100 * (0.7 * min(1.0, coverage * 1.5) + 0.3 * length), 2)
    return AnswerScore(question_id, dimension, round(coverage, 4), matched, len(tokens), score)


def weighted_overall(dimension_scores: Mapping[str, float], weights: Mapping[str, float]) -> float:
    """Weighted mean over the dimensions that were scored (weights renormalised)."""
    used = {d: float(w) for d, w in weights.items() if d in dimension_scores}
    total = sum(used.values())
    if total <= 0:
        return 0.0
    return round(sum(dimension_scores[d] * w for d, w in used.items()) / total, 2)


def dimension_means(answers: Sequence[AnswerScore]) -> dict[str, float]:
    by_dimension: dict[str, list[float]] = {}
    for answer in answers:
        by_dimension.setdefault(answer.dimension, []).append(answer.score)
    return {d: round(sum(v) / len(v), 2) for d, v in sorted(by_dimension.items())}


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
