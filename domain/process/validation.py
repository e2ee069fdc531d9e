"""Deploy-time validation of process definitions, reporting every problem at once.

Parsing is done node by node so one malformed node does not hide problems in
the others; semantic checks then run over whatever parsed. Each ``Problem``
names the element (node or flow id) and the field, so HR can fix the YAML
without reading a traceback.
"""

import dataclasses
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter, ValidationError

from domain.interview.settings import settings_problems
from domain.process import expressions
from domain.process.catalogue import CALLABLES, SERVICES
from domain.process.definition import (
    WAIT_NODE_TYPES,
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
    TimerEventDefinition,
    UserTask,
)
from domain.process.durations import DurationError, parse_cycle, parse_duration


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a definition: where (element id), which field, what."""

    where: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.where} [{self.field}]: {self.message}"


class DefinitionError(ValueError):
    """A definition with problems; ``problems`` lists all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


_NODE = TypeAdapter(Node)
_FLOW = TypeAdapter(SequenceFlow)


def _pydantic_problems(where: str, exc: ValidationError) -> list[Problem]:
    problems = []
    for error in exc.errors():
        loc = [str(part) for part in error["loc"]]
        # Discriminated unions put the node type first in the location; drop it.
        if loc and loc[0] in _NODE_TYPES:
            loc = loc[1:]
        if error["type"] in ("union_tag_invalid", "union_tag_not_found"):
            loc = ["type"]
        problems.append(Problem(where, ".".join(loc) or "-", error["msg"]))
    return problems


@dataclass
class _Salvage:
    """What elements that failed to parse still tell us (ids, claimed types,
    edges, variables they set), so each malformed element is reported once and
    not again elsewhere as a phantom "unknown node" or "unreachable" problem."""

    node_types: dict[str, str] = dataclasses.field(default_factory=dict)
    flow_ids: set[str] = dataclasses.field(default_factory=set)
    edges: set[tuple[str, str]] = dataclasses.field(default_factory=set)
    variables: set[str] = dataclasses.field(default_factory=set)

    def add_node(self, raw: Any) -> None:
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            return
        kind = raw.get("type")
        self.node_types[raw["id"]] = kind if isinstance(kind, str) else ""
        outputs = raw.get("outputs")
        if isinstance(outputs, dict):
            self.variables |= {v for v in outputs.values() if isinstance(v, str)}
        form = raw.get("form")
        fields = form.get("fields") if isinstance(form, dict) else None
        for form_field in fields if isinstance(fields, list) else []:
            if isinstance(form_field, dict) and isinstance(form_field.get("id"), str):
                self.variables.add(form_field["id"])
        if isinstance(raw.get("attachedToRef"), str):
            self.edges.add((raw["attachedToRef"], raw["id"]))

    def add_flow(self, raw: Any) -> None:
        if not isinstance(raw, dict):
            return
        if isinstance(raw.get("id"), str):
            self.flow_ids.add(raw["id"])
        source, target = raw.get("sourceRef"), raw.get("targetRef")
        if isinstance(source, str) and isinstance(target, str):
            self.edges.add((source, target))


_NODE_TYPES = {
    "startEvent",
    "endEvent",
    "serviceTask",
    "userTask",
    "callActivity",
    "exclusiveGateway",
    "parallelGateway",
    "intermediateCatchEvent",
    "boundaryEvent",
}


def _element_name(kind: str, index: int, raw: Any) -> str:
    if isinstance(raw, dict) and isinstance(raw.get("id"), str):
        return f"{kind} '{raw['id']}'"
    return f"{kind} #{index + 1}"


def parse(data: Any) -> ProcessDefinition:
    """Parse and fully validate a definition document; raise ``DefinitionError``."""
    if not isinstance(data, dict):
        raise DefinitionError(
            [Problem("definition", "-", "must be a mapping with id, name, nodes, flows")]
        )
    problems: list[Problem] = []
    nodes: list[Node] = []
    flows: list[SequenceFlow] = []
    salvage = _Salvage()
    raw_nodes = data.get("nodes")
    raw_flows = data.get("flows")
    for key, raw in (("nodes", raw_nodes), ("flows", raw_flows)):
        if not isinstance(raw, list) or not raw:
            problems.append(Problem("definition", key, f"'{key}' must be a non-empty list"))
    for index, raw in enumerate(raw_nodes if isinstance(raw_nodes, list) else []):
        where = _element_name("node", index, raw)
        try:
            nodes.append(_NODE.validate_python(raw))
        except ValidationError as exc:
            problems.extend(_pydantic_problems(where, exc))
            salvage.add_node(raw)
    for index, raw in enumerate(raw_flows if isinstance(raw_flows, list) else []):
        where = _element_name("flow", index, raw)
        try:
            flows.append(_FLOW.validate_python(raw))
        except ValidationError as exc:
            problems.extend(_pydantic_problems(where, exc))
            salvage.add_flow(raw)
    header = {k: v for k, v in data.items() if k not in ("nodes", "flows")}
    definition: ProcessDefinition | None = None
    try:
        definition = ProcessDefinition.model_validate(
            {
                **header,
                "nodes": [n.model_dump(by_alias=True) for n in nodes],
                "flows": [f.model_dump(by_alias=True) for f in flows],
            }
        )
    except ValidationError as exc:
        problems.extend(_pydantic_problems("definition", exc))
    if definition is not None:
        problems.extend(check(definition, salvage))
    if problems:
        raise DefinitionError(sorted(set(problems)))
    assert definition is not None
    return definition


