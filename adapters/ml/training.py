"""Per-dimension LightGBM regressors from labelled answers, with k-fold CV.

One model per dimension, because raters judge each competency on its own and
a report must say, per dimension, which features moved the score. Models are
small on purpose (few shallow trees): the data sets are thousands of rows,
and a model a reviewer can diff as text is worth more than a decimal of RMSE.

Training is deterministic: a seeded fold split and LightGBM's
``deterministic=True`` with a fixed thread count, so the same CSV and
parameters give byte-identical models on the same machine.

Typed answers (no speech) have NaN speech features. LightGBM takes NaN as a
missing value natively: with ``use_missing=true`` and ``zero_as_missing=false``
(its defaults, written out in ``DEFAULT_PARAMS`` so every card shows them) a
feature with NaN in the training data gets, at each split on it, a learned
default direction for missing values, so typed rows are routed by what the
trees learned about typed rows rather than read as a speaking rate of zero.
When the training data has typed rows, CV also reports metrics on the typed
and the spoken rows separately (``CvMetrics.typed`` / ``spoken``), so a card
shows whether typed answers are predicted as well, and without a bias.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import lightgbm as lgb
import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict

from adapters.ml.dataset import LabelledData
from domain.errors import UserError
from domain.interview.answer_features import FEATURE_NAMES, SPEECH_FEATURES

Array = npt.NDArray[np.float64]

SEED = 20250301
FOLDS = 5
NUM_BOOST_ROUND = 150
MIN_ROWS_PER_FOLD = 10
DEFAULT_PARAMS: dict[str, Any] = {
    "objective": "regression",
    "learning_rate": 0.05,
    "num_leaves": 8,
    "min_data_in_leaf": 20,
    "lambda_l2": 1.0,
    "use_missing": True,
    "zero_as_missing": False,
    "deterministic": True,
    "force_row_wise": True,
    "num_threads": 2,
    "seed": SEED,
    "verbose": -1,
}


class SubsetMetrics(BaseModel):
    """Out-of-fold quality on a subset of the rows (typed or spoken answers).

    ``mean_error`` is the mean of prediction minus score: a subset the model
    systematically under-scores shows up here, not in RMSE alone.
    """

    model_config = ConfigDict(frozen=True)

    rows: int
    rmse: float
    mae: float
    spearman: float
    mean_error: float
    score_std: float


class CvMetrics(BaseModel):
    """Out-of-fold quality: every row predicted by a model that never saw it.

    ``rmse``, ``mae`` and ``spearman`` pool all out-of-fold predictions;
    ``fold_rmse`` shows how much they vary between folds; ``score_std`` is
    the spread of the scores themselves, the RMSE of always guessing the mean.
    ``typed`` and ``spoken`` split the same pooled predictions by whether the
    answer was typed (every speech feature NaN); both are None when the data
    has no typed rows, as in every card written before typed answers existed.
    """

    model_config = ConfigDict(frozen=True)

    folds: int
    rmse: float
    mae: float
    spearman: float
    score_std: float
    fold_rmse: list[float]
    typed: SubsetMetrics | None = None
    spoken: SubsetMetrics | None = None


@dataclass(frozen=True)
class TrainedModel:
    """A final model fitted on all rows of one dimension, and its CV estimate."""

    dimension: str
    booster: lgb.Booster
    cv: CvMetrics
    rows: int
    params: dict[str, Any]
    num_boost_round: int


def _ranks(values: Array) -> Array:
    """1-based ranks, ties sharing their average rank."""
    _, inverse, counts = np.unique(values, return_inverse=True, return_counts=True)
    ends = np.cumsum(counts)
    average = ends - (counts - 1) / 2.0
    return np.asarray(average[inverse], dtype=np.float64)


def spearman(a: Array, b: Array) -> float:
    """Spearman rank correlation; 0.0 when either side is constant (undefined)."""
    ra, rb = _ranks(a) - (len(a) + 1) / 2.0, _ranks(b) - (len(b) + 1) / 2.0
    denominator = float(np.sqrt(np.sum(ra * ra) * np.sum(rb * rb)))
    return float(np.sum(ra * rb)) / denominator if denominator > 0 else 0.0


def _fit(
    x: Array,
    y: Array,
    params: dict[str, Any],
    rounds: int,
    feature_names: Sequence[str] = FEATURE_NAMES,
) -> lgb.Booster:
    data = lgb.Dataset(x, label=y, feature_name=list(feature_names), free_raw_data=True)
    return lgb.train(params, data, num_boost_round=rounds)


def predict(booster: lgb.Booster, x: Array) -> Array:
    return np.asarray(booster.predict(x, num_threads=1), dtype=np.float64)


def typed_rows(x: Array, feature_names: Sequence[str] = FEATURE_NAMES) -> npt.NDArray[np.bool_]:
    """Rows whose speech features are all NaN (typed answers). All False for a
    matrix without the speech features (another model's own feature list)."""
    if not set(SPEECH_FEATURES) <= set(feature_names):
        return np.zeros(len(x), dtype=np.bool_)
    columns = [list(feature_names).index(name) for name in SPEECH_FEATURES]
    return np.asarray(np.isnan(x[:, columns]).all(axis=1), dtype=np.bool_)


def subset_metrics(predicted: Array, y: Array) -> SubsetMetrics:
    error = predicted - y
    return SubsetMetrics(
        rows=len(y),
        rmse=round(float(np.sqrt(np.mean(error**2))), 4),
        mae=round(float(np.mean(np.abs(error))), 4),
        spearman=round(spearman(predicted, y), 4),
        mean_error=round(float(np.mean(error)), 4),
        score_std=round(float(np.std(y)), 4),
    )


def cross_validate(
    x: Array,
    y: Array,
    params: dict[str, Any],
    rounds: int,
    folds: int,
    seed: int,
    feature_names: Sequence[str] = FEATURE_NAMES,
) -> CvMetrics:
    """k-fold CV with a seeded shuffle; metrics over the pooled out-of-fold predictions."""
    order = np.random.default_rng(seed).permutation(len(y))
    out_of_fold = np.zeros(len(y), dtype=np.float64)
    fold_rmse: list[float] = []
    for held_out in np.array_split(order, folds):
        train_rows = np.setdiff1d(order, held_out)
        booster = _fit(x[train_rows], y[train_rows], params, rounds, feature_names)
        out_of_fold[held_out] = predict(booster, x[held_out])
        error = out_of_fold[held_out] - y[held_out]
        fold_rmse.append(round(float(np.sqrt(np.mean(error**2))), 4))
    error = out_of_fold - y
    typed = typed_rows(x, feature_names)
    typed_metrics = spoken_metrics = None
    if typed.any():
        typed_metrics = subset_metrics(out_of_fold[typed], y[typed])
        if not typed.all():
            spoken_metrics = subset_metrics(out_of_fold[~typed], y[~typed])
    return CvMetrics(
        folds=folds,
        rmse=round(float(np.sqrt(np.mean(error**2))), 4),
        mae=round(float(np.mean(np.abs(error))), 4),
        spearman=round(spearman(out_of_fold, y), 4),
        score_std=round(float(np.std(y)), 4),
        fold_rmse=fold_rmse,
        typed=typed_metrics,
        spoken=spoken_metrics,
    )


def train_dimension(
    dimension: str,
    x: Array,
    y: Array,
    *,
    params: dict[str, Any] | None = None,
    rounds: int = NUM_BOOST_ROUND,
    folds: int = FOLDS,
    seed: int = SEED,
    feature_names: Sequence[str] = FEATURE_NAMES,
) -> TrainedModel:
    """Cross-validate, then fit the final model on every row.

    ``feature_names`` are the matrix's columns: the interview features unless
    another model (the resume fit model) brings its own list.
    """
    if x.shape != (len(y), len(feature_names)):
        raise ValueError(f"expected a ({len(y)}, {len(feature_names)}) matrix, got {x.shape}")
    if len(y) < folds * MIN_ROWS_PER_FOLD:
        raise UserError(
            f"dimension {dimension} has {len(y)} labelled rows; {folds}-fold cross-validation "
            f"needs at least {folds * MIN_ROWS_PER_FOLD}"
        )
    chosen = {**DEFAULT_PARAMS, **(params or {}), "seed": seed}
    cv = cross_validate(x, y, chosen, rounds, folds, seed, feature_names)
    booster = _fit(x, y, chosen, rounds, feature_names)
    return TrainedModel(dimension, booster, cv, len(y), chosen, rounds)


def train(
    data: LabelledData,
    dimensions: Iterable[str] | None = None,
    *,
    params: dict[str, Any] | None = None,
    rounds: int = NUM_BOOST_ROUND,
    folds: int = FOLDS,
    seed: int = SEED,
) -> dict[str, TrainedModel]:
    """One model per dimension in the data (or the ones named), in name order."""
    present = data.dimensions()
    wanted = sorted(dimensions) if dimensions is not None else present
    absent = [d for d in wanted if d not in present]
    if absent:
        raise UserError(
            f"no labelled rows for {', '.join(absent)}; the file has {', '.join(present)}"
        )
    models: dict[str, TrainedModel] = {}
    for dimension in wanted:
        x, y = data.arrays(dimension)
        models[dimension] = train_dimension(
            dimension, x, y, params=params, rounds=rounds, folds=folds, seed=seed
        )
    return models
