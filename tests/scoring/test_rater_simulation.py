"""The rater simulation: reproducible by seed, plausible, and honest about itself."""

import numpy as np

from domain.answer_features import DIMENSIONS, FEATURE_NAMES, LabelledAnswer
from domain.rater_simulation import is_simulated, simulate, source_label


def column(rows: list[LabelledAnswer], name: str) -> np.ndarray:
    return np.array([row.features[FEATURE_NAMES.index(name)] for row in rows])


def test_same_seed_same_rows_other_seed_other_rows() -> None:
    assert simulate(200, seed=5) == simulate(200, seed=5)
    assert simulate(200, seed=5) != simulate(200, seed=6)


def test_rows_cycle_through_the_dimensions_and_say_they_are_synthetic() -> None:
    rows = simulate(10, seed=1)
    assert [row.dimension for row in rows] == [DIMENSIONS[k % 4] for k in range(10)]
    assert all(row.source == source_label(1) == "simulated-raters/1 seed=1" for row in rows)
    assert all(is_simulated(row.source) for row in rows)
    assert not is_simulated("panel of 3 raters, spring 2025")
    assert simulate(0, seed=1) == []


def test_features_and_scores_stay_in_plausible_ranges(simulated: list[LabelledAnswer]) -> None:
    scores = np.array([row.score for row in simulated])
    assert scores.min() >= 0 and scores.max() <= 100
    assert 40 < scores.mean() < 60 and 12 < scores.std() < 22
    for name in ("pause_ratio", "vocabulary_richness", "filler_ratio", "rubric_coverage"):
        values = column(simulated, name)
        assert values.min() >= 0 and values.max() <= 1, name
    wpm = column(simulated, "words_per_minute")
    assert wpm.min() > 60 and wpm.max() < 260
    assert (column(simulated, "asr_mean_avg_logprob") < 0).all()


def test_content_features_track_the_score_and_asr_quality_does_not(
    simulated: list[LabelledAnswer],
) -> None:
    """As documented: coverage rises with ability (and so with the score);
    ASR confidence is the microphone, not the candidate."""
    scores = np.array([row.score for row in simulated])
    coverage = column(simulated, "rubric_coverage")
    logprob = column(simulated, "asr_mean_avg_logprob")
    assert np.corrcoef(coverage, scores)[0, 1] > 0.4
    assert abs(np.corrcoef(logprob, scores)[0, 1]) < 0.1
