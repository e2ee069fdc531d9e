"""The interviews on their own stack: candidates apply, book, and speak.

One dev server and one ``worker.py`` (``bench.common.BenchStack``), the
ledger polled for the interview events (``LedgerWatch``), every candidate
answering in real time from their staggered start.
"""

import asyncio
import statistics
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine
from temporalio.client import Client

from bench.common import BenchStack, CpuMeter
from bench.interview.histories import Span, spans_of
from bench.interview.speech import Candidate, driver_fixtures
from definitions.loader import BUILTIN_DIR, load_file
from domain.errors import UserError
from domain.interview.settings import InterviewSettings, slot_offset
from domain.process.definition import CallActivity, ProcessDefinition
from domain.process.durations import parse_duration
from hireloop.runtime.settings import Settings
from hireloop.services.applications import Applicant, start_application
from hireloop.services.interviews import CandidateSession, open_link
from ledger.blobs import BlobStore
from ledger.db import engine_for
from ledger.event_store import EventStore
from ledger.outbox import Outbox
from ledger.stores.deployments import DefinitionRegistry
from migrations.runner import upgrade

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
    stack = BenchStack(settings)
    stop = asyncio.Event()
    try:
        client = await stack.start_server()
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
            "HIRELOOP_WHISPER_MODEL": checkpoint,
            **({"OMP_NUM_THREADS": str(torch_threads)} if torch_threads else {}),
        }
        stack.start_worker(extra_env=env)
        await stack.wait_for_pollers(client, settings.task_queue)  # before anything is timed
        meter = CpuMeter(stack.pids())
        watch = LedgerWatch(engine)
        watching = asyncio.create_task(watch.run(stop))
        await asyncio.gather(
            *(enrol(client, engine, watch, c, settings.task_queue, time_scale) for c in candidates)
        )
        idle_rate = sum((await meter.rate(min(10.0, max(2.0, slot_wait - 10.0)))).values())
        for candidate in candidates:
            await watch.wait(candidate.candidate_id, "interview.opened", slot_wait + 60)
        go = time.perf_counter() + 1.0
        meter.start()
        blobs = BlobStore(settings.blob_dir)
        await asyncio.gather(*(interview(c, blobs, go + c.index * step, pace) for c in candidates))
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline and stack.alive():
            if all(
                c.error
                or watch.when(c.candidate_id, "interview.report_issued")
                or watch.failures(c.candidate_id)
                for c in candidates
            ):
                break
            await asyncio.sleep(POLL_INTERVAL)
        wall, cpu_by_process = meter.elapsed()
        cpu = sum(cpu_by_process.values()) - idle_rate * wall  # the idle rate is subtracted
        stop.set()
        await watching
        spans = {
            c.candidate_id: await spans_of(client, c.session.workflow_id)
            for c in candidates
            if c.session is not None
        }
        return StackRun(time_scale, slot_wait, step, wall, cpu, idle_rate, spans, watch)
    except BaseException:
        stack.tail_logs()  # the data directory, and the logs with it, is about to go
        raise
    finally:
        stop.set()
        stack.stop()
