"""Parallel joins checked against the forks that feed them.

The interpreter's join waits until as many tokens have arrived as it has
incoming flows. So every incoming flow must be taken once whenever the join
is reached: each must come down its own branch of one ``parallelGateway``
fork, and nothing on that branch (an exclusive choice, an interrupting
timer, an end event that ends only the path) may lead the branch's token
away from it. Otherwise the join waits forever and the candidate is stuck.
Ending the whole process (an end event with an outcome) on the way is fine:
nothing is left waiting.

The check is structural and conservative in one way: a join fed by the
branches of a second fork nested inside a first is reported; fork once
and give each branch its own incoming flow (or join the inner fork first).
"""

from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass

from domain.process.definition import (
    BoundaryEvent,
    EndEvent,
    ExclusiveGateway,
    Node,
    ParallelGateway,
    ProcessDefinition,
    SequenceFlow,
    StartEvent,
)
from domain.process.validation.problems import Problem, node_at, quoted
from domain.process.validation.salvage import Salvage

_WAITS = "so the join would wait forever"


@dataclass(frozen=True)
class _Origin:
    """Where a join's incoming flow begins: a fork's branch (``fork``, ``branch``),
    or ``start`` (no fork), ``loop`` (round from after the join), ``unknown``."""

    kind: str
    fork: str = ""
    branch: str = ""


_START, _LOOP, _UNKNOWN = _Origin("start"), _Origin("loop"), _Origin("unknown")


@dataclass
class _Trace:
    origins: set[_Origin]
    # exclusive gateways passed on the way back -> (fewest steps, flows taken out of it)
    choices: dict[str, tuple[int, set[str]]]


