"""A scripted person for workflow tests: answers each step from a script.

Unlike the demo's simulator (which reads the ledger), this polls the
workflow's own ``open_tasks`` query, so a test fails loudly and at once when
the candidate is not where the script expects.
"""

import asyncio
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from temporalio.client import WorkflowExecutionStatus
from temporalio.testing import WorkflowEnvironment

from domain.record.events import Actor
from domain.record.messages import LifecycleResult, OpenTask, workflow_id
from domain.record.state import CandidateState
from hireloop.services.applications import Applicant, complete_task, start_application
from hireloop.services.interviews import CandidateSession, open_link
from ledger.blobs import BlobStore
from ledger.event_store import EventStore
from ledger.outbox import Outbox
from ledger.vault import SubjectVault
from tests.conftest import Stack
from workflows.lifecycle import CandidateLifecycle

STRONG_RESUME = (
    b"Skills: python, sql, statistics, finance, risk, internship, english, communication, teamwork"
)
WEAK_RESUME = b"Hobbies: hiking and photography"

# About 45 seconds each when spoken, like a real answer: the scorers learned
# that a thorough answer runs to about a hundred words.
STRONG_ANSWERS = {
    "self_intro": "Thank you for the question. Let me explain who I am with an example. I study "
    "finance and statistics, and my experience includes a research project where our team of "
    "five built a credit model. I like to listen first, ask a question when something is "
    "unclear, and then present a clear summary to my audience. In my internship at a bank I "
    "learned how to give and receive feedback, and I wrote the message for the weekly report. "
    "My goal is to learn quickly, grow with this programme, and help customers understand "
    "their choices. I hope that gives you a good picture of my experience and my goal.",
    "structured_logic": "First I would collect the data for every branch and compare the trend "
    "over the last twelve months, because a sudden drop needs a baseline. Second I would form "
    "a hypothesis about the cause, for example a competitor offering a higher rate, a change "
    "in policy, or one large customer moving money. Then I would verify each hypothesis with "
    "evidence: compare branches, look at account level results and check the timing. I would "
    "assume nothing until the numbers agree. Finally I would conclude with the most likely "
    "reason, the result I expect if we act, and therefore a short plan for the branch manager.",
    "situational_team": "I would talk to my colleague first and listen, because there is "
    "usually a reason when a teammate misses a deadline. Together we would agree what is left "
    "and share the work so the team still delivers. I would offer to help with the part that "
    "blocks me and ask others in the team for support if we need it. We would agree a new plan "
    "with clear roles and responsibility, and tell the manager early so nobody is surprised. "
    "Afterwards we would review what happened together, without blame, so that we trust each "
    "other and the team works better next time. Conflict is normal; how we handle it matters.",
    "technical_risk": "To check credit risk I would start with the applicant's credit history "
    "from the bureau, then verify income with payslips or tax data and calculate the debt to "
    "income ratio. I would look at the employment record, existing loans and any past default. "
    "Next I would apply the bank's scoring model and policy rules, and check the quality of "
    "the data the model uses. For a secured loan I would value the collateral and compute the "
    "loan to value ratio. Finally I would compare the result with the risk appetite and the "
    "standard process, document the analysis, and recommend a decision with clear conditions.",
    "technical_data": "Before building a model I would profile the data set. I would count "
    "missing values in every column and decide whether to fill or drop them, look for "
    "outliers with simple plots and check each value against its valid range. I would search "
    "for duplicate rows and duplicate customer identifiers, then compare totals with the "
    "source system to validate that nothing was lost in the extract. I would take a random "
    "sample and check it by hand against the original records. I would also check the method "
    "used to collect the data and document every quality issue and the tool I used to fix it.",
}
WEAK_ANSWERS = {k: "i do not know" for k in STRONG_ANSWERS}

# 5 days of the definition take 1.5 s on the dev server: long enough for a
# scripted person to act before interrupting timers fire, short enough that
# the 90-day probation passes in under half a minute.
DEV_TIME_SCALE = 1.5 / (5 * 86400)


