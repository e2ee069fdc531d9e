"""Score interview answers with the champion models, and say why.

Explanations are LightGBM's own exact per-feature contributions
(``pred_contrib=True``, TreeSHAP): for every answer, bias + contributions ==
the model's prediction. A dimension with several answers gets the mean of
their predictions, explained by the mean of their contributions, so the
identity still holds for the dimension. The clipped 0-100 ``score`` is what
reports show; ``prediction`` is the unclipped sum the explanation adds up to.

Models are loaded once, when the scorer is built: a worker builds one and
scores many candidates, and every score names the exact model version used.

Typed answers (``AnswerEvidence(spoken=False)``) have NaN, "not applicable",
speech features. LightGBM routes them down the branch each split learned for
missing values and reports a contribution for them like for any feature: it
is what taking that branch did to the score, relative to the average answer
(a typed answer is not average on delivery either way, so that contribution
is rarely zero). The explanation keeps the NaN as the feature's value
(``FeatureContribution.applicable`` is False and ``shown_value`` reads "not
applicable"); the dimension's ``value`` is the mean over the answers where
the feature applies, NaN only if it applies to none.

A model that never saw a missing value for a feature it splits on has no
such branch: LightGBM would silently read NaN as 0 there, i.e. score a typed
answer as a silent speaker at 0 words per minute. The scorer refuses that
rather than penalise anyone for an accommodation: a ``RegistryError`` (a
``UserError``: the model in the registry cannot do this job) naming the model
and features, which a caller turns into "a person scores this". Version 1 of
the shipped baseline is such a model.

The input hash writes NaN as JSON ``null`` (standard JSON, so any verifier
can recompute it), leaving the hash of every spoken answer as it was.
"""

import hashlib
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import lightgbm as lgb
import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, field_serializer, field_validator

from adapters.ml.registry import ModelCard, ModelRegistry, RegistryError
from domain.interview.answer_features import FEATURE_NAMES, FEATURES_VERSION, AnswerEvidence, vector

Array = npt.NDArray[np.float64]
TOP_FEATURES = 3
NOT_APPLICABLE = "not applicable"


class FeatureContribution(BaseModel):
    """How far one feature moved the score, in score points (signed).

    ``value`` is NaN when the feature does not apply (a speech feature of a
    typed answer). NaN is allowed explicitly, and is written to JSON as
    ``null`` and read back from ``null`` as NaN, because JSON has no NaN: a
    score must survive Temporal's pydantic payloads and a JSON ledger.
    Every NaN is the one ``math.nan`` object, so two equal explanations
    compare equal (``nan != nan``, but Python compares identity first).
    """

    model_config = ConfigDict(frozen=True, allow_inf_nan=True)

    feature: str
    value: float
    contribution: float

    @field_validator("value", mode="before")
    @classmethod
    def _null_is_not_applicable(cls, value: object) -> object:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return math.nan
        return value

    @field_serializer("value", when_used="json")
    def _not_applicable_is_null(self, value: float) -> float | None:
        return None if math.isnan(value) else value

    @property
    def applicable(self) -> bool:
        """False for a feature that does not apply (a typed answer's speech)."""
        return not math.isnan(self.value)

    @property
    def shown_value(self) -> str:
        """The value as a report shows it: a number, or "not applicable"."""
        return f"{self.value:g}" if self.applicable else NOT_APPLICABLE


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
    """Hash of exactly what the model saw, for the scored event in the ledger.

    A not-applicable (NaN) value is ``null``; other values are unchanged, so
    spoken answers hash as they always did.
    """
    canonical = json.dumps(
        {
            "features_version": FEATURES_VERSION,
            "dimension": dimension,
            "rows": [[None if math.isnan(v) else float(v) for v in row] for row in rows],
        },
        separators=(",", ":"),
        allow_nan=False,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def missing_as_zero(booster: lgb.Booster) -> frozenset[str]:
    """Features the model splits on without a learned branch for missing values.

    LightGBM records per split a ``missing_type``: "NaN" when the feature had
    missing values in training (NaN then takes the learned default branch),
    "None" when it had none (NaN is then converted to 0 before comparing).
    """
    dump = booster.dump_model()
    names: list[str] = dump["feature_names"]
    found: set[str] = set()
    stack = [tree["tree_structure"] for tree in dump["tree_info"]]
    while stack:
        node = stack.pop()
        if "split_feature" in node:
            if node["missing_type"] != "NaN":
                found.add(names[node["split_feature"]])
            stack.extend((node["left_child"], node["right_child"]))
    return frozenset(found)


def _mean_where_applicable(rows: Array) -> list[float]:
    """Per-column mean over the non-NaN entries; ``math.nan`` where all are NaN."""
    means: list[float] = []
    for column in rows.T:
        applicable = column[~np.isnan(column)]
        means.append(float(applicable.mean()) if len(applicable) else math.nan)
    return means


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
                "train` or write the baseline with `python -m simulation.interview_baseline`"
            )
        self._models: dict[str, tuple[ModelCard, lgb.Booster]] = {
            dimension: registry.load(dimension) for dimension in wanted
        }
        self._missing_as_zero = {
            dimension: missing_as_zero(booster) for dimension, (_, booster) in self._models.items()
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
        if np.isinf(rows).any():
            raise ValueError("feature values must be finite, or NaN for not applicable")
        card, booster = self._models[dimension]
        missing = np.asarray(np.isnan(rows).any(axis=0), dtype=np.bool_)
        blind = [
            name
            for i, name in enumerate(FEATURE_NAMES)
            if missing[i] and name in self._missing_as_zero[dimension]
        ]
        if blind:
            raise RegistryError(
                f"{card.model_version} was trained without missing values for "
                f"{', '.join(blind)} and would read not applicable as 0 (a typed answer as "
                "a silent speaker); score typed answers with a model trained on data that "
                "has typed answers, or have a person score them"
            )
        raw = booster.predict(rows, pred_contrib=True, num_threads=1)
        contributions = np.asarray(raw, dtype=np.float64)
        per_answer = contributions.sum(axis=1)
        mean = contributions.mean(axis=0)
        values = _mean_where_applicable(rows)
        explained = [
            FeatureContribution(feature=name, value=values[i], contribution=float(mean[i]))
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
