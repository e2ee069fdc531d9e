"""The fit model: simulated history, CSV, training with CV, the card, batch scoring."""

import hashlib
import json
from pathlib import Path

import lightgbm as lgb
import numpy as np
import pytest

from adapters.ml.fit import (
    FitData,
    FitScorer,
    parse_fit_csv,
    read_fit_csv,
    row_sha256,
    train_fit,
    write_fit_csv,
)
from adapters.ml.registry import ModelRegistry, RegistryError
from adapters.ml.scorer import InterviewScorer
from adapters.ml.training import TrainedModel, train_dimension
from domain.errors import UserError
from domain.interview.terms import DIMENSIONS
from domain.screening.fit_features import FIT_FEATURE_NAMES, FIT_FEATURES_VERSION, LabelledFit
from domain.screening.resume import Education, ParsedResume, WorkEntry
from simulation.fit_baseline import BASELINE_ROWS, BASELINE_SEED, write_fit_baseline
from simulation.recruiters import REQUISITIONS, recruiter_quality, simulate, source_label
from tests.requisitions.conftest import ROWS, credit_risk

SHIPPED = Path(__file__).resolve().parents[2] / "models"


def test_simulation_is_seeded_documented_and_goes_through_the_feature_code(
    simulated: list[LabelledFit],
) -> None:
    assert simulate(50, 7) == simulate(50, 7)
    assert [r.features for r in simulate(50, 7)] == [r.features for r in simulated[:50]]
    assert simulate(50, 8) != simulate(50, 7)
    assert {row.source for row in simulated} == {source_label(7)}
    assert [row.requisition for row in simulated[:4]] == [r.id for r in REQUISITIONS]
    x = np.array([row.features for row in simulated])
    scores = np.array([row.score for row in simulated])
    assert x.shape == (ROWS, len(FIT_FEATURE_NAMES))
    assert scores.min() >= 0 and scores.max() <= 100
    meets = x[:, FIT_FEATURE_NAMES.index("meets_hard_requirements")] == 1
    assert 0.4 < meets.mean() < 0.8  # both kinds of applicant occur
    assert scores[meets].mean() > scores[~meets].mean() + 20
    # The documented formula explains the scores up to recruiter noise.
    quality = np.clip(10 + recruiter_quality(x), 0, 100)
    explained = np.where(meets, quality, quality / 2)
    assert np.corrcoef(explained, scores)[0, 1] > 0.9


def test_csv_round_trip_keeps_rows_and_hash(tmp_path: Path, simulated: list[LabelledFit]) -> None:
    path = tmp_path / "history.csv"
    digest = write_fit_csv(path, simulated[:20])
    data = read_fit_csv(path)
    assert data.sha256 == digest == hashlib.sha256(path.read_bytes()).hexdigest()
    assert list(data.rows) == simulated[:20]
    header = path.read_text().splitlines()[0]
    assert header == ",".join(["requisition", *FIT_FEATURE_NAMES, "score", "source"])


def test_bad_csv_files_name_line_and_column(tmp_path: Path) -> None:
    header = ",".join([*FIT_FEATURE_NAMES, "score"])
    good = ",".join(["0.5"] * len(FIT_FEATURE_NAMES) + ["70"])
    with pytest.raises(UserError, match=r"h.csv: missing column\(s\) completeness, score"):
        parse_fit_csv(",".join(FIT_FEATURE_NAMES[:-1]) + "\n", "h.csv")
    with pytest.raises(UserError, match=r"h.csv, line 3, column 'score': 120 is outside 0-100"):
        parse_fit_csv(f"{header}\n{good}\n{good[:-2]}120\n", "h.csv")
    bad = good.replace("0.5", "lots", 1)
    with pytest.raises(UserError, match=r"line 2, column 'skill_overlap': 'lots' is not a number"):
        parse_fit_csv(f"{header}\n{bad}\n", "h.csv")
    with pytest.raises(UserError, match="has a header but no data lines"):
        parse_fit_csv(header + "\n", "h.csv")
    with pytest.raises(UserError, match="no such file"):
        read_fit_csv(tmp_path / "missing.csv")
    # Real labels (no simulated source) are not called synthetic.
    rows = parse_fit_csv(f"{header}\n{good}\n", "h.csv")
    synthetic, note = FitData("ab" * 32, tuple(rows)).provenance("h.csv")
    assert synthetic is False and note.startswith("Trained on 1 resumes screened by recruiters")


