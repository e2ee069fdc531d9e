"""The resume fit model: labelled screening history, training, and batch scoring.

Data: a CSV with a header line, one screened resume per line::

    [requisition,] <every name in FIT_FEATURE_NAMES>, score[, source]

``score`` is the recruiter's 0-100 screening score (a 1-5 star rating maps
to 0, 25, 50, 75, 100), ``requisition`` (optional, informative) the job it
was screened for, ``source`` where the label came from (``simulated-
screening/1 seed=2025`` for the seeded simulation in
``simulation.recruiters``). Other columns are ignored. The sha256 of the
file's bytes is the training-data hash on the model card.

Training reuses the interview models' seeded k-fold CV and LightGBM setup
(``adapters.ml.training``) with the fit feature list, and registers
the model as entry ``fit`` of the same registry, with its own card. The fit
model uses fewer, smaller trees than the interview models (``FIT_PARAMS``,
``FIT_ROUNDS``): exact contributions (TreeSHAP) cost time in proportion to
trees x leaves x depth squared, and on the baseline data 75 trees of 6
leaves have the same CV RMSE as 150 of 8 at a quarter of the scoring time.

Scoring (``FitScorer``) loads the champion once and scores a whole batch in
one LightGBM call: predictions and exact per-feature contributions
(``pred_contrib=True``; bias + contributions == prediction, per row), the
top contributions picked with numpy, and one input hash per row. A campus
season is about 150,000 resumes; identical feature rows (common among
graduates) are scored once, and per-row Python work is kept to the input
hash and to building result objects, which ``FitBatch`` does only when asked.
"""

import csv
import hashlib
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lightgbm as lgb
import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict

from adapters.ml.dataset import (
    _number,
    labelled_rows,
    read_csv_text,
    write_training_file,
)
from adapters.ml.provenance import SCREENING_SCORES, data_note
from adapters.ml.registry import ModelCard, ModelRegistry
from adapters.ml.training import (
    FOLDS,
    SEED,
    TrainedModel,
    train_dimension,
)
from domain.errors import UserError
from domain.screening.fit_features import (
    FIT_FEATURE_NAMES,
    FIT_FEATURES_VERSION,
    FitProfile,
    LabelledFit,
    UnmetRequirement,
    fit_profile,
    fit_vector,
    unmet_requirements,
)
from domain.screening.jd_analysis import JdAnalysis
from domain.screening.requisition import Requisition
from domain.screening.resume import ParsedResume

Array = npt.NDArray[np.float64]

ENTRY = "fit"
"""The fit model's name in the model registry (``models/fit/<version>/``)."""
REQUIRED_COLUMNS: tuple[str, ...] = (*FIT_FEATURE_NAMES, "score")
OPTIONAL_COLUMNS = ("requisition", "source")
TOP_CONTRIBUTIONS = 3
FIT_PARAMS: dict[str, Any] = {"learning_rate": 0.1, "num_leaves": 6}
"""Overrides of ``training.DEFAULT_PARAMS`` for the fit model (see the module doc)."""
FIT_ROUNDS = 75


# --------------------------------------------------------------------------
# Labelled data
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class FitData:
    """The rows of one labelled file and the hash of its bytes."""

    sha256: str
    rows: tuple[LabelledFit, ...]

    def arrays(self) -> tuple[Array, Array]:
        """Feature matrix (FIT_FEATURE_NAMES columns) and scores."""
        matrix = np.array([row.features for row in self.rows], dtype=np.float64)
        scores = np.array([row.score for row in self.rows], dtype=np.float64)
        return matrix.reshape(len(self.rows), len(FIT_FEATURE_NAMES)), scores

    def provenance(self, name: str, *, synthetic: bool = False) -> tuple[bool, str]:
        """Whether the data is synthetic, and the plain-language note for the card."""
        sources = [row.source for row in self.rows]
        return data_note(sources, SCREENING_SCORES, name, self.sha256, synthetic=synthetic)


