"""Labelled training data as CSV: one rated answer per line ("long" format).

Columns (a header line first; order free; other columns are ignored, so a
spreadsheet may keep notes or candidate ids alongside):

    dimension, <every name in FEATURE_NAMES>, score[, source]

``dimension`` is the competency the answer was rated on, ``score`` the
rater's 0-100 score, ``source`` (optional) where the label came from, e.g.
``simulated-raters/2 seed=2025``. Long rather than wide because an answer is
asked for one dimension and rated on that one: a wide file would be mostly
empty cells, and a custom dimension ("risk_awareness") is just a new value,
not a new column.

Not applicable is an **empty cell**, and only in the speech columns
(``SPEECH_FEATURES``: words_per_minute, pause_ratio, asr_mean_avg_logprob,
asr_max_no_speech_prob): a typed answer has no speech, so its row leaves
those four empty and is read back as NaN. Empty is what spreadsheets and
pandas write for a missing value, and one spelling keeps the bytes, and so
the training-data hash, canonical: "nan", "NA" and the like are refused
with a message saying to leave the cell empty. An empty content cell is
still an error: every answer has words, so a blank there is a mistake.

The sha256 of the file's bytes is the training-data hash written into every
model card, so a model can be traced back to the exact file it learned from.
Bad files raise ``UserError`` naming the line and column to fix.
"""

import csv
import hashlib
import io
import math
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from adapters.ml.provenance import RATER_SCORES, RATER_SIMULATION, data_note, simulated_by
from domain.errors import UserError
from domain.interview.answer_features import FEATURE_NAMES, SPEECH_FEATURES, LabelledAnswer

REQUIRED_COLUMNS: tuple[str, ...] = ("dimension", *FEATURE_NAMES, "score")
SOURCE_COLUMN = "source"
DIMENSION_NAME = re.compile(r"[a-z][a-z0-9_]{0,63}")
"""Dimension names become directory names in the model registry: keep them tame."""


@dataclass(frozen=True)
class LabelledData:
    """The rows of one labelled file and the hash of its bytes."""

    sha256: str
    rows: tuple[LabelledAnswer, ...]

    def dimensions(self) -> list[str]:
        return sorted({row.dimension for row in self.rows})

    def arrays(self, dimension: str) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        """Feature matrix (FEATURE_NAMES columns) and scores for one dimension."""
        chosen = [row for row in self.rows if row.dimension == dimension]
        matrix = np.array([row.features for row in chosen], dtype=np.float64)
        return matrix.reshape(len(chosen), len(FEATURE_NAMES)), np.array(
            [row.score for row in chosen], dtype=np.float64
        )

    @property
    def simulated_rows(self) -> int:
        """Rows whose source says they came from the rater simulation."""
        return sum(1 for row in self.rows if simulated_by(row.source, RATER_SIMULATION))

    def provenance(self, name: str, *, synthetic: bool = False) -> tuple[bool, str]:
        """Whether the data is synthetic, and the plain-language note for model cards."""
        sources = [row.source for row in self.rows]
        return data_note(sources, RATER_SCORES, name, self.sha256, synthetic=synthetic)


def check_dimension(name: str) -> str:
    """The name, if it can be a registry directory; else a UserError."""
    if not DIMENSION_NAME.fullmatch(name):
        raise UserError(
            f"{name!r} is not a dimension name: use lower-case letters, digits and _, "
            "starting with a letter (e.g. job_knowledge)"
        )
    return name


NOT_APPLICABLE_CELL = ""
"""How a not-applicable (NaN) speech feature is written, and the only way it is read."""


def _number(text: str, where: str, *, may_be_empty: bool = False) -> float:
    """A finite number; or NaN for an empty cell where ``may_be_empty``."""
    if may_be_empty and text == NOT_APPLICABLE_CELL:
        return math.nan
    try:
        value = float(text)
    except ValueError:
        shown = repr(text) if text.strip() else "the cell is empty; it"
        raise UserError(f"{where}: {shown} is not a number") from None
    if not math.isfinite(value):
        hint = (
            " (leave the cell empty for not applicable, e.g. a typed answer)"
            if may_be_empty and math.isnan(value)
            else ""
        )
        raise UserError(f"{where}: {text!r} is not a finite number{hint}")
    return value


Cell = Callable[[str], str]
"""A data line's cell by column name ("" for an optional column the file lacks)."""


def _header(cells: list[str], name: str, required: Sequence[str], optional: str) -> dict[str, int]:
    header = [cell.strip() for cell in cells]
    duplicated = sorted({cell for cell in header if header.count(cell) > 1 and cell})
    if duplicated:
        raise UserError(f"{name}: column(s) appear twice in the header: {', '.join(duplicated)}")
    missing = [column for column in required if column not in header]
    if missing:
        raise UserError(
            f"{name}: missing column(s) {', '.join(missing)}; "
            f"the file needs: {','.join(required)} (and optionally {optional})"
        )
    return {cell: i for i, cell in enumerate(header)}


