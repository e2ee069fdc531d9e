"""One Whisper decode: samples in, the text and per-segment statistics out.

The only place that knows openai-whisper's call and the shape of its output
(a dict of ``text`` and ``segments`` with ``avg_logprob``/``no_speech_prob``),
so the activity and the benchmarks work with the domain's ``SegmentStats``.
"""

from dataclasses import dataclass
from typing import Any

from adapters.speech.audio import Samples
from domain.interview.speech import SegmentStats, normalise

# Fixed decoding: greedy, no temperature fallback and no conditioning on earlier
# text, so a retried activity reproduces the same transcript and one bad
# segment cannot derail the next. Part of the activity's input hash.
DECODE_OPTIONS: dict[str, Any] = {
    "language": "en",
    "task": "transcribe",
    "temperature": 0.0,
    "condition_on_previous_text": False,
    "fp16": False,
}


@dataclass(frozen=True)
class Transcript:
    """What one decode heard: the text (PII: it goes to the vault only) and the
    segments' timings and confidences (numbers, which may go into events)."""

    text: str
    segments: list[SegmentStats]


def transcribe(model: Any, samples: Samples) -> Transcript:
    """Decode 16 kHz mono ``samples`` with a loaded Whisper ``model``.

    The model must not be decoding anything else at the same time (see
    ``adapters.speech.model_pool``)."""
    output = model.transcribe(samples, **DECODE_OPTIONS)
    segments = [
        SegmentStats(
            start=round(float(s["start"]), 3),
            end=round(float(s["end"]), 3),
            avg_logprob=round(float(s["avg_logprob"]), 4),
            no_speech_prob=round(float(s["no_speech_prob"]), 4),
            words=len(normalise(str(s["text"])).split()),
        )
        for s in output["segments"]
    ]
    return Transcript(text=str(output["text"]).strip(), segments=segments)