def parse_fit_csv(text: str, name: str = "<csv>") -> list[LabelledFit]:
    """Rows of a labelled fit CSV held in memory; ``name`` prefixes error messages."""
    rows: list[LabelledFit] = []
    for line, cell in labelled_rows(
        text, name, REQUIRED_COLUMNS, "requisition, source", "screened resume"
    ):
        values = tuple(
            _number(cell(feature), f"{name}, line {line}, column '{feature}'")
            for feature in FIT_FEATURE_NAMES
        )
        score = _number(cell("score"), f"{name}, line {line}, column 'score'")
        if not 0 <= score <= 100:
            raise UserError(f"{name}, line {line}, column 'score': {score:g} is outside 0-100")
        rows.append(
            LabelledFit(
                requisition=cell("requisition"),
                features=values,
                score=score,
                source=cell("source"),
            )
        )
    return rows


def read_fit_csv(path: Path) -> FitData:
    """Parse and hash a labelled fit CSV."""
    digest, text = read_csv_text(path)
    return FitData(digest, tuple(parse_fit_csv(text, str(path))))


def fit_csv_bytes(rows: Iterable[LabelledFit]) -> bytes:
    """The exact bytes ``write_fit_csv`` writes (so a data hash needs no file)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["requisition", *REQUIRED_COLUMNS, "source"])
    for row in rows:
        writer.writerow(
            [row.requisition, *(repr(float(v)) for v in row.features), repr(row.score), row.source]
        )
    return buffer.getvalue().encode("utf-8")


def write_fit_csv(path: Path, rows: Iterable[LabelledFit]) -> str:
    """Write rows in the format above; returns the file's sha256."""
    return write_training_file(path, fit_csv_bytes(rows))


# --------------------------------------------------------------------------
# Training
# --------------------------------------------------------------------------


def train_fit(
    data: FitData,
    *,
    params: dict[str, Any] | None = None,
    rounds: int = FIT_ROUNDS,
    folds: int = FOLDS,
    seed: int = SEED,
) -> TrainedModel:
    """Seeded k-fold CV, then the final model on every row (registry entry ``fit``).
    ``params`` override ``FIT_PARAMS``, which override the shared defaults."""
    x, y = data.arrays()
    return train_dimension(
        ENTRY,
        x,
        y,
        params={**FIT_PARAMS, **(params or {})},
        rounds=rounds,
        folds=folds,
        seed=seed,
        feature_names=FIT_FEATURE_NAMES,
    )


# --------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------


class FitContribution(BaseModel):
    """How far one feature moved the fit score, in score points (signed)."""

    model_config = ConfigDict(frozen=True)

    feature: str
    value: float
    contribution: float


class FitScore(BaseModel):
    """One resume's fit score, the model behind it and its explanation.

    ``bias + sum(contributions) == prediction``; ``score`` is the prediction
    clipped to 0-100 and rounded, what reports and the pass line use.
    ``input_sha256`` hashes the features version and the row the model saw.
    """

    model_config = ConfigDict(frozen=True)

    score: float
    prediction: float
    bias: float
    contributions: list[FitContribution]
    top: list[FitContribution]
    model_version: str
    features_version: str
    input_sha256: str


class ScreeningResult(BaseModel):
    """A fit score against a requisition, its hard-requirement check and the line."""

    model_config = ConfigDict(frozen=True)

    requisition_id: str
    fit: FitScore
    unmet_requirements: list[UnmetRequirement]
    pass_threshold: float
    above_line: bool
    """Score at or above the line and every hard requirement met."""


def row_sha256(row: Sequence[float]) -> str:
    """sha256 of ``{"features_version":..., "row":[...]}`` as compact JSON
    (floats as Python writes them), built without json.dumps for speed."""
    body = ",".join(repr(float(v)) for v in row)
    text = f'{{"features_version":"{FIT_FEATURES_VERSION}","row":[{body}]}}'
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class FitBatch:
    """Scores of many rows as arrays; ``result(i)`` builds one row's ``FitScore``."""

    model_version: str
    features: Array
    predictions: Array
    scores: Array
    contributions: Array
    """(rows, features + 1): per-feature contributions, the bias last."""
    top_indices: npt.NDArray[np.intp]
    input_sha256: list[str]

    def __len__(self) -> int:
        return len(self.predictions)

    def result(self, i: int) -> FitScore:
        row, values = self.contributions[i], self.features[i]
        explained = [
            FitContribution(feature=name, value=float(values[j]), contribution=float(row[j]))
            for j, name in enumerate(FIT_FEATURE_NAMES)
        ]
        return FitScore(
            score=float(self.scores[i]),
            prediction=float(self.predictions[i]),
            bias=float(row[-1]),
            contributions=explained,
            top=[explained[int(j)] for j in self.top_indices[i]],
            model_version=self.model_version,
            features_version=FIT_FEATURES_VERSION,
            input_sha256=self.input_sha256[i],
        )

    def results(self) -> list[FitScore]:
        return [self.result(i) for i in range(len(self))]


