"""Timers at their real durations on the time-skipping test server: the
7-day offer expiry, the 90-day probation, the AI interview's booking reminders
and expiry, and an interview left unfinished."""

from datetime import timedelta

from temporalio.testing import WorkflowEnvironment

from domain.record.messages import LifecycleResult, workflow_id
from domain.record.state import fold
from ledger.event_store import EventStore
from ledger.outbox import Outbox
from tests.conftest import Stack
from tests.workflows.driver import (
    STRONG_ANSWERS,
    eventually,
    interview,
    open_nodes,
    session_for,
    start,
    step,
    wait_for_task,
)
from workflows.lifecycle import CandidateLifecycle


async def _to_offer(stack: Stack, env: WorkflowEnvironment) -> str:
    cid = await start(stack)
    await interview(stack, cid, env=env)
    for node in ("second_interview", "approve_offer"):
        await step(stack, cid, node)
    await wait_for_task(stack, cid, "offer_response")
    return cid


async def _finish(stack: Stack, cid: str) -> LifecycleResult:
    handle = stack.client.get_workflow_handle(workflow_id(cid), result_type=LifecycleResult)
    result = await handle.result()
    live = await handle.query(CandidateLifecycle.state)
    assert fold(cid, EventStore(stack.engine).stream(cid)) == live
    assert EventStore(stack.engine).verify(cid) == []
    return result


async def test_offer_expires_after_seven_days(
    skipping_stack: Stack, skipping_env: WorkflowEnvironment
) -> None:
    cid = await _to_offer(skipping_stack, skipping_env)
    await skipping_env.sleep(timedelta(days=6, hours=23))
    assert "offer_response" in await open_nodes(skipping_stack, cid)
    await skipping_env.sleep(timedelta(hours=2))
    result = await _finish(skipping_stack, cid)
    assert result.outcome == "offer_expired"
    events = EventStore(skipping_stack.engine).stream(cid)
    fired = [e for e in events if e.type == "timer.fired" and e.payload["node"] == "offer_expiry"]
    assert len(fired) == 1 and fired[0].payload["interrupting"] is True
    cancelled = [e.payload["node"] for e in events if e.type == "task.cancelled"]
    assert cancelled == ["offer_response"]
    sent = next(
        e for e in events if e.type == "node.entered" and e.payload["node"] == "offer_response"
    )
    assert fired[0].occurred_at - sent.occurred_at >= timedelta(days=7)


async def test_probation_lasts_ninety_days_before_the_review(
    skipping_stack: Stack, skipping_env: WorkflowEnvironment
) -> None:
    cid = await _to_offer(skipping_stack, skipping_env)
    for node in ("offer_response", "onboarding_checklist", "training_completion"):
        await step(skipping_stack, cid, node)
    await skipping_env.sleep(timedelta(days=85))
    assert "probation_review" not in await open_nodes(skipping_stack, cid)
    await skipping_env.sleep(timedelta(days=6))
    await step(skipping_stack, cid, "probation_review")
    result = await _finish(skipping_stack, cid)
    assert result.outcome == "hired"
    events = EventStore(skipping_stack.engine).stream(cid)
    started = next(e for e in events if e.type == "timer.started")
    fired = next(
        e for e in events if e.type == "timer.fired" and e.payload["node"] == "probation_period"
    )
    assert fired.occurred_at - started.occurred_at >= timedelta(days=90)
    assert any(e.type == "gateway.joined" for e in events)


async def test_booking_reminders_then_not_booked(
    skipping_stack: Stack, skipping_env: WorkflowEnvironment
) -> None:
    cid = await start(skipping_stack)
    store = EventStore(skipping_stack.engine)
    await eventually(lambda: any(e.type == "interview.invited" for e in store.stream(cid)))
    session = session_for(skipping_stack, cid)
    assert session is not None
    await session.consent(recording=True, ai_scoring=True)  # ... and never books

    def reminders() -> list[str]:
        return [
            str(e.payload["kind"]) for e in store.stream(cid) if e.type == "interview.reminder_sent"
        ]

    await skipping_env.sleep(timedelta(hours=25))
    await eventually(lambda: reminders() == ["booking"])
    await skipping_env.sleep(timedelta(days=4))
    result = await _finish(skipping_stack, cid)
    assert result.outcome == "withdrawn"
    assert reminders() == ["booking", "booking"]  # R2/PT24H: two reminders, then the 5-day expiry
    assert any(e.type == "interview.not_booked" for e in store.stream(cid))
    queued = [n.template for n in Outbox(skipping_stack.engine).for_candidate(cid)]
    assert queued.count("ai_interview_booking_reminder") == 2


async def test_unfinished_interview_closes_and_goes_to_a_person(
    skipping_stack: Stack, skipping_env: WorkflowEnvironment
) -> None:
    """Two of five answers, then silence: after the 5 days the interview closes,
    and the missing answers send it to an interviewer rather than to a score."""
    cid = await start(skipping_stack)
    partial = dict(list(STRONG_ANSWERS.items())[:2])
    await interview(skipping_stack, cid, partial, env=skipping_env)
    await skipping_env.sleep(timedelta(days=5, hours=1))
    task = await wait_for_task(skipping_stack, cid, "review_ai_interview")
    assert task.role == "interviewer"
    store = EventStore(skipping_stack.engine)
    closed = next(e for e in store.stream(cid) if e.type == "interview.closed")
    assert closed.payload["missing"] == ["situational_team", "technical_risk", "technical_data"]
    live = await skipping_stack.client.get_workflow_handle(workflow_id(cid)).query(
        CandidateLifecycle.state
    )
    assert live.variables["ai_status"] == "human_review"
    assert live.variables["ai_review_reasons"] == [
        "missing_answer:situational_team",
        "missing_answer:technical_risk",
        "missing_answer:technical_data",
    ]
    assert live.variables["ai_score"] is not None  # advisory, from the two answers
