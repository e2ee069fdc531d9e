"""The ``transcribe_answer`` activity: answer audio in, a transcript reference out.

The audio comes from the blob store by sha256 and the transcript goes to the
subject vault (document ``transcript:<question>``); the result carries only
the reference and numbers, because Temporal keeps results in plain text.

Whisper runs on the worker's activity thread pool. A side thread heartbeats
while it works, so a heartbeat timeout notices a dead worker within seconds
instead of waiting out a transcription-length start-to-close timeout.
Recordings that cannot be transcribed return a status (``empty``, ``corrupt``,
``silent``, ``too_long``, ``unsupported``) rather than raising, so the
workflow routes the answer to a person; only configuration and storage faults
raise, as non-retryable ``BadInput``.
"""

import contextvars
import functools
import os
import queue
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from temporalio import activity

from activities.errors import bad_input
from activities.services import input_hash
from adapters.speech.audio import SAMPLE_RATE, AudioProblem, decode
from domain.errors import UserError
from domain.interview.speech import (
    SegmentStats,
    TranscriptionRequest,
    TranscriptionResult,
    normalise,
    transcript_kind,
)
from ledger.blobs import BlobError, BlobStore, sha256_file
from ledger.vault import SubjectVault

# Fixed decoding: greedy, no temperature fallback and no conditioning on earlier
# text, so a retried activity reproduces the same transcript and one bad
# segment cannot derail the next. Part of the input hash.
DECODE_OPTIONS: dict[str, Any] = {
    "language": "en",
    "task": "transcribe",
    "temperature": 0.0,
    "condition_on_previous_text": False,
    "fp16": False,
}
IMPORT_HINT = "run `hireloop models import-whisper-ct2` to create it"


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
    while one thread held it near 0.08 (bench/interview.py); copies on
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
                loaded.model.transcribe(np.zeros(SAMPLE_RATE, dtype=np.float32), **DECODE_OPTIONS)
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


@functools.cache
def _checkpoint_sha256(path: Path) -> str:
    """Hashed once per process, however many model copies are loaded from it."""
    return sha256_file(path)


def _checkpoint_for(spec: str) -> tuple[Path, str | None]:
    """The checkpoint file for a path or an official model name (and that name).

    A name must already be in whisper's download cache: workers have no
    internet, and a download attempt would only fail slowly."""
    import whisper

    if spec in whisper.available_models():
        root = Path(os.getenv("XDG_CACHE_HOME", Path.home() / ".cache")) / "whisper"
        return root / os.path.basename(whisper._MODELS[spec]), spec
    return Path(spec).expanduser(), None


def load_model(spec: str) -> LoadedModel:
    """A fresh copy of the Whisper model for ``spec`` (a checkpoint path or a
    cached model name), set to decode on one thread."""
    import torch
    import whisper
    from whisper.model import ModelDimensions, Whisper

    from adapters.speech.whisper_ct2 import Dimensions, model_name

    path, name = _checkpoint_for(spec)
    if not path.is_file():
        raise bad_input(f"Whisper model {spec!r} not found at {path}; {IMPORT_HINT}")
    if name is not None:
        model = whisper.load_model(name, device="cpu")
    else:
        try:
            checkpoint = torch.load(path, map_location="cpu", weights_only=True)
            model = Whisper(ModelDimensions(**checkpoint["dims"]))
            model.load_state_dict(checkpoint["model_state_dict"])
        except Exception as exc:
            raise bad_input(
                f"{path} is not a Whisper checkpoint ({exc.__class__.__name__}); {IMPORT_HINT}"
            ) from None
        heads = checkpoint.get("alignment_heads")
        if isinstance(heads, bytes):
            model.set_alignment_heads(heads)
        name = model_name(Dimensions(**checkpoint["dims"]))
    model.eval()
    torch.set_num_threads(1)
    return LoadedModel(model=model, version=f"whisper-{name}/{_checkpoint_sha256(path)[:12]}")


_pools: dict[tuple[str, int], ModelPool] = {}
_pools_lock = threading.Lock()


def pool_for(spec: str, size: int) -> ModelPool:
    """The process's pool for ``spec``: models load once per process, however
    many activity objects (tests build many) use them."""
    with _pools_lock:
        return _pools.setdefault((spec, size), ModelPool(spec, size))


