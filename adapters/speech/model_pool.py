"""Whisper models for a process: found, loaded, warmed, and lent one decode at a time.

torch and openai-whisper are imported only when a model is loaded: with them
a process holds about 370 MB, which a process that never transcribes (the
CLI, a worker whose checkpoint is missing) should not pay for.
"""

import functools
import hashlib
import os
import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from adapters.speech.audio import SAMPLE_RATE
from adapters.speech.transcriber import transcribe
from domain.errors import UserError

IMPORT_HINT = "run `hireloop models import-whisper-ct2` to create it"


class WhisperModelError(UserError):
    """The configured Whisper model is missing or is not a checkpoint: a
    deployment fault that no retry fixes; the message names the fix."""


@dataclass
class LoadedModel:
    """A Whisper model and the version string every result names.

    A model serves one decode at a time: openai-whisper installs its
    key/value-cache hooks on the shared modules for each call, so two
    concurrent calls on one model would corrupt each other's caches. A
    process that decodes several answers at once holds several copies
    (``ModelPool``)."""

    model: Any
    version: str


class ModelPool:
    """``size`` copies of one Whisper model, each decoding on one thread.

    One thread per decode: on a small shared machine torch's own threading
    made the real-time factor swing between 0.06 and 0.47 on the same audio,
    while one thread held it near 0.08 (bench/interview); copies on
    separate cores scale better than threads inside one decode."""

    def __init__(self, spec: str, size: int) -> None:
        self.spec = spec
        self.size = size
        self._free: queue.Queue[LoadedModel] = queue.Queue()
        self._loaded = 0
        self._lock = threading.Lock()

    def warm(self) -> None:
        """Load every copy and run one short decode on each, so the first
        candidates of a fresh worker do not wait for torch to start up."""
        with self._lock:
            while self._loaded < self.size:
                loaded = load_model(self.spec)
                transcribe(loaded.model, np.zeros(SAMPLE_RATE, dtype=np.float32))
                self._free.put(loaded)
                self._loaded += 1

    @contextmanager
    def model(self) -> Iterator[LoadedModel]:
        """A model to decode with, loaded on first use; waits while all are busy."""
        with self._lock:
            if self._free.empty() and self._loaded < self.size:
                self._free.put(load_model(self.spec))
                self._loaded += 1
        loaded = self._free.get()
        try:
            yield loaded
        finally:
            self._free.put(loaded)


_pools: dict[tuple[str, int], ModelPool] = {}
_pools_lock = threading.Lock()


def pool_for(spec: str, size: int) -> ModelPool:
    """The process's pool for ``spec``: models load once per process, however
    many activity objects (tests build many) use them."""
    with _pools_lock:
        return _pools.setdefault((spec, size), ModelPool(spec, size))


@functools.cache
def _checkpoint_sha256(path: Path) -> str:
    """Hashed once per process, however many model copies are loaded from it."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _checkpoint_for(spec: str) -> tuple[Path, str | None]:
    """The checkpoint file for a path or an official model name (and that name).

    A name must already be in whisper's download cache: workers have no
    internet, and a download attempt would only fail slowly. A path is
    answered without importing whisper: with torch that is about 370 MB per
    process, which a worker whose checkpoint is missing would hold for nothing
    (bench/screening measured it)."""
    path = Path(spec).expanduser()
    if path.is_file() or os.sep in spec:
        return path, None
    import whisper

    if spec in whisper.available_models():
        root = Path(os.getenv("XDG_CACHE_HOME", Path.home() / ".cache")) / "whisper"
        return root / os.path.basename(whisper._MODELS[spec]), spec
    return path, None


def load_model(spec: str) -> LoadedModel:
    """A fresh copy of the Whisper model for ``spec`` (a checkpoint path or a
    cached model name), set to decode on one thread."""
    path, name = _checkpoint_for(spec)
    if not path.is_file():
        raise WhisperModelError(f"Whisper model {spec!r} not found at {path}; {IMPORT_HINT}")
    import torch
    import whisper
    from whisper.model import ModelDimensions, Whisper

    from adapters.speech.whisper_ct2 import Dimensions, model_name

    if name is not None:
        model = whisper.load_model(name, device="cpu")
    else:
        try:
            checkpoint = torch.load(path, map_location="cpu", weights_only=True)
            model = Whisper(ModelDimensions(**checkpoint["dims"]))
            model.load_state_dict(checkpoint["model_state_dict"])
        except Exception as exc:
            raise WhisperModelError(
                f"{path} is not a Whisper checkpoint ({exc.__class__.__name__}); {IMPORT_HINT}"
            ) from None
        heads = checkpoint.get("alignment_heads")
        if isinstance(heads, bytes):
            model.set_alignment_heads(heads)
        name = model_name(Dimensions(**checkpoint["dims"]))
    model.eval()
    torch.set_num_threads(1)
    return LoadedModel(model=model, version=f"whisper-{name}/{_checkpoint_sha256(path)[:12]}")
