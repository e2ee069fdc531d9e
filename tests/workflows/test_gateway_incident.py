"""A gateway that cannot evaluate its conditions hands the decision to a
person instead of silently taking the default flow."""

from definitions.loader import parse_text
from domain.record.messages import LifecycleResult, workflow_id
from domain.record.state import fold
from hireloop.services.applications import Applicant, complete_task, start_application
from ledger.event_store import EventStore
from ledger.stores.deployments import DefinitionRegistry
from tests.conftest import Stack
from tests.workflows.driver import actor_for, wait_for_task
from workflows.lifecycle import CandidateLifecycle

GATE = """
id: gate_check
name: Gate check
variables: {flag: boolean}
nodes:
  - {id: start, type: startEvent, stage: screening}
  - {id: gate, type: exclusiveGateway, stage: screening, default: to_pool}
  - {id: hired, type: endEvent, stage: screening, outcome: hired}
  - {id: pool, type: endEvent, stage: screening, outcome: talent_pool}
flows:
  - {id: f1, sourceRef: start, targetRef: gate}
  - {id: to_hired, sourceRef: gate, targetRef: hired, conditionExpression: 'flag'}
  - {id: to_pool, sourceRef: gate, targetRef: pool}
"""


async def _run(stack: Stack, variables: dict[str, bool]) -> str:
    return await start_application(
        stack.client,
        stack.engine,
        stack.settings.task_queue,
        "gate_check",
        Applicant(name="Gate Person", variables=variables),
    )


async def test_unevaluable_condition_goes_to_a_person(stack: Stack) -> None:
    DefinitionRegistry(stack.engine).deploy(parse_text(GATE), GATE)
    ruled = await _run(stack, {"flag": False})
    handle = stack.client.get_workflow_handle(workflow_id(ruled), result_type=LifecycleResult)
    assert (await handle.result()).outcome == "talent_pool"

    cid = await _run(stack, {})  # flag never set
    task = await wait_for_task(stack, cid, "gate")
    assert task.kind == "incident" and task.role == "operator"
    await complete_task(stack.client, cid, "gate", actor_for("operator", cid), {"flow": "to_hired"})
    handle = stack.client.get_workflow_handle(workflow_id(cid), result_type=LifecycleResult)
    assert (await handle.result()).outcome == "hired"
    events = EventStore(stack.engine).stream(cid)
    failed = next(e for e in events if e.type == "gateway.failed")
    assert "flag" in failed.payload["evaluations"][0]["error"]
    decided = next(e for e in events if e.type == "gateway.decided")
    assert decided.payload["decided_by"] == "person" and decided.actor.role == "operator"
    assert fold(cid, events) == await handle.query(CandidateLifecycle.state)
