"""Speech-to-text messages and the pure measures over transcripts.

The transcription activity's input and output live here, not in the
activity, because the ``AIInterview`` workflow sends and receives them inside
Temporal's sandbox (``domain`` is passed through). They carry references and
numbers only: Temporal stores results in plain text, so the transcript itself
stays in the subject vault and the result names it by its sha256.

``normalise`` and ``word_error_rate`` are how the tests (and later the
benchmark) judge a transcript against the sentence that was spoken.
"""

import re
import unicodedata
from typing import Literal

from pydantic import BaseModel, Field

AudioReason = Literal["empty", "corrupt", "silent", "too_long", "unsupported"]
"""Why answer audio could not be transcribed. Each routes the answer to a person."""

TranscriptionStatus = Literal["ok", "empty", "corrupt", "silent", "too_long", "unsupported"]

AUDIO_REASONS: tuple[AudioReason, ...] = ("empty", "corrupt", "silent", "too_long", "unsupported")

SHA256_PATTERN = r"^[0-9a-f]{64}$"

SPEECH_QUEUE_SUFFIX = "-speech"
"""Transcriptions run on ``<task queue>-speech``, polled by speech workers that
take one answer at a time: waiting answers queue in Temporal, not in threads
that the ledger writes also need, and speech capacity scales on its own."""


def transcript_kind(question_id: str) -> str:
    """The vault document kind that holds the transcript of one answer."""
    return f"transcript:{question_id}"


class TranscriptionRequest(BaseModel):
    """Transcribe the answer audio stored in the blob store under ``audio_ref``."""

    candidate_id: str
    question_id: str
    audio_ref: str = Field(pattern=SHA256_PATTERN)
    max_seconds: float = Field(gt=0)


class SegmentStats(BaseModel):
    """One Whisper segment without its text: timings and confidence only.

    ``words`` is the number of normalised words in the segment, enough for
    speaking-rate and pause features without putting speech into history.
    """

    start: float
    end: float
    avg_logprob: float
    no_speech_prob: float
    words: int


class TranscriptionResult(BaseModel):
    """What the workflow may know about a transcription (no transcript text).

    ``status`` is ``"ok"`` or the reason the audio was rejected; a rejected
    answer has no ``transcript_ref`` and goes to a human. ``mean_avg_logprob``
    and ``max_no_speech_prob`` are ``None`` when Whisper returned no segment
    (it heard no speech), so "no evidence" is never mistaken for a number.
    """

    status: TranscriptionStatus
    transcript_ref: str | None = None
    word_count: int = 0
    duration_s: float = 0.0
    segments: list[SegmentStats] = Field(default_factory=list)
    mean_avg_logprob: float | None = None
    max_no_speech_prob: float | None = None
    model_version: str
    input_hash: str
    processing_s: float = 0.0
    """Seconds this answer held a model (decoding), not counting the wait for a
    free one: the worker's own cost, for capacity planning."""


_APOSTROPHES = re.compile(r"['’‘`]")
_NON_WORD = re.compile(r"[^\w]+|_")


def normalise(text: str) -> str:
    """Lower-case words separated by single spaces, punctuation removed.

    Apostrophes are dropped inside words ("don't" -> "dont") and hyphens
    split them ("well-known" -> "well known"), so a transcript is not
    penalised for typography the speaker never pronounced.
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = _APOSTROPHES.sub("", folded)
    return " ".join(_NON_WORD.sub(" ", folded).split())


def word_error_rate(reference: str, hypothesis: str) -> float:
    """(substitutions + deletions + insertions) / reference words, on normalised text.

    An empty reference scores 0.0 against an empty hypothesis and 1.0 against
    anything else, so the measure stays defined for silent answers.
    """
    ref = normalise(reference).split()
    hyp = normalise(hypothesis).split()
    if not ref:
        return 0.0 if not hyp else 1.0
    previous = list(range(len(hyp) + 1))
    for i, ref_word in enumerate(ref, start=1):
        current = [i]
        for j, hyp_word in enumerate(hyp, start=1):
            current.append(
                min(
                    previous[j] + 1,  # deletion
                    current[j - 1] + 1,  # insertion
                    previous[j - 1] + (ref_word != hyp_word),  # substitution or match
                )
            )
        previous = current
    return previous[-1] / len(ref)
