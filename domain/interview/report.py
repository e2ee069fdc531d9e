"""The interview report's words: conclusions per dimension and the quotes behind them.

The models give numbers and per-feature contributions; a recruiter needs a
sentence and the candidate's own words that support it. Both are derived by
fixed rules from the transcript and the explanation, so the same answers
always give the same report, and every sentence can be traced to a number.
"""

import math
import re
from collections.abc import Sequence

from domain.interview.terms import competency_terms, matched_terms, tokens

QUOTE_CHARS = 240
QUOTE_WORDS = 30
QUOTES_PER_DIMENSION = 2

FEATURE_WORDS: dict[str, str] = {
    "words_per_minute": "speaking rate (words per minute)",
    "pause_ratio": "share of the answer spent in pauses",
    "vocabulary_richness": "vocabulary richness",
    "filler_ratio": "share of filler words",
    "answer_words": "answer length (words)",
    "rubric_coverage": "coverage of the question's rubric points",
    "competency_coverage": "coverage of the competency's terms",
    "asr_mean_avg_logprob": "speech-recognition confidence",
    "asr_max_no_speech_prob": "probability of silence in the recording",
}

_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s*")


def _passages(text: str) -> list[str]:
    """Sentences, or runs of about 30 words where the transcript has no punctuation."""
    passages: list[str] = []
    for sentence in (s.strip() for s in _SENTENCE_END.split(text)):
        if not sentence:
            continue
        words = sentence.split()
        if len(words) <= QUOTE_WORDS:
            passages.append(sentence)
        else:
            passages += [
                " ".join(words[i : i + QUOTE_WORDS]) for i in range(0, len(words), QUOTE_WORDS)
            ]
    return passages


def evidence_quotes(
    text: str, rubric: Sequence[str], dimension: str, limit: int = QUOTES_PER_DIMENSION
) -> list[dict[str, object]]:
    """The passages that mention the most rubric and competency terms, in the
    order spoken, each with the terms it mentions. Empty if none mentions any."""
    terms = list(dict.fromkeys([*rubric, *competency_terms(dimension, text)]))
    scored = []
    for index, passage in enumerate(_passages(text)):
        found = matched_terms(passage, terms)
        if found:
            scored.append((len(found), -index, passage, found))
    best = sorted(scored, reverse=True)[:limit]
    return [
        {"quote": _clip(passage), "terms": found}
        for _, _, passage, found in sorted(best, key=lambda item: -item[1])
    ]


def _clip(passage: str) -> str:
    return passage if len(passage) <= QUOTE_CHARS else passage[: QUOTE_CHARS - 1] + "…"


def level(score: float, pass_score: float) -> str:
    if score >= max(pass_score + 15, 75):
        return "strong"
    if score >= pass_score:
        return "meets the bar"
    if score >= pass_score - 15:
        return "close to the bar"
    return "below the bar"


def conclusion(
    dimension: str, score: float, pass_score: float, top: Sequence[tuple[str, float, float]]
) -> str:
    """One sentence per dimension: the level and the features that moved the score most.

    ``top`` holds (feature, value, contribution in score points); a feature
    that does not apply (a typed answer's speaking rate) has value NaN."""
    reasons = []
    for feature, value, contribution in top:
        shown = "n/a" if math.isnan(value) else f"{value:.2f}"
        direction = "raised" if contribution >= 0 else "lowered"
        words = FEATURE_WORDS.get(feature, feature)
        reasons.append(f"{words} {shown} {direction} it by {abs(contribution):.1f}")
    label = dimension.replace("_", " ")
    head = f"{label.capitalize()}: {score:.0f}/100, {level(score, pass_score)}"
    return head + (f" ({'; '.join(reasons)})." if reasons else ".")


def word_count(text: str) -> int:
    return len(tokens(text))
