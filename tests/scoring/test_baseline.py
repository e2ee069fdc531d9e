"""The shipped baseline in models/: small, reproducible, and plainly synthetic."""

import json
from pathlib import Path

import lightgbm as lgb
import pytest

from domain.answer_features import DIMENSIONS
from domain.rater_simulation import simulate
from hireloop.errors import UserError
from hireloop.modelling.baseline import BASELINE_ROWS, BASELINE_SEED, write_baseline
from hireloop.modelling.dataset import write_labelled_csv
from hireloop.modelling.registry import ModelRegistry
from hireloop.modelling.scorer import InterviewScorer

SHIPPED = Path(__file__).resolve().parents[2] / "models"


@pytest.mark.parametrize("dimension", DIMENSIONS)
def test_shipped_cards_say_the_data_is_a_simulation(dimension: str) -> None:
    registry = ModelRegistry(SHIPPED)
    assert registry.versions(dimension) == [1] and registry.champion(dimension) == 1
    card = json.loads((SHIPPED / dimension / "1" / "card.json").read_text())
    assert card["synthetic_training_data"] is True
    assert "seeded simulation of human raters" in card["data_note"]
    assert "not from scores given by real people" in card["data_note"]
    assert f"seed={BASELINE_SEED}" in card["data_note"]
    assert card["rows"] == BASELINE_ROWS // len(DIMENSIONS)
    assert card["cv"]["spearman"] > 0.6 and card["cv"]["rmse"] < 0.7 * card["cv"]["score_std"]
    assert (SHIPPED / dimension / "1" / "model.txt").stat().st_size < 200_000


def test_shipped_models_score(tmp_path: Path) -> None:
    scorer = InterviewScorer(SHIPPED)
    assert scorer.model_versions == {d: f"lgbm-{d}/1" for d in sorted(DIMENSIONS)}


def test_baseline_is_reproducible_from_its_seed(tmp_path: Path) -> None:
    """Anyone can regenerate the shipped models and their training data and
    get the same bytes (given the same LightGBM version)."""
    shipped = ModelRegistry(SHIPPED)
    if shipped.card("teamwork").lightgbm_version != lgb.__version__:
        pytest.skip("byte-identical models need the LightGBM version that wrote them")
    fresh = write_baseline(tmp_path)
    for dimension, registration in fresh.items():
        card = shipped.card(dimension)
        assert registration.card.model_sha256 == card.model_sha256, dimension
        assert registration.card.cv == card.cv
        assert registration.card.training_data_sha256 == card.training_data_sha256
    digest = write_labelled_csv(tmp_path / "sim.csv", simulate(BASELINE_ROWS, BASELINE_SEED))
    assert digest == shipped.card("teamwork").training_data_sha256
    with pytest.raises(UserError, match="already has models for communication"):
        write_baseline(tmp_path)
