"""Seeded synthetic applicants and simulated people, for the demo and benchmarks.

The applicants are invented (names from small lists, resumes assembled from
the job's vocabulary) and every human decision comes from a per-candidate
persona drawn from a seeded RNG, so a run is reproducible. The simulated
people act like an HR inbox would: they watch the ledger for new tasks and
answer them through the same Updates a real UI uses.
"""

import asyncio
import random
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine
from temporalio.client import Client, WorkflowUpdateRPCTimeoutOrCancelledError
from temporalio.service import RPCError

from domain.errors import UserError
from domain.interview.answer_features import competency_terms
from domain.interview.settings import InterviewQuestion, InterviewSettings
from domain.process.definition import CallActivity, ProcessDefinition, UserTask
from domain.record.events import Actor, RecordedEvent
from hireloop.services.applications import Applicant, complete_task, start_application
from hireloop.services.interviews import CandidateSession, open_link
from ledger.blobs import BlobStore
from ledger.event_store import EventStore
from ledger.outbox import Outbox
from ledger.stores.deployments import DefinitionRegistry
from ledger.vault import SubjectVault
from simulation.speech import VOICES, speak

GIVEN = ["Wei", "Fang", "Lei", "Na", "Jun", "Min", "Alex", "Sam", "Priya", "Omar", "Lena", "Tom"]
FAMILY = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Smith", "Garcia", "Khan", "Novak"]
STRONG = ["python", "sql", "statistics", "finance", "risk", "internship", "english"]
SOFT = ["communication", "teamwork", "customer"]
FILLER = [
    "i",
    "worked",
    "on",
    "several",
    "things",
    "at",
    "university",
    "and",
    "learned",
    "a",
    "lot",
    "from",
    "my",
    "classmates",
    "and",
    "tutors",
]


@dataclass(frozen=True)
class Persona:
    """How one simulated candidate, and the people around them, behave."""

    quality: float
    books_interview: bool
    finishes_interview: bool
    answers_offer: bool
    accepts_offer: bool
    manager_approves: bool
    consents_to_recording: bool = True
    consents_to_ai_scoring: bool = True
    speaks: bool = True
    appeals: bool = False


def persona(rng: random.Random, voice_share: float = 1.0) -> Persona:
    return Persona(
        quality=rng.random(),
        books_interview=rng.random() > 0.08,
        finishes_interview=rng.random() > 0.05,
        answers_offer=rng.random() > 0.1,
        accepts_offer=rng.random() > 0.15,
        manager_approves=rng.random() > 0.1,
        consents_to_recording=rng.random() > 0.03,
        consents_to_ai_scoring=rng.random() > 0.04,
        speaks=rng.random() < voice_share,
        appeals=rng.random() < 0.3,
    )


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
) -> dict[str, Persona]:
    """Start ``count`` seeded applicants on the latest campus_hire; their personas by id.

    ``voice_share`` of them answer the AI interview by voice (synthesised with
    espeak-ng and transcribed by Whisper); the rest type (an accommodation)."""
    rng = random.Random(seed)
    personas: dict[str, Persona] = {}
    for _ in range(count):
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


OPENERS = (
    "I would start with the",
    "In my internship I worked on the",
    "Our team agreed on the",
    "The first thing I check is the",
    "I learned to explain the",
    "Then I compare the",
    "We shared the",
    "My approach is to verify the",
)
MIDDLES = (
    "because it shows",
    "so that we can see",
    "and then I look at",
    "which helps me understand",
    "before I decide on",
)
ENDS = (
    "what the customer needs.",
    "the risk early.",
    "the next step together.",
    "the result for the team.",
    "where the problem comes from.",
    "how to present it clearly.",
)
VAGUE = (
    "I think it depends.",
    "It is hard to say.",
    "Maybe I would ask someone.",
    "I am not really sure about that.",
)


def answer_text(rng: random.Random, question: InterviewQuestion, quality: float) -> str:
    """A simulated answer: a stronger candidate says more, in more sentences
    that use the question's rubric points and the competency's words; a
    weaker one says less and stays vague. Seeded, so a run repeats."""
    hits = [t for t in question.rubric if rng.random() < 0.2 + 0.8 * quality]
    lexicon = [t for t in competency_terms(question.dimension) if rng.random() < quality * 0.9]
    terms = hits + lexicon
    rng.shuffle(terms)
    target = int(30 + 130 * quality + rng.uniform(-10, 10))
    sentences: list[str] = []
    words = 0
    while words < target:
        if terms:
            term = terms.pop()
            sentence = f"{rng.choice(OPENERS)} {term} {rng.choice(MIDDLES)} {rng.choice(ENDS)}"
        else:
            sentence = (
                rng.choice(VAGUE)
                if rng.random() > quality
                else (f"{rng.choice(OPENERS)} {rng.choice(question.rubric)} {rng.choice(ENDS)}")
            )
        sentences.append(sentence)
        words += len(sentence.split())
    return " ".join(sentences)


def _generic(task: UserTask, rng: random.Random) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for f in task.form.fields:
        if f.type == "boolean":
            values[f.id] = True
        elif f.type == "enum" and f.enum:
            values[f.id] = rng.choice(f.enum)
        elif f.type in ("integer", "number"):
            values[f.id] = int(f.maximum if f.maximum is not None else 1)
        else:
            values[f.id] = "ok"
    return values


