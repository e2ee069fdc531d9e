"""Each element on its own: unique ids, flows between known nodes, the flows
each node type takes, and the catalogue entries tasks call."""

from collections import defaultdict

from domain.interview.settings import settings_problems
from domain.process.catalogue import CALLABLES, SERVICES
from domain.process.definition import (
    BoundaryEvent,
    CallActivity,
    EndEvent,
    ExclusiveGateway,
    IntermediateCatchEvent,
    Node,
    ParallelGateway,
    ProcessDefinition,
    SequenceFlow,
    ServiceTask,
    StartEvent,
    UserTask,
)
from domain.process.validation.form_fields import user_task_problems
from domain.process.validation.problems import Problem, flow_at, node_at
from domain.process.validation.salvage import Salvage
from domain.process.validation.timers import duration_problem, timer_problems


def id_problems(definition: ProcessDefinition, salvage: Salvage) -> list[Problem]:
    """Ids are unique; one way in; at least one way to end with an outcome."""
    seen: dict[str, int] = defaultdict(int)
    for element in [*definition.nodes, *definition.flows]:
        seen[element.id] += 1
    problems = [
        Problem(f"element '{i}'", "id", f"duplicate id (used {n} times); ids must be unique")
        for i, n in seen.items()
        if n > 1
    ]
    starts = [n.id for n in definition.nodes if isinstance(n, StartEvent)]
    starts += [i for i, kind in salvage.node_types.items() if kind == "startEvent"]
    if len(starts) != 1:
        problems.append(
            Problem("definition", "nodes", f"needs exactly one startEvent, found {len(starts)}")
        )
    ends = [n.id for n in definition.nodes if isinstance(n, EndEvent) and n.outcome]
    ends += [i for i, kind in salvage.node_types.items() if kind == "endEvent"]
    if not ends:
        problems.append(
            Problem("definition", "nodes", "needs at least one endEvent with an outcome")
        )
    return problems


def flow_ref_problems(definition: ProcessDefinition, node_ids: set[str]) -> list[Problem]:
    problems = []
    for flow in definition.flows:
        for field, ref in (("sourceRef", flow.source), ("targetRef", flow.target)):
            if ref not in node_ids:
                problems.append(Problem(flow_at(flow.id), field, f"unknown node '{ref}'"))
    return problems


def node_problems(definition: ProcessDefinition, node: Node, salvage: Salvage) -> list[Problem]:
    """The flows a node takes for its type, and what its type needs besides."""
    where = node_at(node.id)
    problems: list[Problem] = []
    incoming = definition.incoming(node.id)
    outgoing = definition.outgoing(node.id)
    if isinstance(node, StartEvent):
        if incoming:
            problems.append(Problem(where, "incoming", "a startEvent cannot have incoming flows"))
        if len(outgoing) != 1:
            problems.append(
                Problem(where, "outgoing", "a startEvent needs exactly one outgoing flow")
            )
    elif isinstance(node, EndEvent):
        if outgoing:
            problems.append(Problem(where, "outgoing", "an endEvent cannot have outgoing flows"))
    elif isinstance(node, BoundaryEvent):
        problems += _boundary_problems(definition, node, salvage)
    elif isinstance(node, ExclusiveGateway):
        problems += _exclusive_problems(where, node, outgoing, salvage.flow_ids)
    elif isinstance(node, ParallelGateway):
        if not (len(incoming) == 1 and len(outgoing) >= 2) and not (
            len(incoming) >= 2 and len(outgoing) == 1
        ):
            problems.append(
                Problem(
                    where,
                    "flows",
                    "a parallelGateway either forks (1 in, 2+ out) or joins (2+ in, 1 out)",
                )
            )
    elif len(outgoing) != 1:
        problems.append(
            Problem(where, "outgoing", "needs exactly one outgoing flow (use a gateway to branch)")
        )
    if isinstance(node, ServiceTask):
        problems += _service_problems(where, node)
    elif isinstance(node, UserTask):
        problems += user_task_problems(where, node)
    elif isinstance(node, CallActivity):
        problems += _call_problems(where, node)
    elif isinstance(node, IntermediateCatchEvent):
        problems += timer_problems(where, node.timer, interrupting=True, boundary=False)
    return problems


