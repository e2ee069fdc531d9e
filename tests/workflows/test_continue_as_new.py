"""Long histories continue-as-new without losing state: a candidate forced to
roll over several times still finishes, and the ledger fold equals the live
state, with the event sequence unbroken across runs."""

from domain.state import fold
from ledger.event_store import EventStore
from tests.conftest import Stack
from tests.workflows.driver import HAPPY, STRONG_ANSWERS, STRONG_RESUME, run_candidate


async def test_happy_path_across_continue_as_new(stack: Stack) -> None:
    run = await run_candidate(stack, STRONG_RESUME, HAPPY, STRONG_ANSWERS, continue_as_new_after=40)
    assert run.result.outcome == "hired"
    events = EventStore(stack.engine).stream(run.candidate_id)
    lifecycle_runs = {e.run_id for e in events if e.workflow_id.startswith("candidate-") and "/" not in e.workflow_id}
    assert len(lifecycle_runs) >= 3, "the workflow should have continued as new several times"
    assert fold(run.candidate_id, events) == run.live
    assert [e.sequence for e in events] == list(range(1, len(events) + 1))
    keys = [e.key for e in events]
    assert len(keys) == len(set(keys))
