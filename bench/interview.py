"""Benchmark: AI interview report latency after the last spoken answer (issue 3).

Usage (from the repository root, as a module so ``bench`` and ``tests`` import):
``python -m bench.interview [--candidates 10] [--pace 1.0] [--json]``, or
``make bench-interview``.

What runs: one Temporal dev server (SQLite persistence) and one hireloop
worker process (``worker.py``, as deployed), both started by
``hireloop.runtime.stack.Stack`` with their own data directory under a temporary
directory (SQLite ledger, blob store); Whisper is the bundled tiny.en,
converted once to an openai-whisper checkpoint under
``.hireloop/bench-models/``. ``definitions/campus_hire.yaml`` is deployed
unchanged (5 questions).

The candidates: N strong candidates apply (their resumes pass screening),
consent, book the first slot and, when their interview opens, answer the 5
questions by voice. Every candidate has distinct audio, made with espeak-ng
before any clock starts: the voice rotates through
``synthetic_speech.VOICES``, the middle sentences of each of the test
suite's strong answers (``tests.workflows.driver.STRONG_ANSWERS``, the texts
the end-to-end test shows score "advance") are shuffled per candidate, and
each answer's speaking rate is tuned so it lasts about ``--answer-seconds``
(45 s, +-10 %).

Pacing, and why: a candidate cannot submit answer 2 before speaking it, so
answer k is submitted ``pace x`` (the length of its audio) after answer k-1;
``--pace 1`` (the default) is real time, which is the point of the issue's
"arriving one after another": each answer is transcribed while the
candidate is still speaking the next one. Real pacing makes one interview
take about 4 minutes, and candidates taken one after another would leave the
2 cores idle most of the time. So the candidates overlap, their starts
staggered by one answer's length divided by N (``--stagger`` overrides): the
cohort's answers arrive at an even rate, one every 45/N seconds. That is
the steady load of N people speaking at the same time, without the
artificial burst of N answers in the same instant that simultaneous starts
would give (and without idle cores in between).
``--pace`` below 1 compresses the speaking time (a quicker but harsher and
less realistic run: audio then arrives faster than it is spoken).

Time scale: the definition keeps an interview open for ``expiry`` (P5D)
after its slot, and the first slot opens one day after the invitation, so
one time scale cannot make the slot open within seconds *and* keep the
interview open for minutes of real-time speech. The bench keeps the
definition as shipped and picks the scale that keeps every interview open
for the whole run plus a 2-minute margin; the slot then opens a fifth of
that after the invitation (about 75 s for 10 candidates). The wait is not
measured; the worker's and server's idle CPU rate is measured during it.

Measured:

* **report latency** per candidate: from the moment the candidate submits
  the last answer (before the upload; the answer's Update then returns once
  the workflow has accepted it and written ``interview.answer_submitted``)
  to ``interview.report_issued`` being readable in the ledger. The bench
  polls the ledger every 50 ms and uses its own monotonic clock, so figures
  are exact to about 50 ms; the ledger event's ``occurred_at`` is workflow
  time and is not used. The same latency from the Update's return is printed
  too.
* **transcription real-time factor** (processing seconds / audio seconds)
  of the ``transcribe_answer`` activities, from the Temporal histories,
  ActivityTaskScheduled -> Completed (for an activity with a retry policy
  Temporal writes ActivityTaskStarted only when the activity ends, so its
  time is no start time). The raw figure includes waiting in Temporal's
  speech queue behind other candidates' answers (a worker decodes
  ``speech_slots`` answers at a time, one per core by default, on its own
  model copy each); the *own* figure is the decoding time the activity
  measures itself (``processing_s``: from getting a free model to the
  transcript). The worker's first transcription loads a model and warms
  torch up: it is reported on its
  own and left out of the RTF statistics. The histories also show how soon
  each transcription was scheduled after its answer's Update was accepted
  ("transcription starts when it arrives").
* **scoring rows/s**: ``InterviewScorer.score_vectors`` (LightGBM prediction
  with exact per-feature contributions and the input hash, as in
  production) over ``--score-rows`` feature rows per dimension model in one
  batch, and one row at a time; the rows are the features of this run's
  real Whisper transcripts. The ``score_interview`` activity's duration (5
  answers, 4 models, report written to the vault) comes from the histories.

Baseline, measured in the same run on the same audio: bare openai-whisper
in this process (the activity's exact decode options; no Temporal, ledger,
vault or queue), each candidate's last answer transcribed one after another,
plus scoring one interview in-process. Whisper's speed on a shared machine
drifts with other people's load within minutes, so the bare pass runs
twice, before the stack starts and after it stops, and the mean of the two
is used (both are printed: a large drift says the run was disturbed).
Transcribing the last answer plus scoring is the least time any system on
this machine could take to produce a report after the last answer
arrives; the **latency ratio** is each candidate's report latency over it
(p50 and p95). A ratio near 1 means the report waits only for the
unavoidable transcription of the last answer; above that is queueing
behind other candidates and the pipeline's own cost.
Two more ratios compare the worker's own transcription RTF with bare
Whisper's, and the CPU seconds the worker plus the Temporal server spend
per second of audio (idle rate subtracted) with bare Whisper's CPU seconds
per second of audio. The worker decodes each answer on one torch thread
(``activities/transcription.py``: torch's own two threads made the RTF swing
between 0.06 and 0.47 on this shared machine); ``--torch-threads N`` sets
the bare baseline's threads (default 1, like the worker), so both sides
decode alike.

The run exits with status 1 if any candidate's interview failed: an Update
rejected, no report, or a transcription/scoring failure or closing event.
A report that goes to a person because Whisper doubted a recording is
counted and shown but is not a failure of the run.
"""