def test_training_learns_the_simulation_out_of_fold(trained: TrainedModel) -> None:
    cv = trained.cv
    assert trained.dimension == "fit" and trained.rows == ROWS
    assert cv.folds == 5 and len(cv.fold_rmse) == 5
    assert cv.spearman > 0.9
    assert cv.rmse < 0.35 * cv.score_std
    assert trained.booster.feature_name() == list(FIT_FEATURE_NAMES)


def test_shuffled_labels_are_not_learnable(fit_data: FitData) -> None:
    shuffled = tuple(
        row.model_copy(update={"score": score})
        for row, score in zip(
            fit_data.rows,
            np.random.default_rng(3).permutation([r.score for r in fit_data.rows]),
            strict=True,
        )
    )
    cv = train_fit(FitData(fit_data.sha256, shuffled), rounds=20).cv
    assert abs(cv.spearman) < 0.1 and cv.rmse > 0.95 * cv.score_std


def test_card_is_honest_and_lives_beside_interview_models(
    fit_registry: Path, fit_data: FitData, trained: TrainedModel
) -> None:
    card = json.loads((fit_registry / "fit" / "1" / "card.json").read_text())
    assert card["name"] == "lgbm-fit" and card["version"] == 1
    assert card["features"] == list(FIT_FEATURE_NAMES)
    assert card["features_version"] == FIT_FEATURES_VERSION
    assert card["training_data_sha256"] == fit_data.sha256 and card["rows"] == ROWS
    assert card["cv"]["rmse"] == trained.cv.rmse
    assert card["synthetic_training_data"] is True
    assert "seeded simulation of recruiters' screening scores" in card["data_note"]
    assert "simulated-screening/1 seed=7" in card["data_note"]
    assert "resume fits one job requisition" in card["intended_use"]
    assert card["hyperparameters"]["num_boost_round"] == 75
    model = (fit_registry / "fit" / "1" / "model.txt").read_bytes()
    assert card["model_sha256"] == hashlib.sha256(model).hexdigest()
    registry = ModelRegistry(fit_registry)
    assert registry.entries() == ["fit"] and registry.dimensions() == []
    assert registry.champion("fit") == 1


