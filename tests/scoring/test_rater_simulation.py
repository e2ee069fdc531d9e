"""The rater simulation: reproducible by seed, plausible, and honest about itself."""

import math
from dataclasses import replace

import numpy as np
import pytest

from adapters.ml.provenance import RATER_SIMULATION, simulated_by
from domain.interview.answer_features import FEATURE_NAMES, SPEECH_FEATURES, LabelledAnswer
from domain.interview.terms import DIMENSIONS
from simulation import raters as rater_simulation
from simulation.raters import (
    SIMULATION_VERSION,
    TYPED_FILLER_FACTOR,
    TYPED_SHARE,
    simulate,
    source_label,
)


def column(rows: list[LabelledAnswer], name: str) -> np.ndarray:
    return np.array([row.features[FEATURE_NAMES.index(name)] for row in rows])


def spoken(rows: list[LabelledAnswer]) -> list[LabelledAnswer]:
    return [row for row in rows if not row.typed]


def test_same_seed_same_rows_other_seed_other_rows() -> None:
    # equality treats NaN (a typed answer's speech) as equal to itself
    assert any(row.typed for row in simulate(200, seed=5))
    assert simulate(200, seed=5) == simulate(200, seed=5)
    assert simulate(200, seed=5) != simulate(200, seed=6)


def test_rows_cycle_through_the_dimensions_and_say_they_are_synthetic() -> None:
    rows = simulate(10, seed=1)
    assert SIMULATION_VERSION == "simulated-raters/2"
    assert [row.dimension for row in rows] == [DIMENSIONS[k % 4] for k in range(10)]
    assert all(row.source == source_label(1) == "simulated-raters/2 seed=1" for row in rows)
    assert all(simulated_by(row.source, RATER_SIMULATION) for row in rows)
    assert simulated_by("simulated-raters/1 seed=2025", RATER_SIMULATION)
    assert not simulated_by("panel of 3 raters, spring 2025", RATER_SIMULATION)
    assert not simulated_by("simulated-raters-ish", RATER_SIMULATION)
    assert simulate(0, seed=1) == []


def test_about_fifteen_percent_are_typed_whole_candidates_at_a_time(
    simulated: list[LabelledAnswer],
) -> None:
    """2000 rows are 500 candidates; the typed share of candidates has a
    standard error of sqrt(0.15 * 0.85 / 500) = 1.6 points, so 10-20 % is
    more than three of them either side."""
    typed = [row.typed for row in simulated]
    assert TYPED_SHARE == 0.15
    assert 0.10 < sum(typed) / len(typed) < 0.20
    by_candidate = [typed[k : k + 4] for k in range(0, len(typed), 4)]
    assert all(len(set(answers)) == 1 for answers in by_candidate)  # a person types all or none


def test_typed_rows_have_nan_exactly_in_the_speech_features(
    simulated: list[LabelledAnswer],
) -> None:
    for row in simulated:
        for name, value in zip(FEATURE_NAMES, row.features, strict=True):
            assert math.isnan(value) == (row.typed and name in SPEECH_FEATURES), (row, name)
    typed = [row for row in simulated if row.typed]
    written, talked = column(typed, "filler_ratio"), column(spoken(simulated), "filler_ratio")
    # writing keeps a share of the fillers; the rest of the content is drawn alike
    assert 0.2 < written.mean() / talked.mean() < 0.4, TYPED_FILLER_FACTOR
    words_typed, words_spoken = (
        column(typed, "answer_words"),
        column(spoken(simulated), "answer_words"),
    )
    assert abs(words_typed.mean() - words_spoken.mean()) < 10


def test_typed_answers_are_scored_on_the_same_scale(simulated: list[LabelledAnswer]) -> None:
    """No penalty and no bonus for typing: the same ability gives the same
    expected score, so typed and spoken scores have about the same mean and
    relate to content alike. (Means of ~75 typed rows per dimension: their
    standard error is ~2 points.)"""
    for dimension in DIMENSIONS:
        rows = [row for row in simulated if row.dimension == dimension]
        typed = np.array([row.score for row in rows if row.typed])
        talked = np.array([row.score for row in spoken(rows)])
        assert abs(typed.mean() - talked.mean()) < 6, dimension
        typed_rows = [row for row in rows if row.typed]
        coverage = column(typed_rows, "rubric_coverage")
        assert np.corrcoef(coverage, typed)[0, 1] > 0.4, dimension


def test_the_rater_gives_typed_answers_no_fluency_halo(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make raters far more swayed by fluency: spoken scores on the other
    dimensions move, typed scores (and communication, judged on ``a`` alone)
    do not, because the rule for a typed answer never looks at delivery."""
    before = simulate(400, seed=8)
    monkeypatch.setattr(rater_simulation, "HALO", 0.9)
    after = simulate(400, seed=8)
    for old, new in zip(before, after, strict=True):
        assert replace(old, score=new.score) == new  # the halo only touches scores
        if old.typed or old.dimension == "communication":
            assert old.score == new.score, old
    moved = [o for o, n in zip(before, after, strict=True) if o.score != n.score]
    assert moved and not any(o.typed for o in moved)


def test_features_and_scores_stay_in_plausible_ranges(simulated: list[LabelledAnswer]) -> None:
    scores = np.array([row.score for row in simulated])
    assert scores.min() >= 0 and scores.max() <= 100
    assert 40 < scores.mean() < 60 and 12 < scores.std() < 22
    for name in ("vocabulary_richness", "filler_ratio", "rubric_coverage"):
        values = column(simulated, name)
        assert values.min() >= 0 and values.max() <= 1, name
    talked = spoken(simulated)
    pauses = column(talked, "pause_ratio")
    assert pauses.min() >= 0 and pauses.max() <= 1
    wpm = column(talked, "words_per_minute")
    assert wpm.min() > 60 and wpm.max() < 260
    assert (column(talked, "asr_mean_avg_logprob") < 0).all()


def test_content_features_track_the_score_and_asr_quality_does_not(
    simulated: list[LabelledAnswer],
) -> None:
    """As documented: coverage rises with ability (and so with the score);
    ASR confidence is the microphone, not the candidate."""
    scores = np.array([row.score for row in simulated])
    coverage = column(simulated, "rubric_coverage")
    assert np.corrcoef(coverage, scores)[0, 1] > 0.4
    talked = spoken(simulated)
    logprob = column(talked, "asr_mean_avg_logprob")
    assert abs(np.corrcoef(logprob, [row.score for row in talked])[0, 1]) < 0.1