import argparse
import asyncio
import importlib
import io
import json
import math
import os
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import soundfile
from sqlalchemy import Engine
from temporalio.api.common.v1 import Payload
from temporalio.api.enums.v1 import EventType
from temporalio.client import Client

from activities.transcription import DECODE_OPTIONS, load_model
from adapters.ml.scorer import InterviewScorer
from adapters.speech.audio import decode
from adapters.speech.whisper_ct2 import ensure_checkpoint
from bench.lifecycle import Meter, free_port
from definitions.loader import BUILTIN_DIR, load_file
from domain.errors import UserError
from domain.interview.answer_features import FEATURE_NAMES, AnswerEvidence, Segment, vector
from domain.interview.settings import InterviewQuestion, InterviewSettings, slot_offset
from domain.process.definition import CallActivity, ProcessDefinition
from domain.process.durations import parse_duration
from hireloop.runtime.settings import Settings
from hireloop.runtime.stack import ROOT, Stack
from hireloop.services.applications import Applicant, start_application
from hireloop.services.interviews import CandidateSession, open_link
from ledger.blobs import BlobStore
from ledger.db import engine_for
from ledger.event_store import EventStore
from ledger.outbox import Outbox
from ledger.stores.deployments import DefinitionRegistry
from migrations.runner import upgrade
from simulation.speech import VOICES, speak

Array = npt.NDArray[np.float64]

DEFAULT_CHECKPOINT = ROOT / ".hireloop" / "bench-models" / "whisper-tiny.en.pt"
BASE_WPM = 140  # espeak-ng's first try; each answer's rate is then tuned to its length
POLL_INTERVAL = 0.05  # the ledger poller's period: the latency figures' resolution
OPEN_MARGIN_S = 120.0  # interviews stay open this long after the last planned answer
SETUP_TIMEOUT_S = 120.0

WATCHED = (
    "interview.invited",
    "interview.opened",
    "interview.answer_transcribed",
    "interview.report_issued",
    "interview.transcription_failed",
    "interview.scoring_failed",
    "interview.closed",
    "interview.expired",
    "interview.human_only",
    "interview.not_booked",
)
FAILURES = frozenset(WATCHED[4:])


def driver_fixtures() -> tuple[dict[str, str], bytes]:
    """The strong answers and resume of the end-to-end tests (the texts that
    test shows score "advance"), so the bench and the tests speak alike.
    Imported at run time because the test suite is not type-checked with
    the product (mypy would follow a static import into it)."""
    driver = importlib.import_module("tests.workflows.driver")
    return {str(k): str(v) for k, v in driver.STRONG_ANSWERS.items()}, bytes(driver.STRONG_RESUME)


# ---- the candidates' audio ---------------------------------------------------


@dataclass
class SpokenAnswer:
    question_id: str
    text: str
    wav: bytes
    duration_s: float
    words_per_minute: int


@dataclass
class Candidate:
    """One synthetic candidate: their audio, their interview and what the bench saw."""

    index: int
    voice: str
    answers: list[SpokenAnswer]
    candidate_id: str = ""
    session: CandidateSession | None = None
    sent: list[float] = field(default_factory=list)  # perf_counter: the answer is submitted
    acked: list[float] = field(default_factory=list)  # perf_counter: its Update returned
    error: str | None = None

    @property
    def speech_s(self) -> float:
        return sum(a.duration_s for a in self.answers)


