"""Features of one transcribed interview answer: what was said and how fluently.

These are the only inputs the learned interview scorers see, so they are kept
few, named, and each computable by hand from the transcript: a recruiter or an
auditor can check every number in a report. They describe the *content* of an
answer (length, vocabulary, rubric and competency terms), its *fluency*
(speaking rate, pauses, filler words) and how far the transcript can be
trusted (ASR confidence). There is deliberately no emotion, facial or
voice-tone feature: those inferences are unreliable and banned at work in the
EU (AI Act Art. 5(1)(f)), and this module never sees audio anyway.

Tokens: Latin-script words, and each Chinese character on its own (Chinese has
no spaces, and per-character counts are how Chinese speaking rate is usually
measured). So for a Chinese answer ``words_per_minute`` is characters per
minute, which runs higher than English words per minute; models trained on
English answers will read a Chinese speaker as fast (a known limit).

Typed answers (an accessibility accommodation: a candidate who cannot answer
by voice, for a speech or hearing impairment or want of a microphone, types
instead) have content but no speech. For them the four ``SPEECH_FEATURES``
(speaking rate, pauses, both ASR confidences) are *not applicable* and are
NaN, not zero: zero would say "spoke at 0 words per minute, and the ASR was
certain it heard nothing", which is what a silent, failed spoken answer
looks like. LightGBM treats NaN as a missing value and sends it down the
branch it learned for missing values at each split, so a model trained with
typed rows judges a typed answer on its content and never as a silent
speaker. Those branches can also carry whatever offset the training data
show for typed answers as a group: noise in a simulation, but with real
labels any rater bias against typed answers too, which is why CV reports
typed rows apart (``CvMetrics.typed``). A model trained without typed rows
has learned no such branch and would read NaN as zero;
``adapters.ml.scorer`` refuses to score typed answers with one. The
content features, fillers included, are computed from the typed text
exactly as from a transcript.

Pure: no I/O. Every feature of a spoken answer is defined for empty text,
zero duration and no segments, so a silent or failed answer yields numbers,
not a division error; deciding that such an answer needs a human is the
caller's job.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, Field, model_validator

from domain.interview.terms import competency_terms, filler_count, matched_terms, tokens

FEATURE_NAMES: tuple[str, ...] = (
    "words_per_minute",
    "pause_ratio",
    "vocabulary_richness",
    "filler_ratio",
    "answer_words",
    "rubric_coverage",
    "competency_coverage",
    "asr_mean_avg_logprob",
    "asr_max_no_speech_prob",
)
"""The model input, in column order. Changing it invalidates every trained model."""

SPEECH_FEATURES: tuple[str, ...] = (
    "words_per_minute",
    "pause_ratio",
    "asr_mean_avg_logprob",
    "asr_max_no_speech_prob",
)
"""The features that only exist for a spoken answer: NaN (not applicable) for a
typed one. Filler ratio and vocabulary richness are not among them: they are
read from the words, which a typed answer has."""

FEATURES_VERSION = "answer-features/1"
"""Names the definition of the features. Not bumped for typed answers: a
spoken answer's features are computed exactly as before (same values, so the
same input hashes and the same scores from existing models), and NaN is a new
value that only typed answers, which could not be described before, produce.
Whether a model can take that value is a property of the model (did it learn
a branch for missing values?), which the scorer checks on the model itself."""

MATTR_WINDOW = 50
"""Window of the moving-average type-token ratio. Plain TTR falls as answers
get longer; averaging it over fixed windows makes a 40-word and a 200-word
answer comparable (Covington & McFall 2010)."""

LOGPROB_FLOOR = -3.0
"""ASR average log-probability assigned when nothing was recognised, and the
lowest value reported: below it a transcript is noise whatever the number."""

SPEECH_COLUMNS: tuple[int, ...] = tuple(FEATURE_NAMES.index(name) for name in SPEECH_FEATURES)
"""Column indices of SPEECH_FEATURES in a feature row."""


class Segment(BaseModel):
    """One ASR segment (Whisper reports these): its time span and confidence."""

    model_config = ConfigDict(frozen=True, allow_inf_nan=False)

    start: float = Field(ge=0)
    end: float = Field(ge=0)
    avg_logprob: float = Field(default=0.0, le=0)
    no_speech_prob: float = Field(default=0.0, ge=0, le=1)

    @model_validator(mode="after")
    def _ordered(self) -> "Segment":
        if self.end < self.start:
            raise ValueError(f"segment ends ({self.end}) before it starts ({self.start})")
        return self


class AnswerEvidence(BaseModel):
    """Everything the features are computed from: transcript, timings, rubric.

    ``spoken=False`` marks a typed answer: ``text`` is what the candidate
    typed, ``duration_s`` is ignored (typing time is not speaking time, and
    no model learned from it) and there can be no ASR segments.
    """

    model_config = ConfigDict(frozen=True, allow_inf_nan=False)

    text: str
    duration_s: float = Field(ge=0)
    segments: list[Segment] = Field(default_factory=list)
    rubric: list[str] = Field(default_factory=list)
    dimension: str
    spoken: bool = True

    @model_validator(mode="after")
    def _typed_has_no_speech(self) -> "AnswerEvidence":
        if not self.spoken and self.segments:
            raise ValueError(
                "a typed answer (spoken=False) has no ASR segments; "
                "segments mean the answer was spoken"
            )
        return self


@dataclass(frozen=True)
class LabelledAnswer:
    """One training row: an answer's feature values (in FEATURE_NAMES order),
    the dimension it was asked for, and the 0-100 score a rater gave it.
    ``source`` says where the label came from (e.g. a simulation and its seed).

    Speech features of a typed answer are NaN. Since ``nan != nan``, equality
    and hashing compare NaN as "not applicable" (equal to itself), so a row
    read back from a file equals the row written.
    """

    dimension: str
    features: tuple[float, ...]
    score: float
    source: str = ""

    def _key(self) -> tuple[object, ...]:
        values = tuple(None if math.isnan(v) else v for v in self.features)
        return (self.dimension, values, self.score, self.source)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LabelledAnswer):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    @property
    def typed(self) -> bool:
        """Whether every speech feature is not applicable: a typed answer."""
        return len(self.features) == len(FEATURE_NAMES) and all(
            math.isnan(self.features[i]) for i in SPEECH_COLUMNS
        )


def words_per_minute(word_count: int, duration_s: float) -> float:
    """Rate over the whole answer (pauses included), as a listener hears it."""
    if duration_s <= 0:
        return 0.0
    return word_count * 60.0 / duration_s


def pause_ratio(segments: Sequence[Segment], duration_s: float) -> float:
    """Share of the answer's duration not covered by any speech segment.

    Overlapping segments are merged and spans past the end are clipped, so
    the result is always in [0, 1]; a zero-length answer has no pauses.
    """
    if duration_s <= 0:
        return 0.0
    spans = sorted((min(s.start, duration_s), min(s.end, duration_s)) for s in segments)
    covered = 0.0
    current_start, current_end = -1.0, -1.0
    for start, end in spans:
        if start > current_end:
            covered += max(0.0, current_end - current_start)
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    covered += max(0.0, current_end - current_start)
    return max(0.0, 1.0 - covered / duration_s)


def vocabulary_richness(words: Sequence[str], window: int = MATTR_WINDOW) -> float:
    """Moving-average type-token ratio (MATTR); plain TTR for shorter answers.

    Near 1 when almost every word is new, lower with repetition. Zero for an
    empty answer.
    """
    n = len(words)
    if n == 0:
        return 0.0
    if n <= window:
        return len(set(words)) / n
    counts: dict[str, int] = {}
    for word in words[:window]:
        counts[word] = counts.get(word, 0) + 1
    total = len(counts)
    for i in range(window, n):
        outgoing, incoming = words[i - window], words[i]
        counts[outgoing] -= 1
        if counts[outgoing] == 0:
            del counts[outgoing]
        counts[incoming] = counts.get(incoming, 0) + 1
        total += len(counts)
    return total / ((n - window + 1) * window)


def _coverage(text: str, terms: Sequence[str]) -> float:
    unique = list(dict.fromkeys(terms))
    if not unique:
        return 0.0
    return len(matched_terms(text, unique)) / len(unique)


def _asr_confidence(segments: Sequence[Segment]) -> tuple[float, float]:
    """Duration-weighted mean avg_logprob (plain mean if every segment is
    instantaneous) and the worst no-speech probability. With no segments
    nothing was recognised: the floor log-probability and certainty of no speech."""
    if not segments:
        return LOGPROB_FLOOR, 1.0
    weights = [s.end - s.start for s in segments]
    total = sum(weights)
    if total > 0:
        mean = sum(w * s.avg_logprob for w, s in zip(weights, segments, strict=True)) / total
    else:
        mean = sum(s.avg_logprob for s in segments) / len(segments)
    return max(LOGPROB_FLOOR, mean), max(s.no_speech_prob for s in segments)


def features(evidence: AnswerEvidence) -> dict[str, float]:
    """All features of one answer, keyed and ordered as FEATURE_NAMES.

    For a typed answer the SPEECH_FEATURES are NaN (not applicable; see the
    module docstring) and the content features are those of the same words
    spoken.
    """
    words = tokens(evidence.text)
    count = len(words)
    logprob, no_speech = _asr_confidence(evidence.segments)
    values = {
        "words_per_minute": words_per_minute(count, evidence.duration_s),
        "pause_ratio": pause_ratio(evidence.segments, evidence.duration_s),
        "vocabulary_richness": vocabulary_richness(words),
        "filler_ratio": filler_count(words) / count if count else 0.0,
        "answer_words": float(count),
        "rubric_coverage": _coverage(evidence.text, evidence.rubric),
        "competency_coverage": _coverage(
            evidence.text, competency_terms(evidence.dimension, evidence.text)
        ),
        "asr_mean_avg_logprob": logprob,
        "asr_max_no_speech_prob": no_speech,
    }
    assert tuple(values) == FEATURE_NAMES
    if not evidence.spoken:
        values.update(dict.fromkeys(SPEECH_FEATURES, math.nan))
    return values


def vector(evidence: AnswerEvidence) -> npt.NDArray[np.float64]:
    """The features as a float64 row in FEATURE_NAMES order (the model input)."""
    return np.array(list(features(evidence).values()), dtype=np.float64)
