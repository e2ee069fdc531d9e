"""The scorer: champion models, exact LightGBM explanations, named versions."""

import hashlib
import json
import math
from pathlib import Path

import numpy as np
import pytest
from temporalio.contrib.pydantic import pydantic_data_converter

from adapters.ml.dataset import LabelledData
from adapters.ml.registry import ModelRegistry, RegistryError
from adapters.ml.scorer import (
    NOT_APPLICABLE,
    FeatureContribution,
    InterviewScore,
    InterviewScorer,
    input_sha256,
    missing_as_zero,
)
from adapters.ml.training import train_dimension, typed_rows
from domain.interview.answer_features import (
    FEATURE_NAMES,
    FEATURES_VERSION,
    SPEECH_FEATURES,
    AnswerEvidence,
    Segment,
    vector,
)

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


def typed(text: str, dimension: str) -> AnswerEvidence:
    return AnswerEvidence(text=text, duration_s=0, rubric=RUBRIC, dimension=dimension, spoken=False)


def test_a_typed_answer_is_explained_with_its_speech_features_not_applicable(
    scorer: InterviewScorer,
) -> None:
    result = scorer.score({"teamwork": [typed(STRONG, "teamwork")]}).dimensions["teamwork"]
    total = result.bias + sum(c.contribution for c in result.contributions)
    assert total == pytest.approx(result.prediction, abs=1e-6)
    for contribution in result.contributions:
        speech = contribution.feature in SPEECH_FEATURES
        assert contribution.applicable is not speech
        assert math.isnan(contribution.value) is speech
        assert (contribution.shown_value == NOT_APPLICABLE) is speech
        assert math.isfinite(contribution.contribution)  # LightGBM's own, NaN branch or not
    again = scorer.score({"teamwork": [typed(STRONG, "teamwork")]}).dimensions["teamwork"]
    assert again == result  # NaN compares equal to itself here (one math.nan object)


def test_typed_inputs_hash_with_null_and_spoken_hashes_are_unchanged() -> None:
    row = vector(typed(STRONG, "teamwork"))
    digest = input_sha256("teamwork", row.reshape(1, -1))
    expected = json.dumps(
        {
            "features_version": FEATURES_VERSION,
            "dimension": "teamwork",
            "rows": [[None if math.isnan(v) else float(v) for v in row]],
        },
        separators=(",", ":"),
    )
    assert '"rows":[[null,null,' in expected
    assert digest == hashlib.sha256(expected.encode()).hexdigest()
    zeros = np.nan_to_num(row, nan=0.0)
    assert input_sha256("teamwork", zeros.reshape(1, -1)) != digest  # not a silent speaker
    spoken = vector(strong("teamwork")).reshape(1, -1)
    plain = json.dumps(
        {"features_version": FEATURES_VERSION, "dimension": "teamwork", "rows": spoken.tolist()},
        separators=(",", ":"),
    )
    assert input_sha256("teamwork", spoken) == hashlib.sha256(plain.encode()).hexdigest()


def test_a_score_with_not_applicable_values_survives_json(scorer: InterviewScorer) -> None:
    """JSON has no NaN: it is written as null and read back as NaN, through
    pydantic and through Temporal's pydantic payload converter alike."""
    result = scorer.score({"teamwork": [typed(STRONG, "teamwork")]})
    text = result.model_dump_json()
    assert '"value":null' in text and "NaN" not in text
    back = InterviewScore.model_validate_json(text)
    assert back == result and back.model_dump_json() == text
    converter = pydantic_data_converter.payload_converter
    (payload,) = converter.to_payloads([result])
    (decoded,) = converter.from_payloads([payload], [InterviewScore])
    assert decoded == result
    plain = FeatureContribution(feature="pause_ratio", value=float("nan"), contribution=0.5)
    assert plain.model_dump(mode="json")["value"] is None and not plain.applicable
    assert FeatureContribution.model_validate({**plain.model_dump(), "value": None}) == plain
    assert FeatureContribution(feature="x", value=2.5, contribution=0).shown_value == "2.5"


def test_spoken_and_typed_answers_of_one_dimension_average_where_applicable(
    scorer: InterviewScorer,
) -> None:
    answers = [strong("teamwork"), typed(STRONG, "teamwork"), weak("teamwork")]
    result = scorer.score({"teamwork": answers}).dimensions["teamwork"]
    values = {c.feature: c.value for c in result.contributions}
    spoken_rows = np.array([vector(strong("teamwork")), vector(weak("teamwork"))])
    for i, name in enumerate(FEATURE_NAMES):
        over = (
            spoken_rows[:, i]
            if name in SPEECH_FEATURES
            else np.array([vector(a)[i] for a in answers])
        )
        assert values[name] == pytest.approx(float(over.mean())), name
    total = result.bias + sum(c.contribution for c in result.contributions)
    assert total == pytest.approx(result.prediction, abs=1e-6)
    assert len(result.answer_predictions) == 3


@pytest.mark.slow
def test_a_model_that_never_saw_typed_answers_refuses_them(
    tmp_path: Path, simulated_data: LabelledData
) -> None:
    """Trained on spoken answers only, a model has no branch for NaN and
    LightGBM would read it as 0: a typed answer scored as a silent speaker.
    The scorer says so instead; spoken answers still score."""
    x, y = simulated_data.arrays("teamwork")
    spoken = ~typed_rows(x)
    model = train_dimension("teamwork", x[spoken], y[spoken], rounds=40)
    assert set(SPEECH_FEATURES) <= missing_as_zero(model.booster)
    ModelRegistry(tmp_path).register(
        model, training_data_sha256="ab" * 32, synthetic=True, data_note="spoken only"
    )
    only_spoken = InterviewScorer(tmp_path)
    assert only_spoken.score({"teamwork": [strong("teamwork")]}).dimensions["teamwork"].score > 0
    with pytest.raises(RegistryError, match=r"lgbm-teamwork/1 was trained without missing values"):
        only_spoken.score({"teamwork": [strong("teamwork"), typed(STRONG, "teamwork")]})


def test_infinite_feature_values_are_refused(scorer: InterviewScorer) -> None:
    row = vector(strong("teamwork"))
    row[0] = np.inf
    with pytest.raises(ValueError, match="finite, or NaN for not applicable"):
        scorer.score_vectors("teamwork", row.reshape(1, -1))
