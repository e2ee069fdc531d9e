"""Seeded synthetic applicants and simulated people, for the demo and benchmarks.

The applicants are invented (names from small lists, resumes assembled from
the job's vocabulary) and every human decision comes from a per-candidate
persona drawn from a seeded RNG, so a run is reproducible. The simulated
people act like an HR inbox would: they watch the ledger for new tasks and
answer them through the same Updates a real UI uses.
"""

import asyncio
import functools
import random
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import Engine
from temporalio.client import Client, WorkflowUpdateRPCTimeoutOrCancelledError
from temporalio.service import RPCError

from domain.errors import UserError
from domain.interview.settings import InterviewProgress, InterviewSettings
from domain.process.definition import CallActivity, ProcessDefinition, UserTask
from domain.record.events import Actor, RecordedEvent
from hireloop.services.applications import Applicant, complete_task, start_application
from hireloop.services.interviews import CandidateSession, open_link
from ledger.blobs import BlobStore
from ledger.event_store import EventStore
from ledger.outbox import Outbox
from ledger.stores.deployments import DefinitionRegistry
from ledger.vault import SubjectVault
from simulation.answers import InterviewPlan, plan_interview
from simulation.personas import Persona, decide, persona
from simulation.speech import speak

__all__ = ["Persona", "Simulator", "applicant", "start_population"]

T = TypeVar("T")

GIVEN = ["Wei", "Fang", "Lei", "Na", "Jun", "Min", "Alex", "Sam", "Priya", "Omar", "Lena", "Tom"]
FAMILY = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Smith", "Garcia", "Khan", "Novak"]
STRONG = ["python", "sql", "statistics", "finance", "risk", "internship", "english"]
SOFT = ["communication", "teamwork", "customer"]


def applicant(rng: random.Random, who: Persona, requisition: str) -> Applicant:
    """A synthetic applicant whose resume strength follows the persona's quality."""
    name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
    if rng.random() < 0.04:
        resume = b""  # an empty upload: must reach a person, not crash anything
    else:
        k = max(0, min(len(STRONG), round(who.quality * len(STRONG) + rng.uniform(-1.5, 1.5))))
        skills = rng.sample(STRONG, k) + rng.sample(SOFT, rng.randint(0, len(SOFT)))
        resume = (f"{name}\nEducation: BSc, graduating 2027\nSkills: " + ", ".join(skills)).encode()
    digits = "".join(str(rng.randint(0, 9)) for _ in range(8))
    return Applicant(
        name=name,
        email=f"{name.lower().replace(' ', '.')}@example.com",
        phone=f"+86 138{digits}",
        resume=resume,
        variables={
            "requisition_id": requisition,
            "applied_via": rng.choice(["campus_fair", "website", "referral"]),
        },
    )


async def start_population(
    client: Client,
    engine: Engine,
    task_queue: str,
    count: int,
    seed: int,
    requisition: str,
    time_scale: float,
    voice_share: float = 1.0,
    arrivals_per_s: float | None = None,
    personas: dict[str, Persona] | None = None,
) -> dict[str, Persona]:
    """Start ``count`` seeded applicants on the latest campus_hire; their personas by id.

    ``voice_share`` of them answer the AI interview by voice (synthesised with
    espeak-ng and transcribed by Whisper); the rest type (an accommodation).
    With ``arrivals_per_s`` applications arrive at that steady rate, as they
    do over a season, instead of all at once (when every candidate reaches
    the same step in the same second, the worker queues their Updates and
    the last ones wait seconds). Each persona goes into ``personas`` as its
    candidate starts, so a ``Simulator`` already running on that dict serves
    early arrivals while later ones are still applying."""
    rng = random.Random(seed)
    personas = {} if personas is None else personas
    loop = asyncio.get_running_loop()
    began = loop.time()
    for n in range(count):
        if arrivals_per_s:
            await asyncio.sleep(max(0.0, began + n / arrivals_per_s - loop.time()))
        who = persona(rng, voice_share)
        cid = await start_application(
            client,
            engine,
            task_queue,
            "campus_hire",
            applicant(rng, who, requisition),
            time_scale=time_scale,
        )
        personas[cid] = who
    return personas