def labelled_rows(
    text: str, name: str, required: Sequence[str], optional: str, unit: str
) -> Iterator[tuple[int, Cell]]:
    """The data lines of a labelled CSV after its header is checked, as (line
    number, cell getter); blank lines are skipped, a ragged line is an error
    naming its line, and a file with no data lines is an error too. One reader
    for every training file, so they all fail the same, helpful way."""
    reader = csv.reader(io.StringIO(text))
    first = next((cells for cells in reader if any(c.strip() for c in cells)), None)
    if first is None:
        raise UserError(
            f"{name} is empty; it needs a header line ({','.join(required)}) "
            f"and one line per {unit}"
        )
    columns, width = _header(first, name, required, optional), len(first)
    seen = 0
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != width:
            raise UserError(
                f"{name}, line {reader.line_num}: {len(cells)} cells, but the header has {width}"
            )

        def cell(column: str, cells: list[str] = cells) -> str:
            return cells[columns[column]].strip() if column in columns else ""

        seen += 1
        yield reader.line_num, cell
    if not seen:
        raise UserError(f"{name} has a header but no data lines")


def parse_labelled_csv(text: str, name: str = "<csv>") -> list[LabelledAnswer]:
    """Rows of a labelled CSV held in memory; ``name`` prefixes error messages."""
    rows: list[LabelledAnswer] = []
    for line, cell in labelled_rows(text, name, REQUIRED_COLUMNS, SOURCE_COLUMN, "rated answer"):
        dimension = cell("dimension")
        try:
            check_dimension(dimension)
        except UserError as exc:
            raise UserError(f"{name}, line {line}, column 'dimension': {exc}") from None
        values = tuple(
            _number(
                cell(feature),
                f"{name}, line {line}, column '{feature}'",
                may_be_empty=feature in SPEECH_FEATURES,
            )
            for feature in FEATURE_NAMES
        )
        score = _number(cell("score"), f"{name}, line {line}, column 'score'")
        if not 0 <= score <= 100:
            raise UserError(f"{name}, line {line}, column 'score': {score:g} is outside 0-100")
        rows.append(LabelledAnswer(dimension, values, score, cell(SOURCE_COLUMN)))
    return rows


def file_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_csv_text(path: Path) -> tuple[str, str]:
    """A training CSV's sha256 and text (UTF-8; a BOM from Excel is fine)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UserError(f"{path} is a directory, not a CSV file") from None
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(
            f"{path} is not UTF-8 text (bad byte at offset {exc.start}); save it as CSV UTF-8"
        ) from None
    return file_sha256(data), text


def read_labelled_csv(path: Path) -> LabelledData:
    """Parse and hash a labelled CSV."""
    digest, text = read_csv_text(path)
    return LabelledData(digest, tuple(parse_labelled_csv(text, str(path))))


def _cell(feature: str, value: float) -> str:
    """``repr`` round-trips every finite float exactly; NaN is written empty,
    and only where the reader accepts it, so whatever is written reads back."""
    value = float(value)
    if math.isnan(value) and feature in SPEECH_FEATURES:
        return NOT_APPLICABLE_CELL
    if not math.isfinite(value):
        raise ValueError(f"{feature} is {value!r}; only speech features may be NaN")
    return repr(value)


def _cells(row: LabelledAnswer) -> Sequence[str]:
    if len(row.features) != len(FEATURE_NAMES):
        raise ValueError(f"row has {len(row.features)} features, expected {len(FEATURE_NAMES)}")
    values = (_cell(f, v) for f, v in zip(FEATURE_NAMES, row.features, strict=True))
    return [row.dimension, *values, repr(row.score), row.source]


def labelled_csv_bytes(rows: Iterable[LabelledAnswer]) -> bytes:
    """The exact bytes ``write_labelled_csv`` writes, so a data hash can be
    computed (and later checked against a file) without touching the disk."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*REQUIRED_COLUMNS, SOURCE_COLUMN])
    writer.writerows(_cells(row) for row in rows)
    return buffer.getvalue().encode("utf-8")


def write_labelled_csv(path: Path, rows: Iterable[LabelledAnswer]) -> str:
    """Write rows in the format above; returns the file's sha256."""
    return write_training_file(path, labelled_csv_bytes(rows))


def write_training_file(path: Path, data: bytes) -> str:
    """Write a training file (any labelled CSV); returns its sha256, the
    training-data hash a model card names."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as exc:
        raise UserError(f"cannot write {path}: {exc.strerror}") from None
    return file_sha256(data)
