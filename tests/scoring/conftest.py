"""Scoring fixtures: one simulated data set and one trained registry per session.

Training is the slow part (about a second per data set), so tests that only
read models share a registry trained once, in a session tmp directory; tests
that change a registry make their own.
"""

from pathlib import Path

import pytest

from adapters.ml.dataset import LabelledData, file_sha256, labelled_csv_bytes
from adapters.ml.registry import ModelRegistry
from adapters.ml.training import TrainedModel, train
from domain.interview.answer_features import LabelledAnswer
from simulation.raters import simulate

ROWS, SEED = 2000, 11


@pytest.fixture(scope="session")
def simulated() -> list[LabelledAnswer]:
    return simulate(ROWS, SEED)


@pytest.fixture(scope="session")
def simulated_data(simulated: list[LabelledAnswer]) -> LabelledData:
    return LabelledData(file_sha256(labelled_csv_bytes(simulated)), tuple(simulated))


@pytest.fixture(scope="session")
def trained(simulated_data: LabelledData) -> dict[str, TrainedModel]:
    return train(simulated_data)


@pytest.fixture(scope="session")
def registry_root(
    tmp_path_factory: pytest.TempPathFactory,
    simulated_data: LabelledData,
    trained: dict[str, TrainedModel],
) -> Path:
    """A registry holding version 1 of each dimension, trained on the simulation."""
    root = tmp_path_factory.mktemp("registry")
    synthetic, note = simulated_data.provenance("simulated.csv")
    registry = ModelRegistry(root)
    for model in trained.values():
        registry.register(
            model, training_data_sha256=simulated_data.sha256, synthetic=synthetic, data_note=note
        )
    return root
