"""A scripted person for workflow tests: answers each step from a script.

Unlike the demo's simulator (which reads the ledger), this polls the
workflow's own ``open_tasks`` query, so a test fails loudly and at once when
the candidate is not where the script expects.
"""

import asyncio
from dataclasses import dataclass, field
from typing import Any

from temporalio.client import WorkflowExecutionStatus

from domain.events import Actor
from domain.messages import LifecycleResult, OpenTask
from domain.state import CandidateState
from hireloop.applications import (
    Applicant,
    complete_task,
    start_application,
    submit_text_answer,
    workflow_id,
)
from ledger.event_store import EventStore
from tests.conftest import Stack
from workflows.interview import AIInterview
from workflows.lifecycle import CandidateLifecycle

STRONG_RESUME = (
    b"Skills: python, sql, statistics, finance, risk, internship, english, communication, teamwork"
)
WEAK_RESUME = b"Hobbies: hiking and photography"

STRONG_ANSWERS = {
    "self_intro": "my experience includes a project with a team where i learn fast "
    "and my goal is an internship in banking and i enjoy working with people "
    "every day on hard problems",
    "structured_logic": "first i gather the data then compare branches look at the trend "
    "form a hypothesis about the cause and verify it with the team before acting on it",
    "situational_team": "i listen first then help them agree a plan share the work "
    "and support the team so we deliver together and learn from it",
    "technical_risk": "i check credit history income and the debt ratio "
    "estimate default risk with a model and look at collateral before deciding on the loan",
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


async def run_candidate(
    stack: Stack,
    resume: bytes,
    script: dict[str, dict[str, Any] | None],
    answers: dict[str, str] | None,
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
    handle = stack.client.get_workflow_handle(workflow_id(cid), result_type=LifecycleResult)
    done: list[str] = []
    answered_interview = False
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while (await handle.describe()).status == WorkflowExecutionStatus.RUNNING:
        assert loop.time() < deadline, f"candidate stuck; steps done: {done}"
        tasks: list[OpenTask] = await handle.query(CandidateLifecycle.open_tasks)
        for task in tasks:
            if task.node in done:
                continue
            if withdraw_at == task.node:
                from domain.messages import Withdrawal

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
        if answers is not None and not answered_interview:
            answered_interview = await _answer_interview(stack, cid, answers)
        await asyncio.sleep(0.03)
    result = await handle.result()
    live: CandidateState = await handle.query(CandidateLifecycle.state)
    return Run(cid, result, live, done)


async def _answer_interview(stack: Stack, cid: str, answers: dict[str, str]) -> bool:
    started = [e for e in EventStore(stack.engine).stream(cid) if e.type == "interview.started"]
    if not started:
        return False
    child = started[-1].workflow_id
    pending = await stack.client.get_workflow_handle(child).query(AIInterview.pending_questions)
    for question in pending:
        await submit_text_answer(
            stack.client, stack.engine, cid, child, question, answers[question]
        )
    return True


HAPPY = {
    "book_interview": {"slot": "morning"},
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
    stack: Stack, candidate_id: str, answers: dict[str, str] = STRONG_ANSWERS
) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 15
    while not await _answer_interview(stack, candidate_id, answers):
        assert loop.time() < deadline, "the AI interview never started"
        await asyncio.sleep(0.05)


async def eventually(check: Any, timeout: float = 10.0) -> None:
    """Wait until ``check()`` is true: the ledger trails the workflow by one flush."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not check():
        assert loop.time() < deadline, "condition never became true"
        await asyncio.sleep(0.05)