@dataclass
class Simulator:
    """Answers every open step of its candidates until ``expected`` have finished.

    Candidates are those in ``personas``; with a ``default`` persona, every
    candidate in the ledger (a dedicated benchmark ledger) is simulated, so
    applications can keep arriving while the simulation runs.
    """

    client: Client
    engine: Engine
    personas: dict[str, Persona]
    blobs: BlobStore | None = None
    """Where spoken answers are uploaded; needed when any persona speaks."""
    seed: int = 7
    poll_interval: float = 0.05
    default: Persona | None = None
    expected: int | None = None
    finished: dict[str, str | None] = field(default_factory=dict)
    actions: Counter[str] = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    """Seconds from a step opening (its ledger event) to its Update being accepted."""
    missed: Counter[str] = field(default_factory=Counter)
    """Actions refused because their step had closed, by kind (see ``_act``)."""
    _definitions: dict[tuple[str, int], ProcessDefinition] = field(default_factory=dict)
    _sessions: dict[str, CandidateSession] = field(default_factory=dict)

    def _persona(self, stream: str) -> Persona | None:
        return self.personas.get(stream, self.default)

    async def run(self, timeout: float) -> None:
        store = EventStore(self.engine)
        registry = DefinitionRegistry(self.engine)
        rng = random.Random(self.seed)
        position = 0
        pending: set[asyncio.Task[None]] = set()
        variables: dict[str, dict[str, Any]] = {}
        expected = self.expected if self.expected is not None else len(self.personas)
        # Events of a candidate whose application is still being started (its
        # persona not yet known), kept until it is; dropped once all are known.
        # Older events belong to earlier runs on the same ledger.
        deferred: list[RecordedEvent] = []
        began = datetime.now(UTC)
        deadline = asyncio.get_running_loop().time() + timeout
        failed: list[BaseException] = []
        while len(self.finished) < expected:
            if failed:  # a person's action crashed (espeak-ng missing, a bug): say so now
                for task in list(pending):
                    task.cancel()
                raise failed[0]
            if asyncio.get_running_loop().time() > deadline:
                raise UserError(f"simulation timed out: {len(self.finished)}/{expected} finished")
            batch = store.since(position, types=None)
            if batch:
                position = batch[-1][0]
            arriving = len(self.personas) < expected and self.default is None
            events, deferred = [*deferred, *(event for _, event in batch)], []
            for event in events:
                if self._persona(event.stream) is None:
                    if arriving and event.occurred_at >= began:
                        deferred.append(event)
                    continue
                seen = variables.setdefault(event.stream, {})
                if isinstance(event.payload.get("variables"), dict):
                    seen.update(event.payload["variables"])
                action = self._react(event, registry, rng, seen)
                if action is not None:
                    task = asyncio.create_task(action)
                    pending.add(task)
                    task.add_done_callback(functools.partial(_settle, pending, failed))
            # Always yield, so the people act even while events keep arriving.
            await asyncio.sleep(self.poll_interval if not batch else 0)
        for task in list(pending):
            task.cancel()

    def _react(
        self,
        event: RecordedEvent,
        registry: DefinitionRegistry,
        rng: random.Random,
        variables: dict[str, Any],
    ) -> Any:
        who = self._persona(event.stream)
        assert who is not None
        if event.type == "process.completed":
            self.finished[event.stream] = event.payload.get("outcome")
            return None
        definition = self._definition(registry, event.definition_id, event.definition_version)
        if event.type == "task.created":
            node = event.payload["node"]
            role = event.payload["role"]
            task = definition.node(node) if event.payload.get("kind") == "user" else None
            values = decide(
                node, task if isinstance(task, UserTask) else None, who, rng, dict(variables)
            )
            if values is None:
                self.actions["ignored"] += 1
                return None
            actor = Actor(
                kind="user",
                user_id=event.stream if role == "candidate" else f"u-{role}-1",
                role=role,
            )
            return self._act(
                lambda: complete_task(self.client, event.stream, node, actor, values),
                f"task:{node}",
                opened=event.occurred_at,
            )
        if event.type == "interview.invited":
            if who.speaks and self.blobs is None:
                raise UserError("a speaking candidate needs the simulator's blob store")
            call = next(n for n in definition.nodes if isinstance(n, CallActivity))
            questions = InterviewSettings.model_validate(call.parameters).questions
            plan = plan_interview(rng, questions, who.quality, len(event.payload["slots"]))
            return self._take_interview(event.stream, who, plan)
        if (
            event.type == "interview.report_issued"
            and event.payload.get("recommendation") == "talent_pool"
            and who.appeals
        ):
            return self._act(
                lambda: self._session(event.stream).request_review("disagree_with_result"),
                "interview:review_requested",
            )
        return None

    def _session(self, candidate_id: str) -> CandidateSession:
        """The candidate opens the link from their invitation, as a real one
        would, once: later steps reuse the session."""
        if candidate_id in self._sessions:
            return self._sessions[candidate_id]
        links = [
            n.link
            for n in Outbox(self.engine).for_candidate(candidate_id)
            if n.template == "ai_interview_invitation" and n.link
        ]
        if not links:
            raise UserError("no interview invitation in the outbox yet")
        session = self._sessions[candidate_id] = open_link(self.client, self.engine, links[-1])
        return session

    def _definition(
        self, registry: DefinitionRegistry, definition_id: str, version: int
    ) -> ProcessDefinition:
        key = (definition_id, version)
        if key not in self._definitions:
            self._definitions[key] = registry.get(definition_id, version)
        return self._definitions[key]

    async def _act(
        self, make_call: Callable[[], Awaitable[T]], label: str, opened: datetime | None = None
    ) -> T | None:
        """Act, retrying while Temporal is unreachable (a worker restarting,
        a server busy); a validator's rejection is final, and counted in
        ``missed``: the simulated people act only on open steps, so a
        rejection means the step closed before the machine carried their
        action to it."""
        for attempt in range(60):
            try:
                result = await asyncio.wait_for(make_call(), timeout=120)
                self.actions[label] += 1
                if opened is not None:
                    self.latencies.append((datetime.now(UTC) - opened).total_seconds())
                return result
            except UserError:
                self.actions["rejected"] += 1
                self.missed[label] += 1
                return None
            except (TimeoutError, RPCError, WorkflowUpdateRPCTimeoutOrCancelledError):
                self.actions["retried"] += 1
                await asyncio.sleep(min(2.0, 0.1 * (attempt + 1)))
        self.actions["gave_up"] += 1
        self.missed[label] += 1
        return None

    async def _take_interview(self, candidate_id: str, who: Persona, plan: InterviewPlan) -> None:
        """One candidate's interview, from the invitation to the last answer.

        They consent and book at once, record their spoken answers while
        that happens (espeak-ng), and answer the moment the interview opens:
        at their slot, or at once for a slot that began while they booked.
        Timers run compressed, so a minute of speaking takes no time, and
        the answers arrive together as the scaled equivalent of one after
        another. Nothing slow happens inside the answer window."""
        will_answer = who.consents_to_recording and who.books_interview and who.finishes_interview
        recording: asyncio.Task[list[bytes]] | None = None
        if will_answer and who.speaks:
            recording = asyncio.create_task(self._record(plan))
        try:
            consented = await self._act(
                lambda: self._session(candidate_id).consent(
                    recording=who.consents_to_recording, ai_scoring=who.consents_to_ai_scoring
                ),
                "interview:consent",
            )
            if consented is None or not (who.consents_to_recording and who.books_interview):
                return
            session = self._session(candidate_id)
            booked = await self._act(
                lambda: session.book(consented.slots[plan.slot].id), "interview:booking"
            )
            if booked is None or not who.finishes_interview:
                return
            audio = await recording if recording is not None else None
            if await self._act(lambda: _until_open(session, booked), "interview:joined"):
                await asyncio.gather(*self._answers(session, plan, audio))
        finally:
            if recording is not None:
                recording.cancel()

    async def _record(self, plan: InterviewPlan) -> list[bytes]:
        return list(
            await asyncio.gather(
                *(
                    asyncio.to_thread(
                        speak, text, voice=plan.voice, words_per_minute=plan.words_per_minute
                    )
                    for _, text in plan.answers
                )
            )
        )

    def _answers(
        self, session: CandidateSession, plan: InterviewPlan, audio: list[bytes] | None
    ) -> list[Awaitable[InterviewProgress | None]]:
        submits: list[Callable[[], Awaitable[InterviewProgress]]]
        if audio is not None:
            assert self.blobs is not None  # checked when the invitation arrived
            label = "answer:audio"
            submits = [
                functools.partial(session.answer_audio, self.blobs, q, recorded)
                for (q, _), recorded in zip(plan.answers, audio, strict=True)
            ]
        else:
            label = "answer:text"
            vault = SubjectVault(self.engine)
            submits = [functools.partial(session.answer_text, vault, q, t) for q, t in plan.answers]
        return [self._act(submit, label) for submit in submits]


def _settle(
    pending: set[asyncio.Task[None]], failed: list[BaseException], task: asyncio.Task[None]
) -> None:
    """A finished action: forget it, and keep its exception for ``run`` to raise
    (``_act`` already absorbs refusals and unreachable servers)."""
    pending.discard(task)
    error = None if task.cancelled() else task.exception()
    if error is not None:
        failed.append(error)


async def _until_open(session: CandidateSession, booked: InterviewProgress) -> InterviewProgress:
    """Wait as a candidate with the interview page open would: the page knows
    the recording limits, then it waits until the slot and until it says the
    interview is open (the workflow's slot timer runs a moment behind the
    candidate's clock)."""
    await session.size_limits()
    if booked.opens_at is not None:
        await asyncio.sleep((booked.opens_at - datetime.now(UTC)).total_seconds())
    while (progress := await session.progress()).phase == "booked":
        await asyncio.sleep(0.05)
    if progress.phase != "open":
        raise UserError(f"the interview is {progress.phase}: it closed before the candidate came")
    return progress