def decide(
    node: str, task: UserTask | None, who: Persona, rng: random.Random, variables: dict[str, Any]
) -> dict[str, Any] | None:
    """The simulated person's answer to a step; None means they never answer."""
    q = who.quality
    if task is None:  # an incident: a person skips the failed step
        return {"resolution": "skip"}
    if node == "manual_resume_review":
        return {"manual_decision": "advance" if q > 0.5 else "reject"}
    if node == "review_ai_interview":
        return {
            "ai_review_decision": "advance" if q > 0.5 else "talent_pool",
            "ai_score": round(100 * q, 1),
        }
    if node == "second_interview":
        score = max(1, min(5, round(1 + q * 4 + rng.uniform(-0.7, 0.7))))
        return {
            "second_interview_score": score,
            "recommendation": "hire" if score >= 3 else "no_hire",
        }
    if node == "approve_offer":
        return {"offer_approved": who.manager_approves, "salary_band": "B"}
    if node == "offer_response":
        return {"offer_accepted": who.accepts_offer} if who.answers_offer else None
    if node == "training_completion":
        return {"courses_completed": len(variables.get("training_plan") or [])}
    if node == "probation_review":
        rating = max(1, min(5, round(1 + q * 4)))
        return {
            "performance_rating": rating,
            "probation_passed": q > 0.35,
            "leadership_potential": "high" if q > 0.8 else "medium" if q > 0.5 else "low",
        }
    return _generic(task, rng)


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
        deadline = asyncio.get_running_loop().time() + timeout
        while len(self.finished) < expected:
            if asyncio.get_running_loop().time() > deadline:
                raise UserError(f"simulation timed out: {len(self.finished)}/{expected} finished")
            batch = store.since(position, types=None)
            if batch:
                position = batch[-1][0]
            for _, event in batch:
                if self._persona(event.stream) is None:
                    continue
                seen = variables.setdefault(event.stream, {})
                if isinstance(event.payload.get("variables"), dict):
                    seen.update(event.payload["variables"])
                action = self._react(event, registry, rng, seen)
                if action is not None:
                    task = asyncio.create_task(action)
                    pending.add(task)
                    task.add_done_callback(pending.discard)
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
            return self._act(
                lambda: self._accept_invitation(event.stream, who, rng), "interview:booking"
            )
        if event.type == "interview.opened":
            if not who.finishes_interview:
                self.actions["ignored"] += 1
                return None
            return self._interview(event, definition, rng)
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

    async def _accept_invitation(self, candidate_id: str, who: Persona, rng: random.Random) -> None:
        session = self._session(candidate_id)
        progress = await session.consent(
            recording=who.consents_to_recording, ai_scoring=who.consents_to_ai_scoring
        )
        if who.consents_to_recording and who.books_interview:
            await session.book(rng.choice(progress.slots[:2]).id)

    def _definition(
        self, registry: DefinitionRegistry, definition_id: str, version: int
    ) -> ProcessDefinition:
        key = (definition_id, version)
        if key not in self._definitions:
            self._definitions[key] = registry.get(definition_id, version)
        return self._definitions[key]

    async def _act(
        self, make_call: Callable[[], Awaitable[Any]], label: str, opened: datetime | None = None
    ) -> None:
        """Act, retrying while Temporal is unreachable (a worker restarting,
        a server busy); a validator's rejection is final."""
        for attempt in range(60):
            try:
                await asyncio.wait_for(make_call(), timeout=120)
                self.actions[label] += 1
                if opened is not None:
                    self.latencies.append((datetime.now(UTC) - opened).total_seconds())
                return
            except UserError:
                self.actions["rejected"] += 1  # e.g. the step timed out before the person acted
                return
            except (TimeoutError, RPCError, WorkflowUpdateRPCTimeoutOrCancelledError):
                self.actions["retried"] += 1
                await asyncio.sleep(min(2.0, 0.1 * (attempt + 1)))
        self.actions["gave_up"] += 1

    async def _interview(
        self, event: RecordedEvent, definition: ProcessDefinition, rng: random.Random
    ) -> None:
        who = self._persona(event.stream)
        assert who is not None
        call = next(n for n in definition.nodes if isinstance(n, CallActivity))
        questions = InterviewSettings.model_validate(call.parameters).questions
        texts = [(q.id, answer_text(rng, q, who.quality)) for q in questions]
        voice = rng.choice(VOICES)
        rate = rng.randint(125, 175)
        session = self._session(event.stream)
        vault = SubjectVault(self.engine)
        # Timers run compressed, so a minute of speaking takes no time: the
        # answers are recorded up front and arrive together, as the scaled
        # equivalent of one after another.
        if who.speaks:
            if self.blobs is None:
                raise UserError("a speaking candidate needs the simulator's blob store")
            blobs = self.blobs
            audio = await asyncio.gather(
                *(asyncio.to_thread(speak, t, voice=voice, words_per_minute=rate) for _, t in texts)
            )
            calls = [
                self._act(
                    lambda q=q, a=a: session.answer_audio(blobs, q, a),  # type: ignore[misc]
                    "answer:audio",
                )
                for (q, _), a in zip(texts, audio, strict=True)
            ]
        else:
            calls = [
                self._act(
                    lambda q=q, t=t: session.answer_text(vault, q, t),  # type: ignore[misc]
                    "answer:text",
                )
                for q, t in texts
            ]
        await asyncio.gather(*calls)
