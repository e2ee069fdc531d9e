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
import hashlib
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from temporalio import activity

from activities.audio import SAMPLE_RATE, AudioProblem, decode
from activities.errors import bad_input
from activities.services import input_hash
from domain.speech import (
    SegmentStats,
    TranscriptionRequest,
    TranscriptionResult,
    normalise,
    transcript_kind,
)
from hireloop.errors import UserError
from ledger.blobs import BlobError, BlobStore
from ledger.subjects import SubjectVault

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

    ``lock`` serialises decoding: openai-whisper installs its key/value-cache
    hooks on the shared modules for each call, so two concurrent calls on one
    model would corrupt each other's caches. Torch already uses every core
    for one call, so serialising costs little throughput."""

    model: Any
    version: str
    lock: threading.Lock


_models: dict[str, LoadedModel] = {}
_models_lock = threading.Lock()


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


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
    """The Whisper model for ``spec`` (a checkpoint path or a cached model name),
    loaded once per process; concurrent first callers wait for one load."""
    with _models_lock:
        loaded = _models.get(spec)
        if loaded is not None:
            return loaded
        import torch
        import whisper
        from whisper.model import ModelDimensions, Whisper

        from hireloop.whisper_ct2 import Dimensions, model_name

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
        loaded = LoadedModel(
            model=model,
            version=f"whisper-{name}/{_sha256_file(path)[:12]}",
            lock=threading.Lock(),
        )
        _models[spec] = loaded
        return loaded


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
    ) -> None:
        self._blobs = blobs
        self._vault = vault
        self._model_path = model_path
        self._heartbeat_every = heartbeat_every

    @activity.defn(name="transcribe_answer")
    def transcribe_answer(self, request: TranscriptionRequest) -> TranscriptionResult:
        # Heartbeat across all of it: the first call also loads the model, and a
        # call may wait for the model while another answer is being transcribed.
        with _Heartbeater(self._heartbeat_every):
            return self._transcribe(request)

    def _transcribe(self, request: TranscriptionRequest) -> TranscriptionResult:
        loaded = load_model(self._model_path)
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

        with loaded.lock:
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
