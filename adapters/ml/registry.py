"""The model registry: versioned scorer files on disk, each with a model card.

Layout (plain files, so models can be reviewed, diffed and committed)::

    <root>/<dimension>/<version>/model.txt   LightGBM text format
    <root>/<dimension>/<version>/card.json   the model card (ModelCard)
    <root>/<dimension>/champion              the version that scores, e.g. "3"

Each directory is one registry *entry*. Interview dimensions are entries
that score an answer from ``domain.interview.answer_features``; a few reserved names
(``NAMED_SCHEMAS``: ``fit``, the resume-vs-requisition model) are entries
of another kind, with their own feature list, features version and intended
use on their card. ``dimensions()`` lists interview dimensions only, so an
interview scorer never picks up the fit model; ``entries()`` lists all.

Versions are increasing integers and never reused or rewritten: a score
recorded as ``lgbm-teamwork/3`` must always mean the same file, which the
card pins by sha256. A new model becomes champion only if its cross-validated
RMSE beats the current champion's (the two CV estimates come from different
data when the data changed, so ``promote`` exists to decide by hand).
"""

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import lightgbm as lgb
from pydantic import BaseModel, ConfigDict, ValidationError

from adapters.ml.dataset import check_dimension
from adapters.ml.training import CvMetrics, TrainedModel
from domain.errors import UserError
from domain.interview.answer_features import FEATURE_NAMES, FEATURES_VERSION
from domain.screening.fit_features import FIT_FEATURE_NAMES, FIT_FEATURES_VERSION

MODEL_FILE = "model.txt"
CARD_FILE = "card.json"
CHAMPION_FILE = "champion"
INTENDED_USE = (
    "Scores one competency dimension of a transcribed interview answer from what was "
    "said and how fluently (the listed features). No emotion, facial or voice-tone "
    "inference. Advisory: every automated decision can be reviewed by a human."
)
FIT_INTENDED_USE = (
    "Scores how well a parsed resume fits one job requisition (skills, keywords, degree, "
    "years, certificates, major, languages; the listed features) for screening. Uses no "
    "name, gender, age, photo, school prestige or other personal attributes. Advisory: the "
    "line comes from the requisition, hard requirements are checked separately, and every "
    "automated decision can be reviewed by a human."
)


@dataclass(frozen=True)
class ModelSchema:
    """What an entry's models read and what they are for (written on their cards)."""

    features: tuple[str, ...]
    features_version: str
    intended_use: str


INTERVIEW_SCHEMA = ModelSchema(FEATURE_NAMES, FEATURES_VERSION, INTENDED_USE)
FIT_SCHEMA = ModelSchema(FIT_FEATURE_NAMES, FIT_FEATURES_VERSION, FIT_INTENDED_USE)
NAMED_SCHEMAS: dict[str, ModelSchema] = {"fit": FIT_SCHEMA}
"""Reserved entry names and their schemas; every other name is an interview dimension."""


def schema_for(name: str) -> ModelSchema:
    return NAMED_SCHEMAS.get(name, INTERVIEW_SCHEMA)


class RegistryError(UserError):
    """A missing, unknown or damaged model in the registry."""


class ModelCard(BaseModel):
    """What a model is, what it learned from and how well it did, in one file."""

    model_config = ConfigDict(frozen=True)

    name: str
    dimension: str
    version: int
    created: datetime
    features: list[str]
    features_version: str
    training_data_sha256: str
    rows: int
    cv: CvMetrics
    hyperparameters: dict[str, Any]
    synthetic_training_data: bool
    data_note: str
    intended_use: str
    lightgbm_version: str
    model_sha256: str

    @property
    def model_version(self) -> str:
        """The label every score carries, e.g. ``lgbm-teamwork/3``."""
        return f"{self.name}/{self.version}"


@dataclass(frozen=True)
class Registration:
    """The outcome of registering a model: its card, and who is champion now."""

    card: ModelCard
    champion: bool
    previous_champion: int | None


def _check_features(model: TrainedModel, features: Sequence[str]) -> None:
    """A model goes only under an entry whose features it was trained on
    (an interview CSV with a ``fit`` dimension must not become the fit model)."""
    trained = list(model.booster.feature_name())
    if trained != list(features):
        raise RegistryError(
            f"a model trained on features {trained} cannot be registered as "
            f"{model.dimension}, whose models use {list(features)}"
        )


