"""Requisition and fit-model fixtures.

Store tests run on a fresh SQLite file and on the real PostgreSQL server
(one throw-away database per session, truncated before each test; set
``HIRELOOP_SKIP_POSTGRES=1`` to skip knowingly). Fit-model tests share one
simulated data set and one trained model per session: training is the slow
part.
"""

from pathlib import Path

import pytest

from adapters.ml.dataset import file_sha256
from adapters.ml.fit import FitData, fit_csv_bytes, train_fit
from adapters.ml.registry import ModelRegistry
from adapters.ml.training import TrainedModel
from domain.screening.fit_features import LabelledFit
from domain.screening.requisition import HardRequirements, Requisition
from simulation.recruiters import simulate

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "definitions" / "requisitions"
ROWS, SEED = 1500, 7


def credit_risk(**changes: object) -> Requisition:
    """A small English requisition; keyword arguments replace fields."""
    data: dict[str, object] = {
        "id": "credit-risk-analyst",
        "title": "Graduate Credit Risk Analyst",
        "jd": (
            "Analyse credit applications with SQL, Python and Excel. Financial analysis and "
            "credit analysis; strong communication and teamwork. CFA Level I is a plus."
        ),
        "competencies": {"logical_reasoning": 0.5, "risk_awareness": 0.3, "communication": 0.2},
        "requirements": HardRequirements(min_degree="bachelor", languages=["english"]),
        "skills": ["sql", "python", "excel"],
        "majors": ["finance", "statistics"],
        "pass_threshold": 60,
    }
    data.update(changes)
    return Requisition.model_validate(data)


@pytest.fixture(scope="session")
def simulated() -> list[LabelledFit]:
    return simulate(ROWS, SEED)


@pytest.fixture(scope="session")
def fit_data(simulated: list[LabelledFit]) -> FitData:
    return FitData(file_sha256(fit_csv_bytes(simulated)), tuple(simulated))


@pytest.fixture(scope="session")
def trained(fit_data: FitData) -> TrainedModel:
    return train_fit(fit_data)


@pytest.fixture(scope="session")
def fit_registry(
    tmp_path_factory: pytest.TempPathFactory, fit_data: FitData, trained: TrainedModel
) -> Path:
    """A registry holding fit version 1, trained on the simulation."""
    root = tmp_path_factory.mktemp("registry")
    synthetic, note = fit_data.provenance("simulated.csv")
    ModelRegistry(root).register(
        trained, training_data_sha256=fit_data.sha256, synthetic=synthetic, data_note=note
    )
    return root
