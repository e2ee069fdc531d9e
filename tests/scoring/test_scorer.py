"""The scorer: champion models, exact LightGBM explanations, named versions."""

from pathlib import Path

import numpy as np
import pytest

from domain.answer_features import FEATURE_NAMES, AnswerEvidence, Segment, vector
from hireloop.modelling.registry import ModelRegistry, RegistryError
from hireloop.modelling.scorer import InterviewScorer

STRONG = (
    "Our team had a conflict about the release plan. First I listened to each colleague and "
    "asked questions to understand their concerns. Then we agreed on clear roles, shared the "
    "responsibility for testing, and I supported two new members so we could finish together. "
    "Because we built trust early, the customer received the system on time. "
) * 2
WEAK = "um I uh like you know I um did some stuff uh basically like it was um fine I guess uh"
RUBRIC = ["conflict", "roles", "customer", "trust", "release plan", "listen"]


def evidence(text: str, duration: float, spoken: float, dimension: str) -> AnswerEvidence:
    """An answer whose eight speech segments cover ``spoken`` of its duration."""
    step = duration / 8
    segments = [
        Segment(start=i * step, end=i * step + spoken * step, avg_logprob=-0.3, no_speech_prob=0.02)
        for i in range(8)
    ]
    return AnswerEvidence(
        text=text, duration_s=duration, segments=segments, rubric=RUBRIC, dimension=dimension
    )


def strong(dimension: str) -> AnswerEvidence:
    return evidence(STRONG, 44, 0.85, dimension)


def weak(dimension: str) -> AnswerEvidence:
    return evidence(WEAK, 25, 0.45, dimension)


@pytest.fixture(scope="module")
def scorer(registry_root: Path) -> InterviewScorer:
    return InterviewScorer(registry_root)


def test_contributions_plus_bias_equal_the_models_prediction(
    scorer: InterviewScorer, registry_root: Path
) -> None:
    answers = [strong("teamwork"), weak("teamwork"), evidence(STRONG, 80, 0.6, "teamwork")]
    result = scorer.score({"teamwork": answers}).dimensions["teamwork"]
    total = result.bias + sum(c.contribution for c in result.contributions)
    assert total == pytest.approx(result.prediction, abs=1e-6)
    # ...and that prediction is the model's own: the mean over the answers.
    _, booster = ModelRegistry(registry_root).load("teamwork")
    rows = np.array([vector(a) for a in answers])
    plain = np.asarray(booster.predict(rows))
    assert result.prediction == pytest.approx(float(plain.mean()), abs=1e-6)
    assert result.answer_predictions == pytest.approx(plain.tolist(), abs=1e-6)
    assert result.answers == 3
    assert [c.feature for c in result.contributions] == list(FEATURE_NAMES)
    assert result.score == round(min(100.0, max(0.0, result.prediction)), 2)


def test_scores_name_their_model_versions_and_top_features(scorer: InterviewScorer) -> None:
    result = scorer.score({d: [strong(d)] for d in ("communication", "teamwork")})
    assert result.model_versions == {
        "communication": "lgbm-communication/1",
        "teamwork": "lgbm-teamwork/1",
    }
    assert result.features == list(FEATURE_NAMES)
    for score in result.dimensions.values():
        assert len(score.top) == 3
        sizes = [abs(c.contribution) for c in score.top]
        assert sizes == sorted(sizes, reverse=True)
        assert sizes[0] == max(abs(c.contribution) for c in score.contributions)
        assert len(score.input_sha256) == 64


def test_a_strong_answer_outscores_a_weak_one_and_the_explanation_says_why(
    scorer: InterviewScorer,
) -> None:
    for dimension in ("communication", "teamwork"):
        good = scorer.score({dimension: [strong(dimension)]}).dimensions[dimension]
        poor = scorer.score({dimension: [weak(dimension)]}).dimensions[dimension]
        assert good.score > poor.score + 30, dimension
        assert all(c.contribution > 0 for c in good.top), dimension
        assert all(c.contribution < 0 for c in poor.top), dimension
    # the weak answer's communication score is pulled down by how it was delivered
    poor_communication = scorer.score({"communication": [weak("communication")]})
    top = {c.feature for c in poor_communication.dimensions["communication"].top}
    assert top & {"filler_ratio", "pause_ratio", "words_per_minute"}


def test_same_input_same_hash_different_input_different_hash(scorer: InterviewScorer) -> None:
    first = scorer.score({"teamwork": [strong("teamwork")]}).dimensions["teamwork"]
    again = scorer.score({"teamwork": [strong("teamwork")]}).dimensions["teamwork"]
    other = scorer.score({"teamwork": [weak("teamwork")]}).dimensions["teamwork"]
    assert first == again
    assert first.input_sha256 != other.input_sha256


def test_misuse_is_refused(scorer: InterviewScorer, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="answers for teamwork filed under communication"):
        scorer.score({"communication": [strong("teamwork")]})
    with pytest.raises(RegistryError, match="no model for dimension sales_skill"):
        scorer.score({"sales_skill": [strong("sales_skill")]})
    with pytest.raises(ValueError, match="no answers to score for teamwork"):
        scorer.score({"teamwork": []})
    with pytest.raises(RegistryError, match="no scoring models in"):
        InterviewScorer(tmp_path)


def test_scorer_can_be_limited_to_named_dimensions(registry_root: Path) -> None:
    only = InterviewScorer(registry_root, ["teamwork"])
    assert only.dimensions == ["teamwork"]
    assert only.model_versions == {"teamwork": "lgbm-teamwork/1"}
