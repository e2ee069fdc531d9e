"""Malformed human input is rejected by the Update validators with a clear
message, and leaves the workflow, its history and the ledger untouched."""

from typing import Any

import pytest
from temporalio.client import WorkflowUpdateFailedError

from domain.errors import UserError
from domain.record.events import Actor
from domain.record.messages import LifecycleResult, Withdrawal, workflow_id
from hireloop.services.applications import complete_task
from ledger.event_store import EventStore
from tests.conftest import Stack
from tests.workflows.driver import (
    DEV_TIME_SCALE,
    actor_for,
    eventually,
    interview,
    start,
    wait_for_task,
)
from workflows.lifecycle import CandidateLifecycle

RECRUITER = Actor(kind="user", user_id="u-1", role="interviewer")

BAD_COMPLETIONS: list[tuple[str, Actor, dict[str, Any], str]] = [
    (
        "approve_offer",
        Actor(kind="user", user_id="u-1", role="recruiting_manager"),
        {"offer_approved": True, "salary_band": "B"},
        "not at step 'approve_offer'",
    ),
    ("no_such_step", RECRUITER, {}, "not at step 'no_such_step' (open steps: second_interview)"),
    (
        "second_interview",
        Actor(kind="user", user_id="u-1", role="candidate"),
        {"second_interview_score": 3, "recommendation": "hire"},
        "needs role 'interviewer', not 'candidate'",
    ),
    (
        "second_interview",
        Actor(),
        {"second_interview_score": 3, "recommendation": "hire"},
        "must be completed by a user",
    ),
    (
        "second_interview",
        RECRUITER,
        {"recommendation": "hire"},
        "required field 'second_interview_score' is missing",
    ),
    (
        "second_interview",
        RECRUITER,
        {"second_interview_score": "5", "recommendation": "hire"},
        "'second_interview_score' must be integer, got str",
    ),
    (
        "second_interview",
        RECRUITER,
        {"second_interview_score": 9, "recommendation": "hire"},
        "must be at most 5",
    ),
    (
        "second_interview",
        RECRUITER,
        {"second_interview_score": 3, "recommendation": "maybe"},
        "must be one of hire, no_hire",
    ),
    (
        "second_interview",
        RECRUITER,
        {"second_interview_score": 3, "recommendation": "hire", "bonus": 1},
        "unknown field 'bonus'",
    ),
    (
        "second_interview",
        RECRUITER,
        {"second_interview_score": True, "recommendation": "hire"},
        "must be integer, got bool",
    ),
]


@pytest.fixture
async def at_second_interview(stack: Stack) -> str:
    cid = await start(stack, time_scale=DEV_TIME_SCALE)
    await interview(stack, cid)
    await wait_for_task(stack, cid, "second_interview")
    store = EventStore(stack.engine)
    await eventually(
        lambda: any(
            e.type == "task.created" and e.payload["node"] == "second_interview"
            for e in store.stream(cid)
        )
    )
    return cid


async def test_malformed_completions_are_rejected_and_change_nothing(
    stack: Stack, at_second_interview: str
) -> None:
    cid = at_second_interview
    handle = stack.client.get_workflow_handle(workflow_id(cid))
    store = EventStore(stack.engine)
    before_state = await handle.query(CandidateLifecycle.state)
    before_history = len([e async for e in handle.fetch_history_events()])
    before_events = len(store.stream(cid))
    for node, actor, values, message in BAD_COMPLETIONS:
        with pytest.raises(UserError) as caught:
            await complete_task(stack.client, cid, node, actor, values)
        assert message in str(caught.value), (node, values, str(caught.value))
        assert "cand_" not in str(caught.value) or cid not in str(caught.value)
    assert await handle.query(CandidateLifecycle.state) == before_state
    assert len([e async for e in handle.fetch_history_events()]) == before_history
    assert len(store.stream(cid)) == before_events
    # A correct submission still goes through afterwards.
    await complete_task(
        stack.client,
        cid,
        "second_interview",
        RECRUITER,
        {"second_interview_score": 4, "recommendation": "hire"},
    )
    await wait_for_task(stack, cid, "approve_offer")


async def test_withdrawal_ends_the_process_and_later_updates_are_refused(stack: Stack) -> None:
    cid = await start(stack, resume=b"")
    await wait_for_task(stack, cid, "manual_resume_review")
    handle = stack.client.get_workflow_handle(workflow_id(cid), result_type=LifecycleResult)
    with pytest.raises(WorkflowUpdateFailedError):
        await handle.execute_update(
            CandidateLifecycle.withdraw, Withdrawal(actor=Actor(), reason="other")
        )
    await handle.execute_update(
        CandidateLifecycle.withdraw,
        Withdrawal(actor=actor_for("candidate", cid), reason="candidate_request"),
    )
    result = await handle.result()
    assert result.outcome == "withdrawn"
    last = EventStore(stack.engine).stream(cid)[-1]
    assert last.type == "process.completed" and last.actor.role == "candidate"
    assert last.payload["reason"] == "candidate_request"
    with pytest.raises(UserError):
        await complete_task(
            stack.client, cid, "manual_resume_review", RECRUITER, {"manual_decision": "reject"}
        )