class _Joins:
    def __init__(self, definition: ProcessDefinition, salvage: Salvage):
        self.nodes: dict[str, Node] = {n.id: n for n in definition.nodes}
        self.flows = {f.id: f for f in definition.flows}
        self.incoming: dict[str, list[SequenceFlow]] = defaultdict(list)
        self.outgoing: dict[str, list[SequenceFlow]] = defaultdict(list)
        for flow in definition.flows:
            self.incoming[flow.target].append(flow)
            self.outgoing[flow.source].append(flow)
        self.interrupting: dict[str, list[BoundaryEvent]] = defaultdict(list)
        for node in definition.nodes:
            if isinstance(node, BoundaryEvent) and node.cancel_activity:
                self.interrupting[node.attached_to].append(node)
        self.unsure = {target for _, target in salvage.edges}  # fed by malformed elements
        self.forks: dict[str, str | None] = {}  # join -> the fork it closes, once checked
        self.in_progress: set[str] = set()
        self.problems: list[Problem] = []

    def is_fork(self, node: Node) -> bool:
        return isinstance(node, ParallelGateway) and (
            len(self.incoming[node.id]) == 1 and len(self.outgoing[node.id]) >= 2
        )

    def is_join(self, node: Node) -> bool:
        return isinstance(node, ParallelGateway) and (
            len(self.incoming[node.id]) >= 2 and len(self.outgoing[node.id]) == 1
        )

    def fork_of(self, join: str) -> str | None:
        """The fork a sound join closes (None when it is not sound), checking
        it once and keeping its problems."""
        if join in self.forks or join in self.in_progress:
            return self.forks.get(join)
        self.in_progress.add(join)
        fork, problems = self._check(join)
        self.in_progress.discard(join)
        self.forks[join] = fork
        self.problems += problems
        return fork

    def _trace(self, join: str, flow: SequenceFlow) -> _Trace:
        """Walk back from an incoming flow to the forks it comes from, jumping
        over an inner fork-join pair as one step."""
        trace = _Trace(set(), {})
        seen: set[str] = set()
        queue = deque([(flow.source, flow.id, 0)])
        while queue:
            node_id, via, steps = queue.popleft()
            node = self.nodes.get(node_id)
            if node is None or node_id in self.unsure:
                trace.origins.add(_UNKNOWN)
            elif node_id == join:
                trace.origins.add(_LOOP)
            elif self.is_fork(node):
                trace.origins.add(_Origin("fork", node_id, via))
            elif node_id in seen:
                if node_id in trace.choices:
                    trace.choices[node_id][1].add(via)
                continue
            elif isinstance(node, StartEvent):
                trace.origins.add(_START)
            elif isinstance(node, ParallelGateway):
                inner = self.fork_of(node_id) if self.is_join(node) else None
                if inner is None:
                    trace.origins.add(_UNKNOWN)  # reported at that gateway
                else:
                    queue += [(f.source, f.id, steps + 1) for f in self.incoming[inner]]
            else:
                if isinstance(node, ExclusiveGateway):
                    trace.choices.setdefault(node_id, (steps, set()))[1].add(via)
                back = [(f.source, f.id, steps + 1) for f in self.incoming[node_id]]
                if isinstance(node, BoundaryEvent):
                    back.append((node.attached_to, node_id, steps + 1))
                if not back:
                    trace.origins.add(_UNKNOWN)  # unreachable, reported as such
                queue += back
            seen.add(node_id)
        return trace

    def _check(self, join: str) -> tuple[str | None, list[Problem]]:
        flows = sorted(self.incoming[join], key=lambda f: f.id)
        traces = {f.id: self._trace(join, f) for f in flows}
        if any(_UNKNOWN in t.origins or not t.origins for t in traces.values()):
            return None, []  # fed by malformed or unreachable elements, reported as such
        split = self._split(traces)
        if split:
            return None, [Problem(node_at(join), "incoming", split)]
        fork = next(o.fork for t in traces.values() for o in t.origins)
        problems = []
        for flow in flows:
            (origin,) = traces[flow.id].origins
            away = self._leads_away(join, flow.id, self.flows[origin.branch])
            if away:
                message = (
                    f"flow '{flow.id}' may never be taken: on branch '{origin.branch}' of fork "
                    f"'{fork}', {away}, {_WAITS}"
                )
                problems.append(Problem(node_at(join), "incoming", message))
        return (None, problems) if problems else (fork, [])

    def _split(self, traces: dict[str, _Trace]) -> str:
        """Why the incoming flows do not come down separate branches of one
        fork, or "" when they do."""
        choice = self._common_choice(traces)
        if choice:
            flows = [f for f, t in traces.items() if choice in t.choices]
            return (
                f"its incoming flows {quoted(flows)} come out of exclusiveGateway '{choice}', "
                f"which takes only one of them, {_WAITS}"
            )
        for flow, trace in traces.items():
            if _LOOP in trace.origins:
                return (
                    f"flow '{flow}' is also reached again from after the join: a second "
                    f"pass arrives on only some of its incoming flows, {_WAITS}"
                )
        for flow, trace in traces.items():
            if _START in trace.origins:
                others = set(traces) - {flow}
                return (
                    f"flow '{flow}' does not come from a parallelGateway fork: nothing makes "
                    f"it run together with {quoted(others)}, {_WAITS}"
                )
        forks = {o.fork for t in traces.values() for o in t.origins}
        if len(forks) > 1:
            each = ", ".join(
                f"'{f}' from {quoted({o.fork for o in t.origins})}" for f, t in traces.items()
            )
            return (
                f"its incoming flows come from different forks ({each}); a join waits for "
                "every incoming flow, so they must be the branches of one parallelGateway fork"
            )
        for flow, trace in traces.items():
            if len(trace.origins) > 1:
                branches = quoted({o.branch for o in trace.origins})
                return (
                    f"flow '{flow}' is reached from several branches ({branches}), so it can "
                    "arrive more than once and the join would go on before every branch arrived"
                )
        by_branch: dict[str, list[str]] = defaultdict(list)
        for flow, trace in traces.items():
            by_branch[next(iter(trace.origins)).branch].append(flow)
        for branch, shared in sorted(by_branch.items()):
            if len(shared) > 1:
                return (
                    f"flows {quoted(shared)} both come down branch '{branch}', whose token "
                    f"arrives only once, {_WAITS}"
                )
        return ""

    @staticmethod
    def _common_choice(traces: dict[str, _Trace]) -> str:
        """The nearest exclusive gateway that two or more incoming flows leave
        through different outgoing flows (so only one of them is taken)."""
        best: tuple[int, str] | None = None
        for choice in {c for t in traces.values() for c in t.choices}:
            passing = [t.choices[choice] for t in traces.values() if choice in t.choices]
            leaving = {flow for _, flows in passing for flow in flows}
            steps = max(n for n, _ in passing)
            if len(passing) > 1 and len(leaving) > 1 and (best is None or (steps, choice) < best):
                best = (steps, choice)
        return best[1] if best else ""

    def _leads_away(self, join: str, target: str, branch: SequenceFlow) -> str:
        """What can lead a fork branch's token away before it takes ``target``
        (an incoming flow of ``join``), or "" when it always gets there. Loops
        are assumed to be left eventually (the greatest fixed point)."""
        arrives = dict.fromkeys(self.nodes, True)

        def taken(flow: SequenceFlow) -> bool:
            if flow.id == target:
                return True
            return flow.target != join and arrives.get(flow.target, True)

        def holds(node: Node) -> bool:
            outs = [taken(f) for f in self.outgoing[node.id]]
            if isinstance(node, EndEvent):
                return node.outcome is not None  # a terminate end leaves nothing waiting
            if isinstance(node, ParallelGateway):
                return any(outs) or not outs
            timers = [arrives[b.id] for b in self.interrupting[node.id]]
            return all(outs) and all(timers)

        changed = True
        while changed:
            changed = False
            for node_id, node in self.nodes.items():
                if arrives[node_id] and not holds(node):
                    arrives[node_id], changed = False, True
        if taken(branch):
            return ""
        return self._culprit(join, target, branch.target, arrives, taken)

    def _culprit(
        self,
        join: str,
        target: str,
        start: str,
        arrives: dict[str, bool],
        taken: Callable[[SequenceFlow], bool],
    ) -> str:
        """The first element on the branch that can lead its token away."""
        seen, queue = {start}, deque([start])
        while queue:
            node = self.nodes[queue.popleft()]
            outgoing = self.outgoing[node.id]
            astray = [f for f in outgoing if not taken(f)]
            timers = [b for b in self.interrupting[node.id] if not arrives[b.id]]
            if isinstance(node, ExclusiveGateway) and astray:
                return f"exclusiveGateway '{node.id}' can take flow '{astray[0].id}' instead"
            if timers:
                return f"boundaryEvent '{timers[0].id}' can interrupt '{node.id}'"
            if isinstance(node, EndEvent):
                return f"the path can end at endEvent '{node.id}' (it has no outcome)"
            other = [f for f in outgoing if f.target == join and f.id != target]
            if other:
                return f"the token can reach the join through flow '{other[0].id}' instead"
            for nxt in [f.target for f in astray] + [b.id for b in timers]:
                if nxt not in seen:
                    seen.add(nxt)
                    queue.append(nxt)
        # A branch that misses the join became so at a node with one of the reasons above.
        raise AssertionError(f"no reason found on branch from '{start}'")


def join_problems(definition: ProcessDefinition, salvage: Salvage) -> list[Problem]:
    """Every parallel join whose incoming flows cannot all be taken in one instance."""
    joins = _Joins(definition, salvage)
    for node in definition.nodes:
        if joins.is_join(node):
            joins.fork_of(node.id)
    return joins.problems
