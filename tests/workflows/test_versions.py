"""Versioned deployment: running candidates keep the version they started
on; new applicants get the latest."""

from definitions.loader import parse_text
from domain.record.messages import LifecycleResult, workflow_id
from ledger.event_store import EventStore
from ledger.stores.deployments import DefinitionRegistry
from tests.conftest import CAMPUS_HIRE, Stack
from tests.workflows.driver import eventually, interview, start, wait_for_task

MID_RESUME = b"Skills: python, sql"  # keyword score 0.625


async def test_running_candidates_stay_on_their_version(stack: Stack) -> None:
    first = await start(stack, MID_RESUME, time_scale=2.0 / 86400)  # a day takes 2 s
    store = EventStore(stack.engine)
    # Invited to the AI interview: passed screening on v1 (>= 0.45).
    await eventually(lambda: any(e.type == "interview.invited" for e in store.stream(first)))

    stricter = CAMPUS_HIRE.read_text().replace("screening_score >= 0.45", "screening_score >= 0.9")
    deployment = DefinitionRegistry(stack.engine).deploy(parse_text(stricter), stricter)
    assert (deployment.version, deployment.created) == (2, True)

    second = await start(stack, MID_RESUME)
    handle = stack.client.get_workflow_handle(workflow_id(second), result_type=LifecycleResult)
    assert (await handle.result()).outcome == "talent_pool"  # v2's stricter line

    await interview(stack, first)  # the v1 candidate carries on
    await wait_for_task(stack, first, "second_interview")
    assert {e.definition_version for e in store.stream(first)} == {1}
    assert {e.definition_version for e in store.stream(second)} == {2}