def vary(text: str, rng: random.Random) -> str:
    """The same answer with its middle sentences in another order: distinct
    audio and transcripts, the same words (so the same rubric coverage)."""
    sentences = re.split(r"(?<=[.;])\s+", text.strip())
    if len(sentences) < 4:
        return text
    middle = sentences[1:-1]
    rng.shuffle(middle)
    return " ".join([sentences[0], *middle, sentences[-1]])


def wav_seconds(wav: bytes) -> float:
    return float(soundfile.info(io.BytesIO(wav)).duration)


def speak_for(text: str, voice: str, target_s: float) -> tuple[bytes, float, int]:
    """Speak ``text`` at the rate that makes it last about ``target_s`` seconds
    (espeak-ng's rate is only roughly words per minute, and differs by voice)."""
    first = speak(text, voice=voice, words_per_minute=BASE_WPM)
    rate = max(80, min(400, round(BASE_WPM * wav_seconds(first) / target_s)))
    wav = speak(text, voice=voice, words_per_minute=rate)
    return wav, wav_seconds(wav), rate


def synthesise(
    count: int, questions: Sequence[InterviewQuestion], answer_seconds: float, seed: int
) -> list[Candidate]:
    """Every candidate's five answers, spoken before any clock starts."""
    answers, _ = driver_fixtures()
    missing = [q.id for q in questions if q.id not in answers]
    if missing:
        raise UserError(f"no benchmark answer text for question(s) {', '.join(missing)}")
    rng = random.Random(seed)
    jobs: list[tuple[int, str, str, str, float]] = []
    for index in range(count):
        voice = VOICES[index % len(VOICES)]
        for question in questions:
            text = vary(answers[question.id], rng)
            jobs.append((index, question.id, text, voice, answer_seconds * rng.uniform(0.9, 1.1)))
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        spoken = list(pool.map(lambda job: speak_for(job[2], job[3], job[4]), jobs))
    candidates = [
        Candidate(index=i, voice=VOICES[i % len(VOICES)], answers=[]) for i in range(count)
    ]
    limits = {q.id: q.max_seconds for q in questions}
    for (index, question_id, text, _, _), (wav, seconds, rate) in zip(jobs, spoken, strict=True):
        if seconds >= limits[question_id]:
            raise UserError(f"{question_id}: {seconds:.0f} s of audio exceeds the time limit")
        candidates[index].answers.append(SpokenAnswer(question_id, text, wav, seconds, rate))
    return candidates


# ---- the same-run baselines ---------------------------------------------------


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


# ---- the interviews on the stack ----------------------------------------------


class LedgerWatch:
    """Polls the ledger for the interview events and notes when each first
    became readable, on this process's monotonic clock."""

    def __init__(self, engine: Engine) -> None:
        self._store = EventStore(engine)
        self._position = 0
        self.seen: dict[tuple[str, str, str], tuple[float, dict[str, Any]]] = {}

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            rows = await asyncio.to_thread(self._store.since, self._position, WATCHED)
            now = time.perf_counter()  # after the read: never earlier than the commit
            for position, event in rows:
                self._position = position
                key = (event.stream, event.type, str(event.payload.get("question_id", "")))
                self.seen.setdefault(key, (now, event.payload))
            await asyncio.sleep(POLL_INTERVAL)

    def when(self, stream: str, kind: str, question_id: str = "") -> float | None:
        found = self.seen.get((stream, kind, question_id))
        return found[0] if found else None

    def payload(self, stream: str, kind: str) -> dict[str, Any] | None:
        found = self.seen.get((stream, kind, ""))
        return found[1] if found else None

    def failures(self, stream: str) -> list[str]:
        return sorted(
            f"{kind}{':' + qid if qid else ''}"
            for (s, kind, qid) in self.seen
            if s == stream and kind in FAILURES
        )

    async def wait(self, stream: str, kind: str, timeout: float) -> None:
        deadline = time.perf_counter() + timeout
        while self.when(stream, kind) is None:
            problems = self.failures(stream)
            if problems:
                raise UserError(f"candidate {stream}: {', '.join(problems)} before {kind}")
            if time.perf_counter() > deadline:
                raise UserError(f"candidate {stream}: no {kind} within {timeout:.0f} s")
            await asyncio.sleep(0.02)


def open_session(client: Client, engine: Engine, candidate_id: str) -> CandidateSession:
    """The candidate opens the link in their invitation, as a real one would."""
    links = [
        n.link
        for n in Outbox(engine).for_candidate(candidate_id)
        if n.template == "ai_interview_invitation" and n.link
    ]
    if not links:
        raise UserError(f"candidate {candidate_id}: no interview invitation in the outbox")
    return open_link(client, engine, links[-1])