def actor_for(role: str, candidate_id: str) -> Actor:
    return Actor(
        kind="user", user_id=candidate_id if role == "candidate" else f"u-{role}", role=role
    )


@dataclass
class Run:
    candidate_id: str
    result: LifecycleResult
    live: CandidateState
    done_steps: list[str] = field(default_factory=list)


def session_for(stack: Stack, candidate_id: str) -> CandidateSession | None:
    """The candidate opens the link in their invitation (None until it is queued)."""
    links = [
        n.link
        for n in Outbox(stack.engine).for_candidate(candidate_id)
        if n.template == "ai_interview_invitation" and n.link
    ]
    return open_link(stack.client, stack.engine, links[-1]) if links else None


@dataclass
class Interviewee:
    """A scripted candidate in the AI interview: consents, books the first slot,
    and answers every question as soon as the interview opens (typed, or
    spoken with ``speak``)."""

    answers: dict[str, str]
    speak: Callable[[str], bytes] | None = None
    recording: bool = True
    ai_scoring: bool = True
    book: bool = True
    stage: str = "waiting"

    async def act(self, stack: Stack, candidate_id: str) -> None:
        if self.stage == "done":
            return
        kinds = {e.type for e in EventStore(stack.engine).stream(candidate_id)}
        session = session_for(stack, candidate_id)
        if session is None:
            return
        if self.stage == "waiting" and "interview.invited" in kinds:
            progress = await session.consent(recording=self.recording, ai_scoring=self.ai_scoring)
            self.stage = "booked"
            if self.recording and self.book:
                await session.book(progress.slots[0].id)
            else:
                self.stage = "done"
        if self.stage == "booked" and "interview.opened" in kinds:
            await answer_all(stack, session, self.answers, self.speak)
            self.stage = "done"


async def answer_all(
    stack: Stack,
    session: CandidateSession,
    answers: dict[str, str],
    speak: Callable[[str], bytes] | None = None,
) -> None:
    for question, text in answers.items():
        if speak is None:
            await session.answer_text(SubjectVault(stack.engine), question, text)
        else:
            await session.answer_audio(BlobStore(stack.settings.blob_dir), question, speak(text))


async def run_candidate(
    stack: Stack,
    resume: bytes,
    script: dict[str, dict[str, Any] | None],
    answers: dict[str, str] | Interviewee | None,
    *,
    time_scale: float = DEV_TIME_SCALE,
    continue_as_new_after: int = 4000,
    timeout: float = 120.0,
    withdraw_at: str | None = None,
) -> Run:
    """Start a candidate and answer steps from ``script`` (None = never answer)."""
    cid = await start_application(
        stack.client,
        stack.engine,
        stack.settings.task_queue,
        "campus_hire",
        Applicant(
            name="Test Person",
            email="t@example.com",
            resume=resume,
            variables={"requisition_id": "R-1"},
        ),
        time_scale=time_scale,
        continue_as_new_after=continue_as_new_after,
    )
    interviewee = Interviewee(answers) if isinstance(answers, dict) else answers
    handle = stack.client.get_workflow_handle(workflow_id(cid), result_type=LifecycleResult)
    done: list[str] = []
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while (await handle.describe()).status == WorkflowExecutionStatus.RUNNING:
        assert loop.time() < deadline, f"candidate stuck; steps done: {done}"
        tasks: list[OpenTask] = await handle.query(CandidateLifecycle.open_tasks)
        for task in tasks:
            if task.node in done:
                continue
            if withdraw_at == task.node:
                from domain.record.messages import Withdrawal

                await handle.execute_update(
                    CandidateLifecycle.withdraw,
                    Withdrawal(actor=actor_for("candidate", cid), reason="candidate_request"),
                )
                done.append("withdraw")
                continue
            values = script.get(task.node) if task.kind == "user" else {"resolution": "skip"}
            if values is None:
                continue
            await complete_task(stack.client, cid, task.node, actor_for(task.role, cid), values)
            done.append(task.node)
        if interviewee is not None:
            await interviewee.act(stack, cid)
        await asyncio.sleep(0.03)
    result = await handle.result()
    live: CandidateState = await handle.query(CandidateLifecycle.state)
    return Run(cid, result, live, done)


