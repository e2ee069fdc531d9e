"""Labelled CSV files: a faithful round trip, and errors that say where to look."""

import hashlib
import math
from pathlib import Path

import numpy as np
import pytest

from adapters.ml.dataset import (
    REQUIRED_COLUMNS,
    labelled_csv_bytes,
    read_labelled_csv,
    write_labelled_csv,
)
from domain.errors import UserError
from domain.interview.answer_features import FEATURE_NAMES, SPEECH_FEATURES, LabelledAnswer
from simulation.raters import simulate

HEADER = ",".join(REQUIRED_COLUMNS)


def row(dimension: str = "teamwork", score: str = "62.5", first: str = "140", **cells: str) -> str:
    """A data line; ``first`` is words_per_minute, ``cells`` set other features."""
    values = {name: "0.5" for name in FEATURE_NAMES} | {"words_per_minute": first} | cells
    return ",".join([dimension, *(values[name] for name in FEATURE_NAMES), score])


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "labels.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_round_trip_keeps_every_value_and_hashes_the_bytes(tmp_path: Path) -> None:
    rows = simulate(40, seed=3)
    path = tmp_path / "out" / "sim.csv"
    digest = write_labelled_csv(path, rows)
    data = read_labelled_csv(path)
    assert data.rows == tuple(rows)
    assert data.sha256 == digest == hashlib.sha256(path.read_bytes()).hexdigest()
    assert labelled_csv_bytes(rows) == path.read_bytes()
    assert data.dimensions() == ["communication", "job_knowledge", "logical_reasoning", "teamwork"]
    x, y = data.arrays("teamwork")
    assert x.shape == (10, len(FEATURE_NAMES)) and y.shape == (10,)
    assert data.simulated_rows == 40
    synthetic, note = data.provenance("sim.csv")
    assert synthetic and "seeded simulation of human raters" in note


def test_extra_columns_are_ignored_and_real_labels_are_not_called_synthetic(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, f"candidate,{HEADER}\nc-1,{row()}\n")
    data = read_labelled_csv(path)
    assert [r.dimension for r in data.rows] == ["teamwork"]
    assert data.rows[0].features[0] == 140.0 and data.rows[0].score == 62.5
    synthetic, note = data.provenance("labels.csv")
    assert not synthetic and "human raters" in note
    assert data.provenance("labels.csv", synthetic=True)[0]


def test_excel_bom_and_blank_lines_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "labels.csv"
    path.write_bytes(("\ufeff" + f"{HEADER}\n\n{row()}\n\n").encode())
    assert len(read_labelled_csv(path).rows) == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "is empty; it needs a header line"),
        ("\n\n", "is empty"),
        (f"{HEADER}\n", "has a header but no data lines"),
        (
            "dimension,words_per_minute,score\nteamwork,1,2\n",
            "missing column(s) pause_ratio, vocabulary_richness",
        ),
        (f"{HEADER}\n{row()}\n{row(first='fast')}\n", "line 3, column 'words_per_minute': 'fast'"),
        (f"{HEADER}\n{row(answer_words='')}\n", "line 2, column 'answer_words': the cell is empty"),
        (
            f"{HEADER}\n{row(first='nan')}\n",
            "'nan' is not a finite number (leave the cell empty for not applicable",
        ),
        (f"{HEADER}\n{row(rubric_coverage='nan')}\n", "'nan' is not a finite number"),
        (f"{HEADER}\n{row(pause_ratio='inf')}\n", "'inf' is not a finite number"),
        (f"{HEADER}\n{row(score='120')}\n", "line 2, column 'score': 120 is outside 0-100"),
        (f"{HEADER}\n{row(dimension='Team Work')}\n", "'Team Work' is not a dimension name"),
        (f"{HEADER}\n{row()},extra\n", "line 2: 12 cells, but the header has 11"),
        (f"{HEADER},score\n", "column(s) appear twice in the header: score"),
    ],
)
def test_bad_files_say_what_and_where(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(UserError) as caught:
        read_labelled_csv(path)
    assert message in str(caught.value)
    assert str(path) in str(caught.value)


def test_unreadable_inputs(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no such file"):
        read_labelled_csv(tmp_path / "missing.csv")
    with pytest.raises(UserError, match="is a directory"):
        read_labelled_csv(tmp_path)
    binary = tmp_path / "labels.xlsx"
    binary.write_bytes(b"PK\x03\x04\xff\xfe")
    with pytest.raises(UserError, match="not UTF-8 text"):
        read_labelled_csv(binary)


def test_not_applicable_speech_features_round_trip_as_empty_cells(tmp_path: Path) -> None:
    """Typed answers: NaN is written as an empty cell, in the speech columns
    only, and read back as NaN, so the rows and the hash survive the file."""
    rows = simulate(200, seed=3)
    typed = [r for r in rows if r.typed]
    assert typed and len(typed) < len(rows)
    path = tmp_path / "sim.csv"
    digest = write_labelled_csv(path, rows)
    lines = path.read_text().splitlines()
    header = lines[0].split(",")
    speech_columns = [header.index(name) for name in SPEECH_FEATURES]
    for line, answer in zip(lines[1:], rows, strict=True):
        cells = line.split(",")
        assert [cells[i] == "" for i in speech_columns] == [answer.typed] * 4
    assert "nan" not in path.read_text().lower()
    data = read_labelled_csv(path)
    assert data.rows == tuple(rows) and data.sha256 == digest
    for read, written in zip(data.rows, rows, strict=True):
        assert np.array_equal(read.features, written.features, equal_nan=True)
    x, _ = data.arrays("teamwork")
    assert np.isnan(x).any() and labelled_csv_bytes(data.rows) == path.read_bytes()


def test_an_empty_speech_cell_reads_as_not_applicable_and_a_content_nan_cannot_be_written(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, f"{HEADER}\n{row(first='', asr_max_no_speech_prob=' ')}\n")
    (answer,) = read_labelled_csv(path).rows
    values = dict(zip(FEATURE_NAMES, answer.features, strict=True))
    assert math.isnan(values["words_per_minute"]) and math.isnan(values["asr_max_no_speech_prob"])
    assert values["pause_ratio"] == 0.5 and not answer.typed  # partly missing is not typed
    broken = LabelledAnswer("teamwork", (1.0, 0.2, math.nan, *[0.5] * 6), 50.0)
    with pytest.raises(ValueError, match="vocabulary_richness is nan; only speech features"):
        labelled_csv_bytes([broken])