async def enrol(
    client: Client,
    engine: Engine,
    watch: LedgerWatch,
    candidate: Candidate,
    task_queue: str,
    time_scale: float,
) -> None:
    """Apply, open the invitation, consent to both purposes and book the first slot."""
    candidate.candidate_id = await start_application(
        client,
        engine,
        task_queue,
        "campus_hire",
        Applicant(
            name=f"Bench Candidate {candidate.index}",
            resume=driver_fixtures()[1],
            variables={"requisition_id": "R-BENCH"},
        ),
        time_scale=time_scale,
    )
    await watch.wait(candidate.candidate_id, "interview.invited", SETUP_TIMEOUT_S)
    session = open_session(client, engine, candidate.candidate_id)
    progress = await session.consent(recording=True, ai_scoring=True)
    await session.book(progress.slots[0].id)
    candidate.session = session


async def interview(candidate: Candidate, blobs: BlobStore, start_at: float, pace: float) -> None:
    """Speak the answers one after another: answer k goes when it has been spoken."""
    session = candidate.session
    assert session is not None
    due = start_at
    for answer in candidate.answers:
        due += pace * answer.duration_s
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        candidate.sent.append(time.perf_counter())
        try:
            await session.answer_audio(blobs, answer.question_id, answer.wav)
        except Exception as exc:  # a rejected Update is a result of the run, not a crash
            candidate.error = f"{answer.question_id}: {exc.__class__.__name__}: {exc}"
            return
        candidate.acked.append(time.perf_counter())


@dataclass
class Span:
    """One activity execution in a history (server times, seconds)."""

    activity: str
    question_id: str
    scheduled: float  # also its start: see the module docstring
    completed: float
    ok: bool
    audio_s: float | None
    accepted: float | None  # a transcription's answer: when its Update was accepted
    processing_s: float | None = None  # measured by the activity: decoding on a free model


def _question(payloads: Sequence[Payload]) -> str:
    if not payloads:
        return ""
    try:
        value = json.loads(payloads[0].data)
    except ValueError:
        return ""
    return str(value.get("question_id", "")) if isinstance(value, dict) else ""


async def spans_of(client: Client, workflow_id: str) -> list[Span]:
    history = await client.get_workflow_handle(workflow_id).fetch_history()
    scheduled: dict[int, tuple[str, str, float]] = {}
    accepted: dict[str, float] = {}
    spans: list[Span] = []
    for event in history.events:
        at = event.event_time.ToMicroseconds() / 1e6
        kind = event.event_type
        if kind == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
            attrs = event.activity_task_scheduled_event_attributes
            scheduled[event.event_id] = (
                attrs.activity_type.name,
                _question(attrs.input.payloads),
                at,
            )
        elif kind == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED:
            request = event.workflow_execution_update_accepted_event_attributes.accepted_request
            if request.input.name == "submit_answer":
                accepted[_question(request.input.args.payloads)] = at
        elif kind in (
            EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED,
            EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED,
            EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT,
        ):
            ok = kind == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED
            result: Sequence[Payload] = []
            if ok:
                completed = event.activity_task_completed_event_attributes
                source, result = completed.scheduled_event_id, completed.result.payloads
            elif kind == EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED:
                source = event.activity_task_failed_event_attributes.scheduled_event_id
            else:
                source = event.activity_task_timed_out_event_attributes.scheduled_event_id
            name, question, when = scheduled[source]
            audio, own = None, None
            if ok and name == "transcribe_answer" and result:
                value = json.loads(result[0].data)
                audio = float(value.get("duration_s") or 0.0) or None
                own = float(value.get("processing_s") or 0.0) or None
            spans.append(Span(name, question, when, at, ok, audio, None, own))
    for span in spans:
        if span.activity == "transcribe_answer":
            span.accepted = accepted.get(span.question_id)
    return spans


def own_seconds(transcriptions: Sequence[Span]) -> list[float]:
    """Each transcription's own processing time, as the activity measured it:
    from getting a free model to the transcript, without the wait in
    Temporal's queue or for a model (the worker decodes ``speech_slots``
    answers at a time)."""
    return [s.processing_s or (s.completed - s.scheduled) for s in transcriptions]


@dataclass
class StackRun:
    time_scale: float
    slot_wait_s: float
    stagger_s: float
    wall_s: float
    cpu_s: float
    idle_cpu_rate: float
    spans: dict[str, list[Span]]  # by candidate id
    watch: LedgerWatch


