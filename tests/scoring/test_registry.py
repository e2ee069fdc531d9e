"""The registry: increasing versions, honest cards, champion only on a lower CV RMSE."""

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest

from adapters.ml.dataset import LabelledData
from adapters.ml.registry import ModelRegistry, RegistryError
from adapters.ml.training import TrainedModel, train_dimension
from domain.errors import UserError
from domain.interview.answer_features import FEATURE_NAMES


@pytest.fixture(scope="module")
def good_and_bad(simulated_data: LabelledData) -> tuple[TrainedModel, TrainedModel]:
    """A model of the real relation, and one of shuffled scores (worse CV RMSE)."""
    x, y = simulated_data.arrays("teamwork")
    good = train_dimension("teamwork", x, y, rounds=40)
    bad = train_dimension("teamwork", x, np.random.default_rng(1).permutation(y), rounds=40)
    assert good.cv.rmse < bad.cv.rmse
    return good, bad


def register(registry: ModelRegistry, model: TrainedModel) -> tuple[int, bool, int | None]:
    done = registry.register(
        model, training_data_sha256="ab" * 32, synthetic=False, data_note="test labels"
    )
    return done.card.version, done.champion, done.previous_champion


@pytest.mark.slow
def test_champion_changes_only_for_a_lower_cv_rmse_or_by_promotion(
    tmp_path: Path, good_and_bad: tuple[TrainedModel, TrainedModel]
) -> None:
    good, bad = good_and_bad
    registry = ModelRegistry(tmp_path)
    assert registry.dimensions() == [] and registry.champion("teamwork") is None

    assert register(registry, bad) == (1, True, None)  # first model: champion by default
    assert register(registry, good) == (2, True, 1)  # lower RMSE takes over
    assert register(registry, bad) == (3, False, 2)  # higher RMSE does not
    assert register(registry, good) == (4, False, 2)  # equal RMSE does not either
    assert registry.versions("teamwork") == [1, 2, 3, 4]
    assert registry.champion("teamwork") == 2
    assert (tmp_path / "teamwork" / "champion").read_text() == "2\n"

    registry.promote("teamwork", 3)
    assert registry.champion("teamwork") == 3
    assert registry.card("teamwork").version == 3
    with pytest.raises(RegistryError, match=r"teamwork has no version 9 \(versions: 1, 2, 3, 4\)"):
        registry.promote("teamwork", 9)


def test_card_describes_the_model_file_and_its_data(
    tmp_path: Path, good_and_bad: tuple[TrainedModel, TrainedModel]
) -> None:
    good, _ = good_and_bad
    registry = ModelRegistry(tmp_path)
    register(registry, good)
    folder = tmp_path / "teamwork" / "1"
    card = json.loads((folder / "card.json").read_text())
    assert card["name"] == "lgbm-teamwork" and card["version"] == 1
    assert card["features"] == list(FEATURE_NAMES)
    assert card["training_data_sha256"] == "ab" * 32 and card["rows"] == 500
    assert card["cv"]["rmse"] == good.cv.rmse and card["cv"]["spearman"] == good.cv.spearman
    assert card["hyperparameters"]["num_boost_round"] == 40
    assert card["hyperparameters"]["deterministic"] is True
    assert card["synthetic_training_data"] is False and card["data_note"] == "test labels"
    assert card["created"].endswith("Z")
    model_text = (folder / "model.txt").read_bytes()
    assert card["model_sha256"] == hashlib.sha256(model_text).hexdigest()

    loaded_card, booster = registry.load("teamwork")
    assert loaded_card.model_version == "lgbm-teamwork/1"
    x = np.full((1, len(FEATURE_NAMES)), 0.5)
    assert booster.predict(x)[0] == pytest.approx(good.booster.predict(x)[0], abs=1e-9)


def test_a_tampered_model_file_is_refused(
    tmp_path: Path, good_and_bad: tuple[TrainedModel, TrainedModel]
) -> None:
    registry = ModelRegistry(tmp_path)
    register(registry, good_and_bad[0])
    model_file = tmp_path / "teamwork" / "1" / "model.txt"
    model_file.write_text(model_file.read_text().replace("learning_rate: 0.05", "x"))
    with pytest.raises(RegistryError, match="does not match the sha256 in its model card"):
        registry.load("teamwork")


def test_lookups_that_cannot_succeed_explain_themselves(
    tmp_path: Path, good_and_bad: tuple[TrainedModel, TrainedModel]
) -> None:
    registry = ModelRegistry(tmp_path)
    with pytest.raises(RegistryError, match="no models for dimension teamwork"):
        registry.card("teamwork")
    register(registry, good_and_bad[0])
    with pytest.raises(RegistryError, match=r"dimension sales in .* \(it has: teamwork\)"):
        registry.card("sales")
    with pytest.raises(UserError, match="not a dimension name"):
        registry.card("../etc")
    (tmp_path / "teamwork" / "champion").unlink()
    with pytest.raises(RegistryError, match="teamwork has no champion; use promote"):
        registry.card("teamwork")
    assert registry.card("teamwork", 1).version == 1
    # A version directory without its files (an interrupted write) is not a version.
    (tmp_path / "teamwork" / "7").mkdir()
    assert registry.versions("teamwork") == [1]
    assert register(registry, good_and_bad[0])[0] == 8  # numbers are never reused