class _Heartbeater:
    """Heartbeats from a side thread while the activity thread is busy in torch.

    temporalio's heartbeat for thread-pool activities is thread-safe (it hands
    the call to the worker's event loop), but it finds the activity through a
    context variable, so the thread runs in a copy of the activity's context.
    Outside an activity (tests, scripts) it does nothing."""

    def __init__(self, every: float) -> None:
        self._every = every
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._started = time.monotonic()

    def __enter__(self) -> "_Heartbeater":
        if activity.in_activity():
            timeout = activity.info().heartbeat_timeout
            if timeout:  # three beats per timeout: one lost heartbeat is not a failure
                self._every = min(self._every, timeout.total_seconds() / 3)
            context = contextvars.copy_context()
            self._thread = threading.Thread(
                target=context.run, args=(self._run,), name="transcribe-heartbeat", daemon=True
            )
            self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.wait(self._every):
            try:
                activity.heartbeat({"stage": "transcribing", "elapsed_s": self._elapsed()})
            except Exception as exc:  # a busy event loop or a closing activity: try next beat
                activity.logger.debug("heartbeat not sent: %s", exc.__class__.__name__)

    def _elapsed(self) -> float:
        return round(time.monotonic() - self._started, 1)

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()


class TranscriptionActivities:
    def __init__(
        self,
        blobs: BlobStore,
        vault: SubjectVault,
        model_path: str,
        heartbeat_every: float = 5.0,
        slots: int = 1,
    ) -> None:
        self._blobs = blobs
        self._vault = vault
        self._pool = pool_for(model_path, slots)
        self._heartbeat_every = heartbeat_every

    def warm(self) -> None:
        self._pool.warm()

    @activity.defn(name="transcribe_answer")
    def transcribe_answer(self, request: TranscriptionRequest) -> TranscriptionResult:
        # Heartbeat across all of it: the first call also loads a model, and a
        # call may wait for a free model while other answers are transcribed.
        with _Heartbeater(self._heartbeat_every):
            return self._transcribe(request)

    def _transcribe(self, request: TranscriptionRequest) -> TranscriptionResult:
        with self._pool.model() as loaded:
            started = time.perf_counter()
            result = self._with_model(request, loaded)
            return result.model_copy(
                update={"processing_s": round(time.perf_counter() - started, 3)}
            )

    def _with_model(
        self, request: TranscriptionRequest, loaded: LoadedModel
    ) -> TranscriptionResult:
        digest = input_hash(
            "transcribe_answer",
            request.audio_ref,
            request.max_seconds,
            loaded.version,
            DECODE_OPTIONS,
        )
        if self._vault.get(request.candidate_id) is None:  # erased: don't transcribe for nobody
            raise bad_input(f"no subject {request.candidate_id} in the vault (erased?)")
        try:
            content = self._blobs.get(request.audio_ref)
        except BlobError as exc:
            raise bad_input(f"answer audio for '{request.question_id}': {exc}") from None
        try:
            audio = decode(content, request.max_seconds)
        except AudioProblem as problem:
            activity.logger.info("answer audio rejected: %s", problem.reason)
            return TranscriptionResult(
                status=problem.reason,
                duration_s=round(problem.duration_s or 0.0, 3),
                model_version=loaded.version,
                input_hash=digest,
            )

        output = loaded.model.transcribe(audio.samples, **DECODE_OPTIONS)
        text = str(output["text"]).strip()
        try:
            transcript_ref = self._vault.store_document(
                request.candidate_id,
                transcript_kind(request.question_id),
                text.encode("utf-8"),
                "text/plain; charset=utf-8",
            )
        except UserError as exc:
            raise bad_input(str(exc)) from None
        return _result(output["segments"], text, audio.samples.size, transcript_ref, loaded, digest)


def _result(
    raw_segments: list[dict[str, Any]],
    text: str,
    n_samples: int,
    transcript_ref: str,
    loaded: LoadedModel,
    digest: str,
) -> TranscriptionResult:
    segments = [
        SegmentStats(
            start=round(float(s["start"]), 3),
            end=round(float(s["end"]), 3),
            avg_logprob=round(float(s["avg_logprob"]), 4),
            no_speech_prob=round(float(s["no_speech_prob"]), 4),
            words=len(normalise(str(s["text"])).split()),
        )
        for s in raw_segments
    ]
    return TranscriptionResult(
        status="ok",
        transcript_ref=transcript_ref,
        word_count=len(normalise(text).split()),
        duration_s=round(n_samples / SAMPLE_RATE, 3),
        segments=segments,
        mean_avg_logprob=(
            round(sum(s.avg_logprob for s in segments) / len(segments), 4) if segments else None
        ),
        max_no_speech_prob=max((s.no_speech_prob for s in segments), default=None),
        model_version=loaded.version,
        input_hash=digest,
    )
