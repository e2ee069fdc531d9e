"""Score interview answers with the champion models, and say why.

Explanations are LightGBM's own exact per-feature contributions
(``pred_contrib=True``, TreeSHAP): for every answer, bias + contributions ==
the model's prediction. A dimension with several answers gets the mean of
their predictions, explained by the mean of their contributions, so the
identity still holds for the dimension. The clipped 0-100 ``score`` is what
reports show; ``prediction`` is the unclipped sum the explanation adds up to.

Models are loaded once, when the scorer is built: a worker builds one and
scores many candidates, and every score names the exact model version used.
"""

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import lightgbm as lgb
import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict

from domain.answer_features import FEATURE_NAMES, FEATURES_VERSION, AnswerEvidence, vector
from hireloop.modelling.registry import ModelCard, ModelRegistry, RegistryError

Array = npt.NDArray[np.float64]
TOP_FEATURES = 3


class FeatureContribution(BaseModel):
    """How far one feature moved the score, in score points (signed)."""

    model_config = ConfigDict(frozen=True)

    feature: str
    value: float
    contribution: float


class DimensionScore(BaseModel):
    """One dimension's score, the model behind it, and its explanation."""

    model_config = ConfigDict(frozen=True)

    dimension: str
    model_version: str
    score: float
    prediction: float
    bias: float
    contributions: list[FeatureContribution]
    top: list[FeatureContribution]
    answers: int
    answer_predictions: list[float]
    input_sha256: str


class InterviewScore(BaseModel):
    """Per-dimension scores of one interview, with model versions and features used."""

    model_config = ConfigDict(frozen=True)

    dimensions: dict[str, DimensionScore]
    model_versions: dict[str, str]
    features: list[str]
    features_version: str


def input_sha256(dimension: str, rows: Array) -> str:
    """Hash of exactly what the model saw, for the scored event in the ledger."""
    canonical = json.dumps(
        {
            "features_version": FEATURES_VERSION,
            "dimension": dimension,
            "rows": [[float(v) for v in row] for row in rows],
        },
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class InterviewScorer:
    """The champion model of each dimension in a registry, loaded once."""

    def __init__(
        self,
        registry_root: Path | str,
        dimensions: Iterable[str] | None = None,
        *,
        top: int = TOP_FEATURES,
    ) -> None:
        registry = ModelRegistry(registry_root)
        wanted = list(dimensions) if dimensions is not None else registry.dimensions()
        if not wanted:
            raise RegistryError(
                f"no scoring models in {registry.root}; train some with `hireloop scoring "
                "train` or write the baseline with `python -m hireloop.modelling.baseline`"
            )
        self._models: dict[str, tuple[ModelCard, lgb.Booster]] = {
            dimension: registry.load(dimension) for dimension in wanted
        }
        self._top = top

    @property
    def dimensions(self) -> list[str]:
        return sorted(self._models)

    @property
    def model_versions(self) -> dict[str, str]:
        return {d: card.model_version for d, (card, _) in sorted(self._models.items())}

    def score_vectors(self, dimension: str, rows: Array) -> DimensionScore:
        """Score and explain precomputed feature rows (FEATURE_NAMES columns) of one dimension."""
        if dimension not in self._models:
            raise RegistryError(
                f"no model for dimension {dimension}; scored dimensions: "
                f"{', '.join(self.dimensions)}"
            )
        rows = np.asarray(rows, dtype=np.float64).reshape(-1, len(FEATURE_NAMES))
        if len(rows) == 0:
            raise ValueError(f"no answers to score for {dimension}")
        card, booster = self._models[dimension]
        raw = booster.predict(rows, pred_contrib=True, num_threads=1)
        contributions = np.asarray(raw, dtype=np.float64)
        per_answer = contributions.sum(axis=1)
        mean = contributions.mean(axis=0)
        values = rows.mean(axis=0)
        explained = [
            FeatureContribution(feature=name, value=float(values[i]), contribution=float(mean[i]))
            for i, name in enumerate(FEATURE_NAMES)
        ]
        ranked = sorted(explained, key=lambda c: abs(c.contribution), reverse=True)
        prediction = float(per_answer.mean())
        return DimensionScore(
            dimension=dimension,
            model_version=card.model_version,
            score=round(min(100.0, max(0.0, prediction)), 2),
            prediction=prediction,
            bias=float(mean[-1]),
            contributions=explained,
            top=ranked[: self._top],
            answers=len(rows),
            answer_predictions=[float(p) for p in per_answer],
            input_sha256=input_sha256(dimension, rows),
        )

    def score(self, answers_by_dimension: Mapping[str, Sequence[AnswerEvidence]]) -> InterviewScore:
        """Score every dimension that has answers; each answer must be asked for its key."""
        results: dict[str, DimensionScore] = {}
        for dimension, answers in sorted(answers_by_dimension.items()):
            stray = [a.dimension for a in answers if a.dimension != dimension]
            if stray:
                raise ValueError(f"answers for {stray[0]} filed under {dimension}")
            rows = np.array([vector(answer) for answer in answers], dtype=np.float64)
            results[dimension] = self.score_vectors(dimension, rows)
        return InterviewScore(
            dimensions=results,
            model_versions={d: s.model_version for d, s in results.items()},
            features=list(FEATURE_NAMES),
            features_version=FEATURES_VERSION,
        )