HAPPY = {
    "review_ai_interview": {"ai_review_decision": "advance", "ai_score": 75.0},
    "second_interview": {"second_interview_score": 5, "recommendation": "hire"},
    "approve_offer": {"offer_approved": True, "salary_band": "B"},
    "offer_response": {"offer_accepted": True},
    "onboarding_checklist": {"documents_verified": True, "equipment_issued": True},
    "training_completion": {"courses_completed": 2},
    "probation_review": {
        "performance_rating": 4,
        "probation_passed": True,
        "leadership_potential": "high",
    },
    "manual_resume_review": {"manual_decision": "reject"},
}


async def wait_for_task(
    stack: Stack, candidate_id: str, node: str, timeout: float = 15.0
) -> OpenTask:
    """Poll the open-task query until ``node`` is open (real time, no skipping)."""
    handle = stack.client.get_workflow_handle(workflow_id(candidate_id))
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        tasks: list[OpenTask] = await handle.query(CandidateLifecycle.open_tasks)
        for task in tasks:
            if task.node == node:
                return task
        assert loop.time() < deadline, f"step {node} never opened; open: {[t.node for t in tasks]}"
        await asyncio.sleep(0.05)


async def open_nodes(stack: Stack, candidate_id: str) -> list[str]:
    handle = stack.client.get_workflow_handle(workflow_id(candidate_id))
    return [t.node for t in await handle.query(CandidateLifecycle.open_tasks)]


async def start(stack: Stack, resume: bytes = STRONG_RESUME, **kwargs: Any) -> str:
    return await start_application(
        stack.client,
        stack.engine,
        stack.settings.task_queue,
        "campus_hire",
        Applicant(name="Test Person", resume=resume, variables={"requisition_id": "R-1"}),
        **kwargs,
    )


async def step(
    stack: Stack, candidate_id: str, node: str, values: dict[str, Any] | None = None
) -> None:
    """Wait for ``node`` and complete it with ``values`` (default: the happy script)."""
    task = await wait_for_task(stack, candidate_id, node)
    await complete_task(
        stack.client, candidate_id, node, actor_for(task.role, candidate_id), values or HAPPY[node]
    )


async def interview(
    stack: Stack,
    candidate_id: str,
    answers: dict[str, str] = STRONG_ANSWERS,
    env: WorkflowEnvironment | None = None,
) -> None:
    """Take the candidate through the AI interview with typed answers. On the
    time-skipping server (``env``), skip to the booked slot."""
    interviewee = Interviewee(answers)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 30
    while interviewee.stage != "done":
        assert loop.time() < deadline, f"the AI interview never finished ({interviewee.stage})"
        await interviewee.act(stack, candidate_id)
        if interviewee.stage == "booked" and env is not None:
            await env.sleep(timedelta(hours=24, minutes=1))
        await asyncio.sleep(0.05)


async def eventually(check: Any, timeout: float = 10.0) -> None:
    """Wait until ``check()`` is true: the ledger trails the workflow by one flush."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not check():
        assert loop.time() < deadline, "condition never became true"
        await asyncio.sleep(0.05)


HIRELOOP = str(Path(sys.executable).parent / "hireloop")


@dataclass
class CliResult:
    returncode: int
    stdout: str
    stderr: str


async def cli(stack: Stack, *args: str) -> CliResult:
    """Run the CLI without blocking the event loop the in-process worker runs on."""
    env = {
        **os.environ,
        "HIRELOOP_LEDGER_URL": stack.settings.database_url,
        "HIRELOOP_TEMPORAL_ADDRESS": stack.client.service_client.config.target_host,
        "HIRELOOP_TRACING": "none",
    }
    process = await asyncio.create_subprocess_exec(
        HIRELOOP, *args, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode is not None
    return CliResult(process.returncode, out.decode(), err.decode())
