"""Answer features on hand-made answers whose values can be worked out by hand."""

import math

import numpy as np
import pytest
from pydantic import ValidationError

from domain.interview.answer_features import (
    FEATURE_NAMES,
    LOGPROB_FLOOR,
    SPEECH_FEATURES,
    AnswerEvidence,
    LabelledAnswer,
    Segment,
    features,
    vector,
    vocabulary_richness,
)
from domain.interview.terms import competency_terms, matched_terms, tokens


def answer(
    text: str,
    duration_s: float = 60.0,
    segments: list[Segment] | None = None,
    rubric: list[str] | None = None,
    dimension: str = "teamwork",
) -> AnswerEvidence:
    return AnswerEvidence(
        text=text,
        duration_s=duration_s,
        segments=segments or [],
        rubric=rubric or [],
        dimension=dimension,
    )


def test_words_per_minute_is_words_over_the_whole_duration() -> None:
    text = " ".join(["word"] * 30)
    assert features(answer(text, duration_s=20))["words_per_minute"] == pytest.approx(90.0)
    assert features(answer(text, duration_s=60))["answer_words"] == 30.0


def test_pause_ratio_is_the_uncovered_share_with_overlaps_merged_and_ends_clipped() -> None:
    segments = [
        Segment(start=0, end=4),
        Segment(start=3, end=6),  # overlaps the first: speech 0-6
        Segment(start=8, end=12),  # runs past the 10 s answer: clipped to 8-10
    ]
    assert features(answer("hello", duration_s=10, segments=segments))["pause_ratio"] == (
        pytest.approx(0.2)
    )
    assert features(answer("hello", duration_s=10))["pause_ratio"] == 1.0
    full = [Segment(start=0, end=10)]
    assert features(answer("hello", duration_s=10, segments=full))["pause_ratio"] == 0.0


def test_fillers_count_their_words_in_english_and_chinese() -> None:
    # 10 tokens: um(1) + "you know"(2) + "sort of"(2) are fillers -> 5/10
    english = "um I you know sort of agree with the team"
    assert len(tokens(english)) == 10
    assert features(answer(english))["filler_ratio"] == pytest.approx(0.5)
    # 11 characters: 嗯(1) + 那个(2) + 就是(2) are fillers -> 5/11
    chinese = "嗯那个我们就是一起合作"
    assert len(tokens(chinese)) == 11
    assert features(answer(chinese))["filler_ratio"] == pytest.approx(5 / 11)
    assert features(answer("we agreed on the plan"))["filler_ratio"] == 0.0


def test_rubric_coverage_matches_words_and_phrases_case_and_plural_insensitively() -> None:
    rubric = ["customer", "root cause", "escalate", "refund"]
    text = "I found the Root Cause, told the customers and escalated it."
    assert matched_terms(text, rubric) == ["customer", "root cause", "escalate"]
    assert features(answer(text, rubric=rubric))["rubric_coverage"] == pytest.approx(0.75)
    # whole tokens only, and a phrase needs its words in order
    assert matched_terms("steam from the cause root", ["team", "root cause"]) == []


def test_competency_coverage_uses_the_lexicon_in_the_answers_language() -> None:
    english_terms = competency_terms("teamwork", "we")
    assert english_terms and all(t.isascii() for t in english_terms)
    text = "Our team worked together; I helped a colleague and we shared the role."
    found = matched_terms(text, english_terms)
    assert {"team", "together", "colleague", "help", "share", "role", "we"} <= set(found)
    value = features(answer(text))["competency_coverage"]
    assert value == pytest.approx(len(found) / len(english_terms))

    chinese_terms = competency_terms("teamwork", "团队合作")
    assert chinese_terms and not any(t.isascii() for t in chinese_terms)
    chinese = features(answer("我们团队一起合作", dimension="teamwork"))
    assert chinese["competency_coverage"] == pytest.approx(2 / len(chinese_terms))
    assert features(answer(text, dimension="risk_awareness"))["competency_coverage"] == 0.0


def test_vocabulary_richness_falls_with_repetition_and_is_length_corrected() -> None:
    assert vocabulary_richness(["a", "b", "c", "d"]) == 1.0
    assert vocabulary_richness(["a", "a", "b", "b"]) == 0.5
    varied = [f"w{i}" for i in range(200)]
    assert vocabulary_richness(varied) == 1.0
    # A 50-word cycle repeated: every 50-word window holds 50 distinct words,
    # so MATTR stays 1 however long the answer, where plain TTR would fall to 0.25.
    cycle = [f"w{i % 50}" for i in range(200)]
    assert vocabulary_richness(cycle) == 1.0
    looped = [f"w{i % 10}" for i in range(200)]
    assert vocabulary_richness(looped) == pytest.approx(10 / 50)