def _write_atomically(path: Path, data: bytes) -> None:
    """Readers (a scorer loading the champion) never see a half-written file."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


class ModelRegistry:
    """Versioned models per dimension under one directory."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)

    def _dimension_dir(self, dimension: str) -> Path:
        return self.root / check_dimension(dimension)

    def entries(self) -> list[str]:
        """Every entry (interview dimensions and named ones such as ``fit``) with
        at least one complete model version."""
        if not self.root.is_dir():
            return []
        return sorted(p.name for p in self.root.iterdir() if p.is_dir() and self.versions(p.name))

    def dimensions(self) -> list[str]:
        """Interview dimensions with at least one complete model version."""
        return [name for name in self.entries() if name not in NAMED_SCHEMAS]

    def versions(self, dimension: str) -> list[int]:
        """Complete versions (model and card written), oldest first."""
        folder = self._dimension_dir(dimension)
        if not folder.is_dir():
            return []
        return sorted(
            int(p.name)
            for p in folder.iterdir()
            if p.name.isdigit() and (p / CARD_FILE).is_file() and (p / MODEL_FILE).is_file()
        )

    def champion(self, dimension: str) -> int | None:
        pointer = self._dimension_dir(dimension) / CHAMPION_FILE
        if not pointer.is_file():
            return None
        text = pointer.read_text().strip()
        if not text.isdigit():
            raise RegistryError(f"{pointer} should hold a version number, not {text!r}")
        return int(text)

    def _resolve(self, dimension: str, version: int | None) -> int:
        known = self.versions(dimension)
        if not known:
            raise RegistryError(
                f"no models for dimension {dimension} in {self.root}"
                + (f" (it has: {', '.join(self.dimensions())})" if self.dimensions() else "")
            )
        if version is None:
            champion = self.champion(dimension)
            if champion is None:
                raise RegistryError(f"dimension {dimension} has no champion; use promote")
            version = champion
        if version not in known:
            listed = ", ".join(str(v) for v in known)
            raise RegistryError(f"{dimension} has no version {version} (versions: {listed})")
        return version

    def card(self, dimension: str, version: int | None = None) -> ModelCard:
        """The card of a version, or of the champion when no version is given."""
        version = self._resolve(dimension, version)
        path = self._dimension_dir(dimension) / str(version) / CARD_FILE
        try:
            return ModelCard.model_validate_json(path.read_bytes())
        except ValidationError as exc:
            raise RegistryError(f"{path} is not a valid model card: {exc}") from None

    def load(self, dimension: str, version: int | None = None) -> tuple[ModelCard, lgb.Booster]:
        """A model and its card, after checking the file is the one the card names."""
        card = self.card(dimension, version)
        path = self._dimension_dir(dimension) / str(card.version) / MODEL_FILE
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != card.model_sha256:
            raise RegistryError(f"{path} does not match the sha256 in its model card")
        expected = list(schema_for(dimension).features)
        if card.features != expected:
            raise RegistryError(
                f"{card.model_version} was trained on features {card.features}; "
                f"this code computes {expected}: retrain it"
            )
        return card, lgb.Booster(model_str=data.decode("utf-8"))

    def _claim_version(self, dimension: str) -> tuple[int, Path]:
        """Create the next version's directory; mkdir is the lock against a
        concurrent trainer taking the same number."""
        folder = self._dimension_dir(dimension)
        folder.mkdir(parents=True, exist_ok=True)
        taken = [int(p.name) for p in folder.iterdir() if p.name.isdigit()]
        version = max(taken, default=0) + 1
        while True:
            try:
                (folder / str(version)).mkdir()
                return version, folder / str(version)
            except FileExistsError:
                version += 1

    def register(
        self,
        model: TrainedModel,
        *,
        training_data_sha256: str,
        synthetic: bool,
        data_note: str,
        created: datetime | None = None,
    ) -> Registration:
        """Store a trained model as the next version; crown it if its CV RMSE is lower."""
        schema = schema_for(model.dimension)
        _check_features(model, schema.features)
        version, folder = self._claim_version(model.dimension)
        text = model.booster.model_to_string().encode("utf-8")
        card = ModelCard(
            name=f"lgbm-{model.dimension}",
            dimension=model.dimension,
            version=version,
            created=created or datetime.now(UTC).replace(microsecond=0),
            features=list(schema.features),
            features_version=schema.features_version,
            training_data_sha256=training_data_sha256,
            rows=model.rows,
            cv=model.cv,
            hyperparameters={**model.params, "num_boost_round": model.num_boost_round},
            synthetic_training_data=synthetic,
            data_note=data_note,
            intended_use=schema.intended_use,
            lightgbm_version=lgb.__version__,
            model_sha256=hashlib.sha256(text).hexdigest(),
        )
        _write_atomically(folder / MODEL_FILE, text)
        card_json = json.dumps(card.model_dump(mode="json"), indent=2, ensure_ascii=False)
        _write_atomically(folder / CARD_FILE, (card_json + "\n").encode("utf-8"))
        previous = self.champion(model.dimension)
        crowned = previous is None or model.cv.rmse < self.card(model.dimension, previous).cv.rmse
        if crowned:
            self.promote(model.dimension, version)
        return Registration(card, crowned, previous)

    def promote(self, dimension: str, version: int) -> None:
        """Make a version the champion, whatever its metrics (a human decision)."""
        self._resolve(dimension, version)
        _write_atomically(self._dimension_dir(dimension) / CHAMPION_FILE, f"{version}\n".encode())
