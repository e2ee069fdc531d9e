"""Reading CTranslate2's ``model.bin``: the file format, not what the tensors mean.

``model.bin`` layout (little-endian): ``u32 version``, ``u16 len + spec name``,
``u32 revision``, ``u32 n_vars``; per variable ``u16 len + name`` (NUL
terminated), ``u8 rank``, ``rank x u32 dims``, ``u8 dtype``, ``u32 n_bytes``,
bytes; then ``u32 n_aliases`` and pairs of names (alias, target). Malformed
files are a ``UserError`` that says where the file broke.
"""

import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from domain.errors import UserError

SPEC_NAME = "WhisperSpec"
# Typed variables (a dtype id per tensor) arrived in format 4; 6 is the newest.
SUPPORTED_VERSIONS = range(4, 7)

# CTranslate2's DataType ids; bf16 (5) has no numpy type and is widened below.
_DTYPES: dict[int, str] = {0: "<f4", 1: "<i1", 2: "<i2", 3: "<i4", 4: "<f2", 5: "<u2"}
_BF16 = 5

Array = npt.NDArray[Any]


@dataclass(frozen=True)
class Ct2Model:
    """The variables of a parsed ``model.bin``, aliases resolved."""

    version: int
    spec: str
    revision: int
    variables: dict[str, Array]
    aliases: dict[str, str]


class _Reader:
    """A cursor over the file's bytes that reports truncation as a UserError."""

    def __init__(self, data: bytes, path: Path) -> None:
        self._data = data
        self._path = path
        self.offset = 0
        self.context = "the header"

    def take(self, count: int) -> bytes:
        end = self.offset + count
        if end > len(self._data):
            raise UserError(
                f"{self._path} is truncated: needed {count} bytes at offset {self.offset} "
                f"while reading {self.context}, but the file has {len(self._data)} bytes"
            )
        chunk = self._data[self.offset : end]
        self.offset = end
        return chunk

    def unpack(self, fmt: str) -> int:
        value: int = struct.unpack("<" + fmt, self.take(struct.calcsize("<" + fmt)))[0]
        return value

    def string(self) -> str:
        raw = self.take(self.unpack("H"))
        try:
            return raw.rstrip(b"\0").decode("utf-8")
        except UnicodeDecodeError:
            raise UserError(
                f"{self._path} is not a CTranslate2 model: bad string at offset {self.offset}"
            ) from None


def read_ct2_model(path: Path) -> Ct2Model:
    """Parse a CTranslate2 ``model.bin`` into numpy arrays (little-endian)."""
    if not path.is_file():
        raise UserError(f"{path} does not exist (expected a CTranslate2 model.bin)")
    reader = _Reader(path.read_bytes(), path)
    version = reader.unpack("I")
    if version not in SUPPORTED_VERSIONS:
        raise UserError(
            f"{path} is not a CTranslate2 model this converter reads: format version "
            f"{version}, expected {SUPPORTED_VERSIONS.start}-{SUPPORTED_VERSIONS.stop - 1}"
        )
    spec = reader.string()
    if spec != SPEC_NAME:
        raise UserError(f"{path} holds a {spec!r} model, not a {SPEC_NAME} (Whisper) model")
    revision = reader.unpack("I")
    variables: dict[str, Array] = {}
    for index in range(reader.unpack("I")):
        reader.context = f"variable #{index}"
        name = reader.string()
        reader.context = f"variable {name!r}"
        shape = tuple(reader.unpack("I") for _ in range(reader.unpack("B")))
        dtype_id = reader.unpack("B")
        n_bytes = reader.unpack("I")
        if dtype_id not in _DTYPES:
            raise UserError(f"{path}: variable {name!r} has unknown dtype id {dtype_id}")
        dtype = np.dtype(_DTYPES[dtype_id])
        expected = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
        if n_bytes != expected:
            raise UserError(
                f"{path}: variable {name!r} of shape {list(shape)} has {n_bytes} bytes, "
                f"expected {expected}"
            )
        array = np.frombuffer(reader.take(n_bytes), dtype=dtype).reshape(shape).copy()
        if dtype_id == _BF16:  # bf16 is the high half of a float32
            array = (array.astype(np.uint32) << 16).view(np.float32)
        variables[name] = array
    reader.context = "the alias table"
    aliases: dict[str, str] = {}
    for _ in range(reader.unpack("I")):
        alias = reader.string()
        aliases[alias] = reader.string()
    for alias in aliases:
        variables[alias] = variables[_resolve(alias, aliases, variables, path)]
    return Ct2Model(version, spec, revision, variables, aliases)


def _resolve(alias: str, aliases: dict[str, str], variables: dict[str, Array], path: Path) -> str:
    """Follow an alias (possibly through other aliases) to a stored variable."""
    seen = {alias}
    target = aliases[alias]
    while target in aliases and target not in variables:
        if target in seen:
            raise UserError(f"{path}: alias {alias!r} is part of a cycle")
        seen.add(target)
        target = aliases[target]
    if target not in variables:
        raise UserError(f"{path}: alias {alias!r} refers to missing variable {target!r}")
    return target