def _boundary_problems(
    definition: ProcessDefinition, node: BoundaryEvent, salvage: Salvage
) -> list[Problem]:
    where = node_at(node.id)
    problems = []
    target = next((n for n in definition.nodes if n.id == node.attached_to), None)
    if node.attached_to in salvage.node_types:
        pass  # attached to a node that is already reported as malformed
    elif target is None:
        problems.append(Problem(where, "attachedToRef", f"unknown node '{node.attached_to}'"))
    elif not isinstance(target, UserTask | ServiceTask | CallActivity):
        problems.append(
            Problem(
                where,
                "attachedToRef",
                "boundary events attach to a userTask, serviceTask or callActivity",
            )
        )
    if definition.incoming(node.id):
        problems.append(Problem(where, "incoming", "a boundaryEvent cannot have incoming flows"))
    if len(definition.outgoing(node.id)) != 1:
        problems.append(
            Problem(where, "outgoing", "a boundaryEvent needs exactly one outgoing flow")
        )
    return problems + timer_problems(where, node.timer, node.cancel_activity)


def _exclusive_problems(
    where: str, node: ExclusiveGateway, outgoing: list[SequenceFlow], malformed_flows: set[str]
) -> list[Problem]:
    problems = []
    if not outgoing:
        return [Problem(where, "outgoing", "an exclusiveGateway needs outgoing flows")]
    flow_ids = {f.id for f in outgoing}
    if node.default is None:
        problems.append(Problem(where, "default", "an exclusiveGateway needs a default flow"))
    elif node.default not in flow_ids | malformed_flows:
        problems.append(
            Problem(
                where,
                "default",
                f"'{node.default}' is not one of its outgoing flows "
                f"({', '.join(sorted(flow_ids))})",
            )
        )
    for flow in outgoing:
        if flow.id == node.default and flow.condition:
            problems.append(
                Problem(
                    flow_at(flow.id), "conditionExpression", "the default flow takes no condition"
                )
            )
        if flow.id != node.default and not flow.condition:
            problems.append(
                Problem(
                    flow_at(flow.id),
                    "conditionExpression",
                    "a non-default flow out of an exclusiveGateway needs a condition",
                )
            )
    return problems


def _service_problems(where: str, node: ServiceTask) -> list[Problem]:
    problems = duration_problem(where, "timeout", node.timeout)
    spec = SERVICES.get(node.activity)
    if spec is None:
        return [
            *problems,
            Problem(
                where,
                "activity",
                f"unknown activity '{node.activity}' (known: {', '.join(sorted(SERVICES))})",
            ),
        ]
    for name in sorted(spec.required_parameters - set(node.parameters)):
        problems.append(Problem(where, "parameters", f"missing required parameter '{name}'"))
    for name in sorted(spec.inputs - set(node.inputs)):
        problems.append(
            Problem(where, "inputs", f"activity input '{name}' is not mapped to a variable")
        )
    for name in sorted(set(node.inputs) - spec.inputs):
        problems.append(Problem(where, "inputs", f"'{node.activity}' has no input '{name}'"))
    for name in sorted(set(node.outputs) - set(spec.outputs)):
        problems.append(Problem(where, "outputs", f"'{node.activity}' has no output '{name}'"))
    return problems


def _call_problems(where: str, node: CallActivity) -> list[Problem]:
    spec = CALLABLES.get(node.called_element)
    if spec is None:
        return [
            Problem(
                where,
                "calledElement",
                f"unknown process '{node.called_element}' (known: {', '.join(sorted(CALLABLES))})",
            )
        ]
    missing = sorted(spec.required_parameters - set(node.parameters))
    problems = [
        Problem(where, "parameters", f"missing required parameter '{name}'") for name in missing
    ]
    for name in sorted(set(node.outputs) - set(spec.outputs)):
        problems.append(
            Problem(where, "outputs", f"'{node.called_element}' has no output '{name}'")
        )
    if not missing and node.called_element == "AIInterview":
        problems += [Problem(where, f, m) for f, m in settings_problems(node.parameters)]
    return problems