def interview_settings(definition: ProcessDefinition) -> InterviewSettings:
    call = next(n for n in definition.nodes if isinstance(n, CallActivity))
    return InterviewSettings.model_validate(call.parameters)


async def run_stack(
    settings: Settings,
    checkpoint: str,
    candidates: list[Candidate],
    pace: float,
    stagger: float | None,
    torch_threads: int | None,
    timeout: float,
) -> StackRun:
    stack = Stack(settings, headless=True)
    stop = asyncio.Event()
    try:
        client = await stack.ensure_server()
        upgrade(settings.database_url)
        engine = engine_for(settings.database_url)
        definition, source = load_file(BUILTIN_DIR / "campus_hire.yaml")
        DefinitionRegistry(engine).deploy(definition, source)
        rules = interview_settings(definition)

        mean_answer = statistics.mean(a.duration_s for c in candidates for a in c.answers)
        step = stagger if stagger is not None else pace * mean_answer / len(candidates)
        span = max(c.index * step + pace * c.speech_s for c in candidates)
        expiry = parse_duration(rules.expiry).total_seconds()
        time_scale = (span + OPEN_MARGIN_S) / expiry
        slot_wait = slot_offset(rules.slots[0]).total_seconds() * time_scale

        env = {
            "HIRELOOP_DATA_DIR": str(settings.data_dir),
            "HIRELOOP_WHISPER_MODEL": checkpoint,
            **({"OMP_NUM_THREADS": str(torch_threads)} if torch_threads else {}),
        }
        worker = stack.start_worker(extra_env=env)
        await asyncio.sleep(3)  # let the worker connect before anything is timed
        meter = Meter(worker, stack.processes[0].pid)
        watch = LedgerWatch(engine)
        watching = asyncio.create_task(watch.run(stop))
        await asyncio.gather(
            *(enrol(client, engine, watch, c, settings.task_queue, time_scale) for c in candidates)
        )
        await meter.calibrate(min(10.0, max(2.0, slot_wait - 10.0)))
        for candidate in candidates:
            await watch.wait(candidate.candidate_id, "interview.opened", slot_wait + 60)
        go = time.perf_counter() + 1.0
        meter.start()
        blobs = BlobStore(settings.blob_dir)
        await asyncio.gather(*(interview(c, blobs, go + c.index * step, pace) for c in candidates))
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline and worker.poll() is None:
            if all(
                c.error
                or watch.when(c.candidate_id, "interview.report_issued")
                or watch.failures(c.candidate_id)
                for c in candidates
            ):
                break
            await asyncio.sleep(POLL_INTERVAL)
        wall, cpu = meter.stop()
        idle_rate = meter.idle_rate
        stop.set()
        await watching
        spans = {
            c.candidate_id: await spans_of(client, c.session.workflow_id)
            for c in candidates
            if c.session is not None
        }
        return StackRun(time_scale, slot_wait, step, wall, cpu, idle_rate, spans, watch)
    finally:
        stop.set()
        stack.stop()


# ---- figures -------------------------------------------------------------------


def pct(values: Sequence[float], q: float) -> float | None:
    return float(np.percentile(np.asarray(values, dtype=np.float64), q)) if values else None


def rnd(value: float | None, digits: int = 3) -> float | None:
    return None if value is None or math.isnan(value) else round(value, digits)


