"""The interview benchmark's same-run baselines: bare Whisper and bare scoring.

Bare openai-whisper in the bench process (the activity's exact decode
options; no Temporal, ledger, vault or queue) transcribes each candidate's
last answer, one after another; ``scoring_bench`` times the production
scoring call on features of those real transcripts. Together they are the
least time any system on this machine could take to issue a report after
the last answer arrives.
"""

import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from adapters.ml.scorer import InterviewScorer
from adapters.speech.audio import decode
from adapters.speech.model_pool import load_model
from adapters.speech.transcriber import DECODE_OPTIONS
from bench.interview.speech import Candidate
from domain.interview.answer_features import FEATURE_NAMES, AnswerEvidence, Segment, vector
from domain.interview.settings import InterviewQuestion

Array = npt.NDArray[np.float64]


@dataclass
class BareWhisper:
    """Whisper in this process, one answer after another: the floor for the pipeline."""

    load_s: float
    cold_s: float  # the first call after loading (torch warms up), not in the figures below
    wall_s: list[float]  # per candidate: their last answer
    cpu_s: list[float]
    audio_s: list[float]
    evidence: list[AnswerEvidence]  # the last answers' transcripts, for the scoring bench


def bracketed(before: BareWhisper, after: BareWhisper) -> BareWhisper:
    """The mean of the passes before and after the stack, per answer."""
    return BareWhisper(
        load_s=before.load_s,
        cold_s=before.cold_s,
        wall_s=[(b + a) / 2 for b, a in zip(before.wall_s, after.wall_s, strict=True)],
        cpu_s=[(b + a) / 2 for b, a in zip(before.cpu_s, after.cpu_s, strict=True)],
        audio_s=before.audio_s,
        evidence=before.evidence,
    )


def rtf(bare: BareWhisper) -> float:
    return sum(bare.wall_s) / sum(bare.audio_s)


def bare_whisper(checkpoint: str, candidates: Sequence[Candidate], max_s: float) -> BareWhisper:
    started = time.perf_counter()
    loaded = load_model(checkpoint)
    load_s = time.perf_counter() - started
    warm = decode(candidates[0].answers[0].wav, max_s)
    started = time.perf_counter()
    loaded.model.transcribe(warm.samples, **DECODE_OPTIONS)
    cold_s = time.perf_counter() - started
    walls: list[float] = []
    cpus: list[float] = []
    audio: list[float] = []
    evidence: list[AnswerEvidence] = []
    for candidate in candidates:
        last = candidate.answers[-1]
        samples = decode(last.wav, max_s).samples
        wall, cpu = time.perf_counter(), time.process_time()
        output = loaded.model.transcribe(samples, **DECODE_OPTIONS)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        audio.append(samples.size / 16000)
        segments = [
            Segment(
                start=float(s["start"]),
                end=max(float(s["start"]), float(s["end"])),
                avg_logprob=min(0.0, float(s["avg_logprob"])),
                no_speech_prob=min(1.0, max(0.0, float(s["no_speech_prob"]))),
            )
            for s in output["segments"]
        ]
        evidence.append(
            AnswerEvidence(
                text=str(output["text"]).strip(),
                duration_s=samples.size / 16000,
                segments=segments,
                dimension="job_knowledge",
            )
        )
    return BareWhisper(load_s, cold_s, walls, cpus, audio, evidence)


@dataclass
class ScoringBench:
    dimensions: int
    batch_rows: int
    batch_rows_per_s: float
    single_rows: int
    single_rows_per_s: float
    features_per_s: float
    interview_s: float  # features + every dimension's model for one 5-answer interview


def scoring_bench(
    scorer: InterviewScorer,
    evidence: Sequence[AnswerEvidence],
    questions: Sequence[InterviewQuestion],
    rows: int,
) -> ScoringBench:
    """Rows/s of the production scoring call, on features of real transcripts."""
    dimensions = sorted({q.dimension for q in questions})
    base = np.array([vector(e) for e in evidence], dtype=np.float64)
    batch: Array = np.resize(base, (rows, len(FEATURE_NAMES)))
    started = time.perf_counter()
    for dimension in dimensions:
        scorer.score_vectors(dimension, batch)
    batch_s = time.perf_counter() - started
    singles = max(1, rows // 10)
    started = time.perf_counter()
    for dimension in dimensions:
        for row in batch[:singles]:
            scorer.score_vectors(dimension, row)
    single_s = time.perf_counter() - started
    repeats = max(1, 2000 // len(evidence))
    started = time.perf_counter()
    for _ in range(repeats):
        for item in evidence:
            vector(item)
    features_s = time.perf_counter() - started
    interviews: list[float] = []
    for item in evidence:  # one interview: this transcript asked as every question
        by_dimension: dict[str, list[AnswerEvidence]] = {}
        for question in questions:
            by_dimension.setdefault(question.dimension, []).append(
                item.model_copy(update={"rubric": question.rubric, "dimension": question.dimension})
            )
        started = time.perf_counter()
        scorer.score(by_dimension)
        interviews.append(time.perf_counter() - started)
    return ScoringBench(
        dimensions=len(dimensions),
        batch_rows=rows,
        batch_rows_per_s=rows * len(dimensions) / batch_s,
        single_rows=singles,
        single_rows_per_s=singles * len(dimensions) / single_s,
        features_per_s=repeats * len(evidence) / features_s,
        interview_s=statistics.median(interviews),
    )
