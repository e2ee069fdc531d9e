"""A step past its due date: the overdue notice is recorded once, and a step
completed while that notice is still being written ends its side path
cleanly (the worker used to log "Task exception was never retrieved" for
``CandidateLifecycle._overdue``; tests/workflows/conftest.py fails on it)."""

import asyncio
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from domain.record.messages import LifecycleResult, workflow_id
from domain.record.state import fold
from hireloop.services.applications import complete_task
from ledger.event_store import EventStore
from tests.conftest import Stack
from tests.workflows.driver import actor_for, eventually, start, wait_for_task
from workflows.lifecycle import CandidateLifecycle

DUE_S = 4.0
SCALE = DUE_S / (2 * 86400)  # manual_resume_review is due after P2D


@contextmanager
def ledger_write_lock(stack: Stack) -> Iterator[None]:
    """Hold SQLite's write lock: every ledger append waits (busy timeout)."""
    connection = sqlite3.connect(stack.engine.url.database or "", isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        yield
    finally:
        connection.rollback()
        connection.close()


async def _pending_activities(stack: Stack, cid: str) -> list[str]:
    description = await stack.client.get_workflow_handle(workflow_id(cid)).describe()
    return [a.activity_type.name for a in description.raw_description.pending_activities]


async def test_a_step_completed_while_its_overdue_notice_is_written(stack: Stack) -> None:
    cid = await start(stack, resume=b"", time_scale=SCALE)  # unreadable: a recruiter reviews it
    await wait_for_task(stack, cid, "manual_resume_review")
    store = EventStore(stack.engine)
    await eventually(lambda: "task.created" in {e.type for e in store.stream(cid)})

    with ledger_write_lock(stack):
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 2 * DUE_S
        while "record_events" not in await _pending_activities(stack, cid):
            assert loop.time() < deadline, "the step never went overdue"
            await asyncio.sleep(0.05)
        assert "task.overdue" not in {e.type for e in store.stream(cid)}
        # The notice is being written; the recruiter decides now.
        await complete_task(
            stack.client,
            cid,
            "manual_resume_review",
            actor_for("recruiter", cid),
            {"manual_decision": "reject"},
        )

    handle = stack.client.get_workflow_handle(workflow_id(cid), result_type=LifecycleResult)
    assert (await handle.result()).outcome == "rejected"
    events = store.stream(cid)
    steps = [e.type for e in events if e.type.startswith("task.")]
    assert steps == ["task.created", "task.overdue", "task.completed"]
    assert fold(cid, events) == await handle.query(CandidateLifecycle.state)
    assert store.verify(cid) == []