def summarise(
    candidates: Sequence[Candidate],
    bare: BareWhisper,
    bare_passes: tuple[BareWhisper, BareWhisper],
    scoring: ScoringBench,
    run: StackRun,
    pace: float,
    torch_threads: int | None,
) -> tuple[dict[str, Any], list[str]]:
    """The figures, and what went wrong (empty when every interview worked)."""
    watch = run.watch
    problems: list[str] = []
    latency: list[float] = []
    latency_ack: list[float] = []
    ratios: list[float] = []
    update_s: list[float] = []
    transcribed_after: list[float] = []
    statuses: dict[str, int] = {}
    review_reasons: list[str] = []
    bare_floor = [w + scoring.interview_s for w in bare.wall_s]
    for candidate, floor in zip(candidates, bare_floor, strict=True):
        cid = candidate.candidate_id
        if candidate.error:
            problems.append(f"candidate {candidate.index} ({cid}): {candidate.error}")
            continue
        problems += [f"candidate {candidate.index} ({cid}): {p}" for p in watch.failures(cid)]
        update_s += [a - s for s, a in zip(candidate.sent, candidate.acked, strict=True)]
        for answer, acked in zip(candidate.answers, candidate.acked, strict=True):
            seen = watch.when(cid, "interview.answer_transcribed", answer.question_id)
            if seen is not None:
                transcribed_after.append(seen - acked)
        reported = watch.when(cid, "interview.report_issued")
        report = watch.payload(cid, "interview.report_issued")
        if reported is None or report is None:
            problems.append(f"candidate {candidate.index} ({cid}): no report was issued")
            continue
        status = str(report.get("status"))
        statuses[status] = statuses.get(status, 0) + 1
        reasons = [str(r) for r in report.get("review_reasons") or []]
        review_reasons += reasons
        if any(r.startswith(("missing_answer", "scoring_failed")) for r in reasons):
            problems.append(f"candidate {candidate.index} ({cid}): report {status} {reasons}")
        latency.append(reported - candidate.sent[-1])
        latency_ack.append(reported - candidate.acked[-1])
        ratios.append((reported - candidate.sent[-1]) / floor)

    spans = [s for per in run.spans.values() for s in per]
    transcriptions = sorted(
        (s for s in spans if s.activity == "transcribe_answer" and s.ok and s.audio_s),
        key=lambda s: s.scheduled,
    )
    cold = transcriptions[0] if transcriptions else None
    own = own_seconds(transcriptions)
    steady = transcriptions[1:]
    raw_rtf = [(s.completed - s.scheduled) / (s.audio_s or 1.0) for s in steady]
    own_rtf = [o / (s.audio_s or 1.0) for o, s in zip(own[1:], steady, strict=True)]
    scheduled_after = [s.scheduled - s.accepted for s in transcriptions if s.accepted is not None]
    score_s = [s.completed - s.scheduled for s in spans if s.activity == "score_interview" and s.ok]
    bare_rtf = [w / a for w, a in zip(bare.wall_s, bare.audio_s, strict=True)]
    bare_cpu_per_audio = sum(bare.cpu_s) / sum(bare.audio_s)
    audio_total = sum(c.speech_s for c in candidates)
    cpu_per_audio = run.cpu_s / audio_total

    result: dict[str, Any] = {
        "candidates": len(candidates),
        "questions": len(candidates[0].answers),
        "answer_audio_s_mean": rnd(
            statistics.mean(a.duration_s for c in candidates for a in c.answers), 1
        ),
        "answer_audio_s_min": rnd(min(a.duration_s for c in candidates for a in c.answers), 1),
        "answer_audio_s_max": rnd(max(a.duration_s for c in candidates for a in c.answers), 1),
        "pace": pace,
        "stagger_s": rnd(run.stagger_s, 2),
        "torch_threads": torch_threads or "default",
        "time_scale": run.time_scale,
        "slot_wait_s": rnd(run.slot_wait_s, 1),
        "reports": len(latency),
        "report_status": statuses,
        "review_reasons": sorted(set(review_reasons)),
        "report_latency_p50_s": rnd(pct(latency, 50)),
        "report_latency_p95_s": rnd(pct(latency, 95)),
        "report_latency_max_s": rnd(max(latency) if latency else None),
        "report_latency_from_ack_p50_s": rnd(pct(latency_ack, 50)),
        "report_latency_from_ack_p95_s": rnd(pct(latency_ack, 95)),
        "answer_update_p50_s": rnd(pct(update_s, 50)),
        "answer_update_p95_s": rnd(pct(update_s, 95)),
        "answer_transcribed_after_p50_s": rnd(pct(transcribed_after, 50)),
        "answer_transcribed_after_p95_s": rnd(pct(transcribed_after, 95)),
        "answer_transcribed_after_max_s": rnd(
            max(transcribed_after) if transcribed_after else None
        ),
        "transcriptions": len(transcriptions),
        "transcription_scheduled_after_accept_p95_s": rnd(pct(scheduled_after, 95)),
        "cold_first_transcription_s": rnd(cold.completed - cold.scheduled if cold else None),
        "rtf_raw_mean": rnd(statistics.mean(raw_rtf) if raw_rtf else None, 4),
        "rtf_raw_p95": rnd(pct(raw_rtf, 95), 4),
        "rtf_own_mean": rnd(statistics.mean(own_rtf) if own_rtf else None, 4),
        "rtf_own_p95": rnd(pct(own_rtf, 95), 4),
        "transcriber_busy_share": rnd(sum(own[1:]) / run.wall_s if own else None),
        "score_interview_activity_p50_s": rnd(pct(score_s, 50)),
        "score_interview_activity_p95_s": rnd(pct(score_s, 95)),
        "scoring_batch_rows_per_s": round(scoring.batch_rows_per_s),
        "scoring_single_rows_per_s": round(scoring.single_rows_per_s),
        "scoring_rows": (
            f"{scoring.batch_rows} batch + {scoring.single_rows} single"
            f" x {scoring.dimensions} models"
        ),
        "feature_rows_per_s": round(scoring.features_per_s),
        "bare_model_load_s": rnd(bare.load_s),
        "bare_cold_first_call_s": rnd(bare.cold_s),
        "bare_rtf_mean": rnd(statistics.mean(bare_rtf), 4),
        "bare_rtf_p95": rnd(pct(bare_rtf, 95), 4),
        "bare_rtf_before_stack": rnd(rtf(bare_passes[0]), 4),
        "bare_rtf_after_stack": rnd(rtf(bare_passes[1]), 4),
        "bare_score_interview_s": rnd(scoring.interview_s, 4),
        "bare_floor_p50_s": rnd(pct(bare_floor, 50)),
        "bare_floor_p95_s": rnd(pct(bare_floor, 95)),
        "latency_ratio_p50": rnd(pct(ratios, 50)),
        "latency_ratio_p95": rnd(pct(ratios, 95)),
        "rtf_ratio_own_vs_bare": rnd(
            statistics.mean(own_rtf) / statistics.mean(bare_rtf) if own_rtf else None
        ),
        "run_wall_s": rnd(run.wall_s, 1),
        "idle_cpu_rate": rnd(run.idle_cpu_rate, 4),
        "cpu_s_per_audio_s": rnd(cpu_per_audio, 4),
        "bare_cpu_s_per_audio_s": rnd(bare_cpu_per_audio, 4),
        "cpu_ratio_vs_bare": rnd(cpu_per_audio / bare_cpu_per_audio),
        "target_p95_at_most_s": 15.0,
        "target_met": bool(latency) and (pct(latency, 95) or math.inf) <= 15.0,
        "failed": len(problems),
    }
    return result, problems


