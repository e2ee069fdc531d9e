"""The ``transcribe_answer`` activity: answer audio in, a transcript reference out.

The audio comes from the blob store by sha256 and the transcript goes to the
subject vault (document ``transcript:<question>``); the result carries only
the reference and numbers, because Temporal keeps results in plain text.

Whisper itself (the model pool, loading and warming, the decode call) lives
in ``adapters.speech``; this module is the Temporal side of it. Whisper runs
on the worker's activity thread pool. A side thread heartbeats while it
works, so a heartbeat timeout notices a dead worker within seconds instead
of waiting out a transcription-length start-to-close timeout. Recordings
that cannot be transcribed return a status (``empty``, ``corrupt``,
``silent``, ``too_long``, ``unsupported``) rather than raising, so the
workflow routes the answer to a person; only configuration and storage
faults raise, as non-retryable ``BadInput``.
"""

import contextvars
import threading
import time

from temporalio import activity

from activities.errors import bad_input
from activities.services import input_hash
from adapters.speech.audio import SAMPLE_RATE, AudioProblem, decode
from adapters.speech.model_pool import LoadedModel, WhisperModelError, pool_for
from adapters.speech.transcriber import DECODE_OPTIONS, Transcript, transcribe
from domain.errors import UserError
from domain.interview.speech import (
    TranscriptionRequest,
    TranscriptionResult,
    normalise,
    transcript_kind,
)
from ledger.blobs import BlobError, BlobStore
from ledger.vault import SubjectVault


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

    @activity.defn(name="transcribe_answer")
    def transcribe_answer(self, request: TranscriptionRequest) -> TranscriptionResult:
        # Heartbeat across all of it: the first call also loads a model, and a
        # call may wait for a free model while other answers are transcribed.
        with _Heartbeater(self._heartbeat_every):
            try:
                return self._transcribe(request)
            except WhisperModelError as exc:
                raise bad_input(str(exc)) from None

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

        heard = transcribe(loaded.model, audio.samples)
        try:
            transcript_ref = self._vault.store_document(
                request.candidate_id,
                transcript_kind(request.question_id),
                heard.text.encode("utf-8"),
                "text/plain; charset=utf-8",
            )
        except UserError as exc:
            raise bad_input(str(exc)) from None
        return _result(heard, audio.samples.size, transcript_ref, loaded.version, digest)


def _result(
    heard: Transcript, n_samples: int, transcript_ref: str, model_version: str, digest: str
) -> TranscriptionResult:
    """What the workflow may hold: the transcript's hash and numbers, no words."""
    segments = heard.segments
    return TranscriptionResult(
        status="ok",
        transcript_ref=transcript_ref,
        word_count=len(normalise(heard.text).split()),
        duration_s=round(n_samples / SAMPLE_RATE, 3),
        segments=segments,
        mean_avg_logprob=(
            round(sum(s.avg_logprob for s in segments) / len(segments), 4) if segments else None
        ),
        max_no_speech_prob=max((s.no_speech_prob for s in segments), default=None),
        model_version=model_version,
        input_hash=digest,
    )
