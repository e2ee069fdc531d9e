"""Timers at their real durations on the time-skipping test server: the
7-day offer expiry, the 90-day probation, booking reminders and expiry."""

from datetime import timedelta

from temporalio.testing import WorkflowEnvironment

from domain.messages import LifecycleResult
from domain.state import fold
from hireloop.applications import workflow_id
from ledger.event_store import EventStore
from tests.conftest import Stack
from tests.workflows.driver import eventually, interview, open_nodes, start, step, wait_for_task
from workflows.lifecycle import CandidateLifecycle


async def _to_offer(stack: Stack) -> str:
    cid = await start(stack)
    await step(stack, cid, "book_interview")
    await interview(stack, cid)
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
    cid = await _to_offer(skipping_stack)
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
    cid = await _to_offer(skipping_stack)
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


async def test_booking_reminders_then_expiry(
    skipping_stack: Stack, skipping_env: WorkflowEnvironment
) -> None:
    cid = await start(skipping_stack)
    await wait_for_task(skipping_stack, cid, "book_interview")
    await skipping_env.sleep(timedelta(hours=25))
    store = EventStore(skipping_stack.engine)

    def reminders() -> int:
        return sum(
            1
            for e in store.stream(cid)
            if e.type == "service.completed" and e.payload["node"] == "send_booking_reminder"
        )

    await eventually(lambda: reminders() == 1)
    assert "book_interview" in await open_nodes(skipping_stack, cid)  # non-interrupting
    await skipping_env.sleep(timedelta(days=4))
    result = await _finish(skipping_stack, cid)
    assert result.outcome == "withdrawn"
    assert reminders() == 2  # R2/PT24H: two reminders, then the 5-day expiry