def print_summary(result: dict[str, Any], problems: Sequence[str]) -> None:
    def row(label: str, *keys: str, unit: str = "") -> None:
        values = " / ".join(str(result[k]) for k in keys)
        print(f"  {label:<54} {values}{unit}")

    print("\nAI interview benchmark (bench/interview.py)")
    row("candidates x questions", "candidates", "questions")
    row(
        "answer audio mean (min..max)",
        "answer_audio_s_mean",
        "answer_audio_s_min",
        "answer_audio_s_max",
        unit=" s",
    )
    row("pace / stagger between candidates", "pace", "stagger_s", unit=" s")
    row("torch threads of bare whisper (the worker: 1 per answer)", "torch_threads")
    row("reports issued / statuses", "reports", "report_status")
    row("why a person decides (review reasons)", "review_reasons")
    print("Report latency after the last answer (client clock, 50 ms polls)")
    row(
        "p50 / p95 / max",
        "report_latency_p50_s",
        "report_latency_p95_s",
        "report_latency_max_s",
        unit=" s",
    )
    row(
        "p50 / p95 from the last answer's Update returning",
        "report_latency_from_ack_p50_s",
        "report_latency_from_ack_p95_s",
        unit=" s",
    )
    row("target p95 <= 15 s met", "target_met")
    row("answer upload + Update p50 / p95", "answer_update_p50_s", "answer_update_p95_s", unit=" s")
    row(
        "each answer transcribed (ledger) after p50/p95/max",
        "answer_transcribed_after_p50_s",
        "answer_transcribed_after_p95_s",
        "answer_transcribed_after_max_s",
        unit=" s",
    )
    print("Transcription (transcribe_answer activities, from the histories)")
    row("activities / first (cold: load + warm-up)", "transcriptions", "cold_first_transcription_s")
    row(
        "scheduled after the answer's Update accepted, p95",
        "transcription_scheduled_after_accept_p95_s",
        unit=" s",
    )
    row("RTF raw (incl. waiting behind other answers) mean/p95", "rtf_raw_mean", "rtf_raw_p95")
    row("RTF own (decoding, measured by the activity) mean / p95", "rtf_own_mean", "rtf_own_p95")
    row("transcriber busy share of the run (one at a time)", "transcriber_busy_share")
    print("Scoring")
    row(
        "score_interview activity p50 / p95",
        "score_interview_activity_p50_s",
        "score_interview_activity_p95_s",
        unit=" s",
    )
    row("rows/s batch / one at a time", "scoring_batch_rows_per_s", "scoring_single_rows_per_s")
    row("rows scored", "scoring_rows")
    row("feature rows computed /s", "feature_rows_per_s")
    print("Baseline, same run: bare whisper in-process, one answer after another")
    row("model load / first call", "bare_model_load_s", "bare_cold_first_call_s", unit=" s")
    row("RTF mean / p95 (mean of the two passes)", "bare_rtf_mean", "bare_rtf_p95")
    row("RTF before / after the stack (drift)", "bare_rtf_before_stack", "bare_rtf_after_stack")
    row("floor (last answer + score) p50 / p95", "bare_floor_p50_s", "bare_floor_p95_s", unit=" s")
    print("Ratios against the baseline")
    row("report latency / floor, p50 / p95", "latency_ratio_p50", "latency_ratio_p95")
    row("RTF own / bare", "rtf_ratio_own_vs_bare")
    row(
        "CPU s per audio s: worker+server / bare (ratio)",
        "cpu_s_per_audio_s",
        "bare_cpu_s_per_audio_s",
        "cpu_ratio_vs_bare",
    )
    row("run wall (first answer to last report)", "run_wall_s", unit=" s")
    if problems:
        print("FAILED:")
        for problem in problems:
            print(f"  {problem}")