def test_an_interview_model_cannot_become_the_fit_model(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    interview_like = train_dimension("fit", rng.random((100, 9)), rng.random(100) * 100, rounds=5)
    with pytest.raises(RegistryError, match="cannot be registered as fit"):
        ModelRegistry(tmp_path).register(
            interview_like, training_data_sha256="0" * 64, synthetic=True, data_note="x"
        )
    assert not (tmp_path / "fit").exists()


def test_scores_are_explained_exactly(fit_registry: Path, fit_data: FitData) -> None:
    scorer = FitScorer(fit_registry)
    assert scorer.model_version == "lgbm-fit/1"
    x, _ = fit_data.arrays()
    batch = scorer.score_matrix(x[:300])
    assert len(batch) == 300
    _, booster = ModelRegistry(fit_registry).load("fit")
    plain = np.asarray(booster.predict(x[:300]))
    np.testing.assert_allclose(batch.predictions, plain, atol=1e-9)
    np.testing.assert_allclose(batch.contributions.sum(axis=1), batch.predictions, atol=1e-9)
    for i in (0, 1, 299):
        result = batch.result(i)
        total = result.bias + sum(c.contribution for c in result.contributions)
        assert total == pytest.approx(result.prediction, abs=1e-9)
        assert result.score == round(min(100.0, max(0.0, result.prediction)), 2)
        assert [c.feature for c in result.contributions] == list(FIT_FEATURE_NAMES)
        magnitudes = [abs(c.contribution) for c in result.top]
        assert len(result.top) == 3 and magnitudes == sorted(magnitudes, reverse=True)
        assert magnitudes[0] == max(abs(c.contribution) for c in result.contributions)
        assert result.model_version == "lgbm-fit/1"
        assert result.features_version == FIT_FEATURES_VERSION


def test_batch_scoring_equals_one_by_one_and_dedupes(fit_registry: Path, fit_data: FitData) -> None:
    scorer = FitScorer(fit_registry)
    x, _ = fit_data.arrays()
    rows = np.vstack([x[:50], x[:50]])  # every row twice
    batch = scorer.score_matrix(rows)
    single = [scorer.score_matrix(rows[i : i + 1]).result(0) for i in (0, 7, 49)]
    assert [batch.result(i) for i in (0, 7, 49)] == single
    assert batch.result(3) == batch.result(53)
    assert len(scorer.score_matrix(np.zeros((0, len(FIT_FEATURE_NAMES))))) == 0
    with pytest.raises(ValueError, match="expected rows of 13 features"):
        scorer.score_matrix(np.zeros((2, 9)))


def test_input_hash_is_the_canonical_json_of_the_row(fit_registry: Path) -> None:
    row = [0.5, 0.25, 2.0, 1.0, 0.7, 0.7, 1.0, 1.0, 1.0, 1.0, 0.5, 1.0, 1.0]
    canonical = json.dumps(
        {"features_version": FIT_FEATURES_VERSION, "row": row}, separators=(",", ":")
    )
    assert row_sha256(row) == hashlib.sha256(canonical.encode()).hexdigest()
    batch = FitScorer(fit_registry).score_matrix(np.array([row]))
    assert batch.result(0).input_sha256 == row_sha256(row)


def test_screen_applies_the_line_and_the_hard_requirements(fit_registry: Path) -> None:
    strong = ParsedResume(
        language="en",
        education=[Education(degree="master", major="Finance")],
        work_history=[WorkEntry(title="Credit Risk Intern", start="2024-07", end="2024-12")],
        years_of_experience=0.5,
        skills=["sql", "python", "excel", "financial analysis", "credit analysis", "teamwork",
                "communication"],
        certificates=["cfa level i"],
        languages=["english"],
        as_of="2025-06",
    )  # fmt: skip
    unqualified = strong.model_copy(update={"education": [Education(degree="associate")]})
    weak = ParsedResume(language="en", skills=["photoshop"], as_of="2025-06")
    requisition = credit_risk(pass_threshold=50)
    results = FitScorer(fit_registry).screen([strong, unqualified, weak], requisition)
    assert [r.requisition_id for r in results] == [requisition.id] * 3
    first, second, third = results
    assert first.fit.score > 70 and first.above_line and first.unmet_requirements == []
    assert second.unmet_requirements[0].requirement == "min_degree"
    assert not second.above_line and second.fit.score < first.fit.score
    assert third.fit.score < 30 and not third.above_line
    assert first.pass_threshold == 50
    # A line above every score passes no one.
    high = FitScorer(fit_registry).screen([strong], credit_risk(pass_threshold=100))
    assert high[0].above_line is (high[0].fit.score >= 100)


def test_interview_scorer_ignores_the_fit_entry(tmp_path: Path) -> None:
    """The shipped registry holds both kinds; interview scoring sees only its own."""
    registry = ModelRegistry(SHIPPED)
    assert "fit" in registry.entries() and "fit" not in registry.dimensions()
    assert set(InterviewScorer(SHIPPED).dimensions) == set(DIMENSIONS)


@pytest.mark.slow
def test_shipped_baseline_says_it_is_synthetic_and_is_reproducible(tmp_path: Path) -> None:
    shipped = ModelRegistry(SHIPPED)
    assert shipped.versions("fit") == [1] and shipped.champion("fit") == 1
    card = shipped.card("fit")
    assert card.synthetic_training_data is True
    assert card.data_note.startswith("SYNTHETIC DATA.")
    assert f"simulated-screening/1 seed={BASELINE_SEED}" in card.data_note
    assert card.rows == BASELINE_ROWS
    assert card.cv.spearman > 0.9 and card.cv.rmse < 0.35 * card.cv.score_std
    assert (SHIPPED / "fit" / "1" / "model.txt").stat().st_size < 200_000
    FitScorer(SHIPPED)  # loads: features and sha256 match the card
    if card.lightgbm_version != lgb.__version__:
        pytest.skip("byte-identical models need the LightGBM version that wrote them")
    fresh = write_fit_baseline(tmp_path)
    assert fresh.card.model_sha256 == card.model_sha256
    assert fresh.card.cv == card.cv
    assert fresh.card.training_data_sha256 == card.training_data_sha256
    digest = write_fit_csv(tmp_path / "sim.csv", simulate(BASELINE_ROWS, BASELINE_SEED))
    assert digest == card.training_data_sha256
    with pytest.raises(UserError, match="already has fit models"):
        write_fit_baseline(tmp_path)
