"""Long histories continue-as-new without losing state: candidates forced to
roll over at different points still finish, the ledger fold equals the live
state, and the event sequence is unbroken across runs. Several thresholds
run at once so rollovers land next to Updates, timers and parallel paths."""

import asyncio

from domain.record.state import fold
from ledger.event_store import EventStore
from tests.conftest import Stack
from tests.workflows.driver import HAPPY, STRONG_ANSWERS, STRONG_RESUME, run_candidate

THRESHOLDS = [40, 45, 50, 55, 60, 65, 70, 80]


async def test_happy_path_across_continue_as_new(stack: Stack) -> None:
    runs = await asyncio.gather(
        *(
            run_candidate(stack, STRONG_RESUME, HAPPY, STRONG_ANSWERS, continue_as_new_after=n)
            for n in THRESHOLDS
        )
    )
    store = EventStore(stack.engine)
    for run in runs:
        assert run.result.outcome == "hired"
        events = store.stream(run.candidate_id)
        lifecycle_runs = {e.run_id for e in events if "/" not in e.workflow_id}
        assert len(lifecycle_runs) >= 2, "the workflow should have continued as new"
        assert fold(run.candidate_id, events) == run.live
        assert [e.sequence for e in events] == list(range(1, len(events) + 1))
        assert len({e.key for e in events}) == len(events)
        assert sum(e.type == "timer.started" for e in events) == 1