def show_logs(directory: Path, lines: int = 30) -> None:
    """The end of the dev server's and the worker's logs, to stderr."""
    for name in ("temporal.log", "worker.log"):
        path = directory / name
        if path.exists():
            tail = path.read_text(errors="replace").splitlines()[-lines:]
            print(f"--- {name} (last {len(tail)} lines)", *tail, sep="\n", file=sys.stderr)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--candidates", type=int, default=10)
    parser.add_argument(
        "--pace",
        type=float,
        default=1.0,
        help="seconds between answers per second of audio (1 = real time)",
    )
    parser.add_argument(
        "--stagger",
        type=float,
        default=None,
        help="seconds between candidates' starts (default: one answer's length / candidates)",
    )
    parser.add_argument("--answer-seconds", type=float, default=45.0)
    parser.add_argument("--score-rows", type=int, default=10_000)
    parser.add_argument(
        "--torch-threads",
        type=int,
        default=1,
        help="torch intra-op threads of the bare-whisper baseline (the worker uses 1 per answer)",
    )
    parser.add_argument("--whisper-model", type=Path, default=DEFAULT_CHECKPOINT)
    parser.add_argument(
        "--timeout",
        type=float,
        default=900.0,
        help="seconds to wait for the reports after the last answer",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = parser.parse_args()
    if args.candidates < 1 or args.pace <= 0:
        parser.error("--candidates must be at least 1 and --pace positive")

    checkpoint = ensure_checkpoint(str(args.whisper_model))
    if args.torch_threads:
        import torch

        torch.set_num_threads(args.torch_threads)
    definition, _ = load_file(BUILTIN_DIR / "campus_hire.yaml")
    questions = interview_settings(definition).questions
    print(f"synthesising {args.candidates} x {len(questions)} answers with espeak-ng ...")
    candidates = synthesise(args.candidates, questions, args.answer_seconds, args.seed)
    max_s = min(q.max_seconds for q in questions)
    print("baseline: bare whisper, each candidate's last answer ...")
    before = bare_whisper(checkpoint, candidates, max_s)
    scorer = InterviewScorer(Settings().scoring_models, sorted({q.dimension for q in questions}))
    scoring = scoring_bench(scorer, before.evidence, questions, args.score_rows)
    with tempfile.TemporaryDirectory(prefix="hireloop-bench-interview-") as tmp:
        settings = Settings(
            data_dir=Path(tmp),
            temporal_address=f"127.0.0.1:{free_port()}",
            task_queue="bench-interview",
            tracing="none",
            whisper_model=checkpoint,
        )
        print(f"stack in {tmp}: {args.candidates} candidates apply, book and answer ...")
        try:
            run = asyncio.run(
                run_stack(
                    settings,
                    checkpoint,
                    candidates,
                    args.pace,
                    args.stagger,
                    args.torch_threads,
                    args.timeout,
                )
            )
        except BaseException:
            show_logs(Path(tmp))  # the directory, and the logs with it, is about to go
            raise
    print("baseline again, after the stack: bare whisper ...")
    after = bare_whisper(checkpoint, candidates, max_s)
    bare = bracketed(before, after)
    result, problems = summarise(
        candidates, bare, (before, after), scoring, run, args.pace, args.torch_threads
    )
    print_summary(result, problems)
    if args.json:
        print(json.dumps(result))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
