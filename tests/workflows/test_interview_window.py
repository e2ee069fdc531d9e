"""The AI interview's answer window runs from when the interview really opens.

The interview opens at the booked slot, but only when a worker runs the
workflow's timer: a slot reminder that is slow to send, or a worker that is
away at the slot time, opens it late. Counting the window from the slot
took that delay out of the candidate's time (in the demo, up to a quarter of
a compressed window on a busy machine) and, after an outage longer than the
window, closed the interview the moment it opened.
"""

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from temporalio.testing import WorkflowEnvironment

from definitions.loader import load_file
from domain.interview.settings import InterviewProgress
from hireloop.services.interviews import CandidateSession
from ledger.db import engine_for
from ledger.event_store import EventStore
from ledger.stores.deployments import DefinitionRegistry
from ledger.vault import SubjectVault
from migrations.runner import upgrade
from tests.conftest import CAMPUS_HIRE, Stack, make_settings
from tests.workflows.driver import STRONG_ANSWERS, session_for, start
from worker import running

SCALE = 2.0 / 86400  # a definition day in 2 s: the first slot 2 s after the invitation
WINDOW = timedelta(days=5) * SCALE  # campus_hire's answer window (expiry P5D)


async def until(check: Callable[[], Awaitable[bool]], what: str, timeout: float = 60.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not await check():
        assert loop.time() < deadline, f"{what} never happened"
        await asyncio.sleep(0.1)


@pytest.mark.slow
async def test_an_interview_opened_after_an_outage_still_gets_its_whole_window(
    dev_env: WorkflowEnvironment, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path)
    upgrade(settings.database_url)
    engine = engine_for(settings.database_url)
    DefinitionRegistry(engine).deploy(*load_file(CAMPUS_HIRE))
    stack = Stack(dev_env.client, settings, engine)
    sessions: list[CandidateSession] = []

    async def invited() -> bool:
        kinds = {e.type for e in EventStore(engine).stream(cid)}
        session = session_for(stack, cid)
        if session is not None and "interview.invited" in kinds:
            sessions.append(session)
        return bool(sessions)

    async with running(dev_env.client, settings):
        cid = await start(stack, time_scale=SCALE)
        await until(invited, "the invitation")
        session = sessions[0]
        offered = await session.consent(recording=True, ai_scoring=True)
        booked = await session.book(offered.slots[0].id)
    assert booked.opens_at is not None
    # No worker while the slot passes, nor for a whole window after it.
    await asyncio.sleep((booked.opens_at + WINDOW - datetime.now(UTC)).total_seconds() + 1)

    progress: list[InterviewProgress] = []

    async def opened() -> bool:
        progress.append(await session.progress())
        return progress[-1].phase != "booked"

    back = datetime.now(UTC)
    async with running(dev_env.client, settings):
        await until(opened, "the opening")
        now_open = progress[-1]
        answered = await session.answer_text(
            SubjectVault(engine), "self_intro", STRONG_ANSWERS["self_intro"]
        )

    assert now_open.phase == "open"
    assert now_open.opens_at is not None and now_open.closes_at is not None
    assert now_open.opens_at >= back - timedelta(seconds=0.5)  # when it really opened
    assert now_open.closes_at == now_open.opens_at + WINDOW
    assert answered.answered == ["self_intro"]