def check(definition: ProcessDefinition, salvage: _Salvage | None = None) -> list[Problem]:
    """Semantic checks over a parsed definition (``salvage``: what the elements
    that failed to parse still say, so they do not cause follow-on problems)."""
    salvage = salvage or _Salvage()
    problems: list[Problem] = []
    problems += _check_ids(definition, salvage)
    node_ids = {n.id for n in definition.nodes} | set(salvage.node_types)
    problems += _check_flow_refs(definition, node_ids)
    known_variables = _known_variables(definition) | salvage.variables
    for node in definition.nodes:
        problems += _check_node(definition, node, node_ids, salvage)
    problems += _check_conditions(definition, known_variables)
    problems += _check_defaults(definition)
    problems += _check_reachability(definition, salvage)
    problems += _check_wait_free_loops(definition)
    return problems


def _check_ids(definition: ProcessDefinition, salvage: _Salvage) -> list[Problem]:
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


def _check_flow_refs(definition: ProcessDefinition, node_ids: set[str]) -> list[Problem]:
    problems = []
    for flow in definition.flows:
        for field, ref in (("sourceRef", flow.source), ("targetRef", flow.target)):
            if ref not in node_ids:
                problems.append(Problem(f"flow '{flow.id}'", field, f"unknown node '{ref}'"))
    return problems


def _timer_problems(
    where: str, timer: TimerEventDefinition, interrupting: bool, boundary: bool = True
) -> list[Problem]:
    field = "timerEventDefinition"
    if (timer.time_duration is None) == (timer.time_cycle is None):
        return [Problem(where, field, "set exactly one of timeDuration or timeCycle")]
    try:
        if timer.time_duration is not None:
            parse_duration(timer.time_duration)
        elif timer.time_cycle is not None:
            if not boundary:
                message = "an intermediateCatchEvent waits once; use timeDuration, not timeCycle"
                return [Problem(where, field, message)]
            if interrupting:
                message = (
                    "timeCycle needs cancelActivity: false (a repeating timer cannot interrupt)"
                )
                return [Problem(where, field, message)]
            parse_cycle(timer.time_cycle)
    except DurationError as exc:
        return [Problem(where, field, str(exc))]
    return []


def _duration_problem(where: str, field: str, text: str | None) -> list[Problem]:
    if text is None:
        return []
    try:
        parse_duration(text)
    except DurationError as exc:
        return [Problem(where, field, str(exc))]
    return []


def _check_node(
    definition: ProcessDefinition, node: Node, node_ids: set[str], salvage: _Salvage
) -> list[Problem]:
    where = f"node '{node.id}'"
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
        if incoming:
            problems.append(
                Problem(where, "incoming", "a boundaryEvent cannot have incoming flows")
            )
        if len(outgoing) != 1:
            problems.append(
                Problem(where, "outgoing", "a boundaryEvent needs exactly one outgoing flow")
            )
        problems += _timer_problems(where, node.timer, node.cancel_activity)
    elif isinstance(node, ExclusiveGateway):
        problems += _check_exclusive(where, node, outgoing, salvage.flow_ids)
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
    else:
        if len(outgoing) != 1:
            problems.append(
                Problem(
                    where, "outgoing", "needs exactly one outgoing flow (use a gateway to branch)"
                )
            )
    if isinstance(node, ServiceTask):
        problems += _check_service(where, node)
    elif isinstance(node, UserTask):
        problems += _check_user_task(where, node)
    elif isinstance(node, CallActivity):
        spec = CALLABLES.get(node.called_element)
        if spec is None:
            problems.append(
                Problem(
                    where,
                    "calledElement",
                    f"unknown process '{node.called_element}' "
                    f"(known: {', '.join(sorted(CALLABLES))})",
                )
            )
        else:
            missing = sorted(spec.required_parameters - set(node.parameters))
            for name in missing:
                problems.append(
                    Problem(where, "parameters", f"missing required parameter '{name}'")
                )
            for name in sorted(set(node.outputs) - spec.outputs):
                problems.append(
                    Problem(where, "outputs", f"'{node.called_element}' has no output '{name}'")
                )
            if not missing and node.called_element == "AIInterview":
                problems += [Problem(where, f, m) for f, m in settings_problems(node.parameters)]
    elif isinstance(node, IntermediateCatchEvent):
        problems += _timer_problems(where, node.timer, interrupting=True, boundary=False)
    return problems


def _check_exclusive(
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
                    f"flow '{flow.id}'",
                    "conditionExpression",
                    "the default flow takes no condition",
                )
            )
        if flow.id != node.default and not flow.condition:
            problems.append(
                Problem(
                    f"flow '{flow.id}'",
                    "conditionExpression",
                    "a non-default flow out of an exclusiveGateway needs a condition",
                )
            )
    return problems


