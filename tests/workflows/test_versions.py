"""Versioned deployment: running candidates keep the version they started
on; new applicants get the latest."""

from definitions.loader import parse_text
from domain.messages import LifecycleResult
from hireloop.applications import workflow_id
from ledger.event_store import EventStore
from ledger.registry import DefinitionRegistry
from tests.conftest import CAMPUS_HIRE, Stack
from tests.workflows.driver import eventually, start, step, wait_for_task

MID_RESUME = b"Skills: python, sql"  # keyword score 0.625


async def test_running_candidates_stay_on_their_version(stack: Stack) -> None:
    first = await start(stack, MID_RESUME)
    await wait_for_task(stack, first, "book_interview")  # passed screening on v1 (>= 0.45)

    stricter = CAMPUS_HIRE.read_text().replace("screening_score >= 0.45", "screening_score >= 0.9")
    deployment = DefinitionRegistry(stack.engine).deploy(parse_text(stricter), stricter)
    assert (deployment.version, deployment.created) == (2, True)

    second = await start(stack, MID_RESUME)
    handle = stack.client.get_workflow_handle(workflow_id(second), result_type=LifecycleResult)
    assert (await handle.result()).outcome == "talent_pool"  # v2's stricter line

    await step(stack, first, "book_interview")  # the v1 candidate carries on
    store = EventStore(stack.engine)
    await eventually(lambda: any(e.type == "interview.started" for e in store.stream(first)))
    assert {e.definition_version for e in store.stream(first)} == {1}
    assert {e.definition_version for e in store.stream(second)} == {2}