class FitScorer:
    """The champion ``fit`` model (or a named version), loaded once."""

    def __init__(
        self,
        registry_root: Path | str,
        *,
        version: int | None = None,
        top: int = TOP_CONTRIBUTIONS,
        num_threads: int = 1,
    ) -> None:
        card, booster = ModelRegistry(registry_root).load(ENTRY, version)
        self._card: ModelCard = card
        self._booster: lgb.Booster = booster
        self._top = max(0, min(top, len(FIT_FEATURE_NAMES)))
        self._threads = num_threads

    @property
    def card(self) -> ModelCard:
        return self._card

    @property
    def model_version(self) -> str:
        """e.g. ``lgbm-fit/1``: recorded with every score."""
        return self._card.model_version

    def score_matrix(self, rows: npt.ArrayLike) -> FitBatch:
        """Score feature rows (FIT_FEATURE_NAMES columns) in one vectorised call."""
        matrix = np.asarray(rows, dtype=np.float64)
        if matrix.ndim != 2 or matrix.shape[1] != len(FIT_FEATURE_NAMES):
            raise ValueError(
                f"expected rows of {len(FIT_FEATURE_NAMES)} features, got shape {matrix.shape}"
            )
        if len(matrix) == 0:
            empty = np.zeros((0, len(FIT_FEATURE_NAMES) + 1))
            nothing = np.zeros(0)
            no_top = np.zeros((0, self._top), dtype=np.intp)
            return FitBatch(self.model_version, matrix, nothing, nothing, empty, no_top, [])
        unique, inverse = np.unique(matrix, axis=0, return_inverse=True)
        raw = self._booster.predict(unique, pred_contrib=True, num_threads=self._threads)
        contributions = np.asarray(raw, dtype=np.float64)[inverse.reshape(-1)]
        predictions = contributions.sum(axis=1)
        order = np.argsort(-np.abs(contributions[:, :-1]), axis=1, kind="stable")
        return FitBatch(
            model_version=self.model_version,
            features=matrix,
            predictions=predictions,
            scores=np.round(np.clip(predictions, 0.0, 100.0), 2),
            contributions=contributions,
            top_indices=order[:, : self._top],
            input_sha256=[row_sha256(row) for row in matrix.tolist()],
        )

    def screen(
        self,
        resumes: Sequence[ParsedResume],
        requisition: Requisition,
        *,
        analysis: JdAnalysis | None = None,
        profile: FitProfile | None = None,
    ) -> list[ScreeningResult]:
        """Features, fit scores and hard-requirement checks for a batch against one
        requisition. Pass the stored ``analysis`` (or a ``profile`` built once) so a
        batch does not redo the JD analysis."""
        profile = profile if profile is not None else fit_profile(requisition, analysis)
        rows = [fit_vector(resume, profile) for resume in resumes]
        matrix = np.array(rows, dtype=np.float64).reshape(len(rows), len(FIT_FEATURE_NAMES))
        batch = self.score_matrix(matrix)
        line = requisition.pass_threshold
        results: list[ScreeningResult] = []
        for i, resume in enumerate(resumes):
            fit = batch.result(i)
            unmet = unmet_requirements(resume, requisition.requirements)
            results.append(
                ScreeningResult(
                    requisition_id=requisition.id,
                    fit=fit,
                    unmet_requirements=unmet,
                    pass_threshold=line,
                    above_line=fit.score >= line and not unmet,
                )
            )
        return results