def _check_service(where: str, node: ServiceTask) -> list[Problem]:
    problems = _duration_problem(where, "timeout", node.timeout)
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
    for name in sorted(set(node.outputs) - spec.outputs):
        problems.append(Problem(where, "outputs", f"'{node.activity}' has no output '{name}'"))
    return problems


def _check_user_task(where: str, node: UserTask) -> list[Problem]:
    problems = _duration_problem(where, "dueDuration", node.due_duration)
    if not node.form.fields:
        problems.append(Problem(where, "form", "a userTask needs at least one form field"))
    ids = [f.id for f in node.form.fields]
    for name in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(Problem(where, "form", f"duplicate form field '{name}'"))
    for field in node.form.fields:
        if field.type == "enum" and not field.enum:
            problems.append(
                Problem(where, f"form.{field.id}", "an enum field needs a list of values")
            )
    for name in sorted(set(node.outputs) - set(ids)):
        problems.append(Problem(where, "outputs", f"no form field '{name}' to map"))
    return problems


def _known_variables(definition: ProcessDefinition) -> set[str]:
    names = set(definition.variables)
    for node in definition.nodes:
        if isinstance(node, ServiceTask | CallActivity):
            names |= set(node.outputs.values())
        elif isinstance(node, UserTask):
            names |= {node.outputs.get(f.id, f.id) for f in node.form.fields}
    return names


def _check_conditions(definition: ProcessDefinition, known: set[str]) -> list[Problem]:
    problems = []
    gateways = {n.id for n in definition.nodes if isinstance(n, ExclusiveGateway)}
    for flow in definition.flows:
        if flow.condition is None:
            continue
        where = f"flow '{flow.id}'"
        if flow.source not in gateways:
            problems.append(
                Problem(
                    where,
                    "conditionExpression",
                    "only flows out of an exclusiveGateway take conditions",
                )
            )
            continue
        try:
            names = expressions.identifiers(flow.condition)
        except expressions.ExpressionError as exc:
            problems.append(Problem(where, "conditionExpression", str(exc)))
            continue
        for name in sorted(names - known):
            problems.append(
                Problem(
                    where,
                    "conditionExpression",
                    f"unknown variable '{name}' (not declared, not set by any task)",
                )
            )
    for node in definition.nodes:
        if isinstance(node, ServiceTask):
            for name in sorted(set(node.inputs.values()) - known):
                problems.append(
                    Problem(f"node '{node.id}'", "inputs", f"unknown variable '{name}'")
                )
    return problems


_DEFAULT_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "boolean": (bool,),
    "integer": (int,),
    "number": (int, float),
}


def _check_defaults(definition: ProcessDefinition) -> list[Problem]:
    """A default names a declared variable and has the declared type."""
    problems = []
    for name, value in sorted(definition.defaults.items()):
        declared = definition.variables.get(name)
        if declared is None:
            problems.append(Problem("definition", f"defaults.{name}", "not a declared variable"))
            continue
        types = _DEFAULT_TYPES.get(declared)
        fits = types is not None and isinstance(value, types)
        if not fits or (declared != "boolean" and isinstance(value, bool)):
            problems.append(
                Problem("definition", f"defaults.{name}", f"must be a {declared} value")
            )
    return problems


def _successors(definition: ProcessDefinition) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = defaultdict(set)
    for flow in definition.flows:
        graph[flow.source].add(flow.target)
    for node in definition.nodes:
        if isinstance(node, BoundaryEvent):
            graph[node.attached_to].add(node.id)
    return graph


def _check_reachability(definition: ProcessDefinition, salvage: _Salvage) -> list[Problem]:
    starts = [n.id for n in definition.nodes if isinstance(n, StartEvent)]
    if not starts:
        return []
    graph = _successors(definition)
    for source, target in salvage.edges:
        graph[source].add(target)
    seen = set(starts)
    todo = list(starts)
    while todo:
        for nxt in graph[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return [
        Problem(f"node '{n.id}'", "-", "unreachable from the startEvent")
        for n in definition.nodes
        if n.id not in seen
    ]


def _check_wait_free_loops(definition: ProcessDefinition) -> list[Problem]:
    """A cycle made only of nodes that never wait would spin forever. Boundary
    events count as waits: they are timers, so a loop through one (retry after
    a timeout) waits on every turn."""
    waits = WAIT_NODE_TYPES | {"boundaryEvent"}
    busy = {n.id for n in definition.nodes if n.type not in waits}
    graph = {
        k: {t for t in v if t in busy} for k, v in _successors(definition).items() if k in busy
    }
    return [
        Problem(
            f"node '{min(component)}'",
            "-",
            f"loop without a wait state: {' -> '.join(sorted(component))}; "
            "add a userTask or timer to the loop",
        )
        for component in _cycles(graph)
    ]


def _cycles(graph: dict[str, set[str]]) -> Iterable[set[str]]:
    """Strongly connected components that contain a cycle (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1 or v in graph.get(v, ()):
                found.append(component)

    for vertex in sorted(graph):
        if vertex not in index:
            visit(vertex)
    return found
