"""The definition as a graph: every node reachable, no loop that spins without
waiting, and no loop the process can never leave."""

from collections import defaultdict
from collections.abc import Iterable

from domain.process.definition import WAIT_NODE_TYPES, BoundaryEvent, EndEvent, ProcessDefinition
from domain.process.validation.problems import Problem, flow_at, node_at
from domain.process.validation.salvage import Salvage


def successors(
    definition: ProcessDefinition, salvage: Salvage | None = None
) -> dict[str, set[str]]:
    """Where a token can go next from each node: its flows, and from a task
    to the boundary events attached to it (plus what malformed elements say)."""
    graph: dict[str, set[str]] = defaultdict(set)
    for flow in definition.flows:
        graph[flow.source].add(flow.target)
    for node in definition.nodes:
        if isinstance(node, BoundaryEvent):
            graph[node.attached_to].add(node.id)
    for source, target in salvage.edges if salvage else ():
        graph[source].add(target)
    return graph


def _reach(graph: dict[str, set[str]], starts: Iterable[str]) -> set[str]:
    seen = set(starts)
    todo = list(seen)
    while todo:
        for nxt in graph.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def reachability_problems(definition: ProcessDefinition, salvage: Salvage) -> list[Problem]:
    starts = [n.id for n in definition.nodes if n.type == "startEvent"]
    if not starts:
        return []
    seen = _reach(successors(definition, salvage), starts)
    return [
        Problem(node_at(n.id), "-", "unreachable from the startEvent")
        for n in definition.nodes
        if n.id not in seen
    ]


def _self_loops(definition: ProcessDefinition, component: set[str]) -> list[str]:
    """The flows that lead a one-node loop straight back onto its node."""
    if len(component) != 1:
        return []
    (node,) = component
    return [f.id for f in definition.flows if f.source == node == f.target]


def wait_free_loop_problems(definition: ProcessDefinition) -> list[Problem]:
    """A cycle made only of nodes that never wait would spin forever. Boundary
    events count as waits: they are timers, so a loop through one (retry after
    a timeout) waits on every turn. A flow from a node straight back onto
    itself is the element at fault, so it is named rather than the node."""
    waits = WAIT_NODE_TYPES | {"boundaryEvent"}
    busy = {n.id for n in definition.nodes if n.type not in waits}
    graph = {k: {t for t in v if t in busy} for k, v in successors(definition).items() if k in busy}
    problems = []
    for component in cycles(graph):
        node = min(component)
        for flow in _self_loops(definition, component):
            message = f"loops '{node}' back onto itself without a wait state, so it spins forever"
            problems.append(Problem(flow_at(flow), "targetRef", message))
        if len(component) > 1:
            problems.append(
                Problem(
                    node_at(node),
                    "-",
                    f"loop without a wait state: {' -> '.join(sorted(component))}; "
                    "add a userTask or timer to the loop",
                )
            )
    return problems


def closed_loop_problems(definition: ProcessDefinition, salvage: Salvage) -> list[Problem]:
    """A loop with no way out to an endEvent: the process can never finish.
    Loops of nodes that never wait are left to ``wait_free_loop_problems``,
    and nodes that merely lead into a dead end are reported where it is."""
    graph = successors(definition, salvage)
    reverse: dict[str, set[str]] = defaultdict(set)
    for source, targets in graph.items():
        for target in targets:
            reverse[target].add(source)
    ends = {n.id for n in definition.nodes if isinstance(n, EndEvent)}
    can_finish = _reach(reverse, ends | set(salvage.node_types))
    starts = [n.id for n in definition.nodes if n.type == "startEvent"]
    stuck = _reach(graph, starts) - can_finish
    waits = WAIT_NODE_TYPES | {"boundaryEvent"}
    waiting = {n.id for n in definition.nodes if n.type in waits}
    problems = []
    for component in cycles({n: graph[n] & stuck for n in stuck}):
        closed = all(graph[n] <= component for n in component)
        if not closed or not component & waiting:
            continue
        for flow in _self_loops(definition, component):
            message = (
                f"loops '{min(component)}' back onto itself with no other way out, "
                "so the process can never finish"
            )
            problems.append(Problem(flow_at(flow), "targetRef", message))
        if len(component) > 1:
            problems.append(
                Problem(
                    node_at(min(component)),
                    "-",
                    f"the loop {' -> '.join(sorted(component))} has no way out to an endEvent, "
                    "so the process can never finish",
                )
            )
    return problems


def cycles(graph: dict[str, set[str]]) -> Iterable[set[str]]:
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
        for w in sorted(graph.get(v, ())):
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