def test_asr_confidence_is_duration_weighted_and_worst_case_no_speech() -> None:
    segments = [
        Segment(start=0, end=3, avg_logprob=-0.2, no_speech_prob=0.1),
        Segment(start=3, end=4, avg_logprob=-1.0, no_speech_prob=0.6),
    ]
    values = features(answer("hello there", duration_s=4, segments=segments))
    assert values["asr_mean_avg_logprob"] == pytest.approx((3 * -0.2 + 1 * -1.0) / 4)
    assert values["asr_max_no_speech_prob"] == 0.6


@pytest.mark.parametrize(
    ("text", "duration"), [("", 0.0), ("", 30.0), ("um", 0.0), ("hello world", 0.0)]
)
def test_empty_and_zero_length_answers_have_defined_finite_values(
    text: str, duration: float
) -> None:
    values = features(answer(text, duration_s=duration))
    assert tuple(values) == FEATURE_NAMES
    assert all(math.isfinite(v) for v in values.values())
    assert values["words_per_minute"] == 0.0
    assert values["asr_mean_avg_logprob"] == LOGPROB_FLOOR
    assert values["asr_max_no_speech_prob"] == 1.0
    if not text:
        assert values["filler_ratio"] == 0.0
        assert values["vocabulary_richness"] == 0.0
        assert values["answer_words"] == 0.0


def test_instantaneous_segments_do_not_divide_by_zero() -> None:
    segments = [Segment(start=1, end=1, avg_logprob=-0.4), Segment(start=2, end=2)]
    values = features(answer("ok", duration_s=5, segments=segments))
    assert values["asr_mean_avg_logprob"] == pytest.approx(-0.2)
    assert values["pause_ratio"] == 1.0


def test_vector_follows_feature_names() -> None:
    evidence = answer("we shared the work", duration_s=6, rubric=["work"])
    row = vector(evidence)
    assert row.dtype == np.float64
    assert row.tolist() == [features(evidence)[name] for name in FEATURE_NAMES]


def test_evidence_rejects_impossible_inputs() -> None:
    with pytest.raises(ValidationError, match="before it starts"):
        Segment(start=5, end=2)
    with pytest.raises(ValidationError):
        answer("x", duration_s=-1)
    with pytest.raises(ValidationError):
        answer("x", duration_s=float("inf"))


def typed(
    text: str, rubric: list[str] | None = None, dimension: str = "teamwork"
) -> AnswerEvidence:
    return AnswerEvidence(
        text=text, duration_s=95.0, rubric=rubric or [], dimension=dimension, spoken=False
    )


@pytest.mark.parametrize(
    "text",
    [
        "Our team agreed on roles; I helped a colleague and um, we shared the customer work.",
        "我们团队一起合作，就是互相帮助",
        "",
    ],
)
def test_a_typed_answer_has_nan_exactly_in_the_speech_features(text: str) -> None:
    rubric = ["customer", "roles", "root cause"]
    spoken = features(
        answer(text, duration_s=20, segments=[Segment(start=0, end=15)], rubric=rubric)
    )
    written = features(typed(text, rubric=rubric))
    assert tuple(written) == FEATURE_NAMES
    assert set(SPEECH_FEATURES) < set(FEATURE_NAMES) and len(SPEECH_FEATURES) == 4
    for name in FEATURE_NAMES:
        if name in SPEECH_FEATURES:
            assert math.isnan(written[name]), name
            assert math.isfinite(spoken[name]), name
        else:
            # content (fillers and vocabulary included) is read from the words alike
            assert written[name] == spoken[name], name
    row = vector(typed(text, rubric=rubric))
    assert np.isnan(row).tolist() == [name in SPEECH_FEATURES for name in FEATURE_NAMES]


def test_typed_is_opt_in_and_cannot_carry_speech_segments() -> None:
    assert answer("hello").spoken is True
    assert all(math.isfinite(v) for v in features(answer("hello")).values())
    # duration is ignored for a typed answer: typing time is not speaking time
    assert features(typed("we agreed")) == pytest.approx(
        features(typed("we agreed").model_copy(update={"duration_s": 5.0})), nan_ok=True
    )
    with pytest.raises(ValidationError, match="typed answer"):
        AnswerEvidence(
            text="hi",
            duration_s=3,
            segments=[Segment(start=0, end=1)],
            dimension="teamwork",
            spoken=False,
        )


def test_labelled_rows_with_nan_compare_and_hash_as_not_applicable() -> None:
    nan_row = (math.nan, float("nan"), *[0.5] * (len(FEATURE_NAMES) - 4), math.nan, math.nan)
    other_nans = tuple(float("nan") if math.isnan(v) else v for v in nan_row)
    first = LabelledAnswer("teamwork", nan_row, 50.0, "x")
    second = LabelledAnswer("teamwork", other_nans, 50.0, "x")
    assert first == second and hash(first) == hash(second) and first.typed
    zeros = LabelledAnswer("teamwork", tuple(0.0 if math.isnan(v) else v for v in nan_row), 50.0)
    assert first != zeros and not zeros.typed
