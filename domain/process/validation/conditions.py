"""Gateway conditions: where they may stand, what they read, and whether they can hold."""

from domain.process import expressions
from domain.process.definition import ExclusiveGateway, ProcessDefinition, ServiceTask
from domain.process.validation.cel_types import type_problems
from domain.process.validation.problems import Problem, flow_at, node_at
from domain.process.validation.variables import VarType

_FIELD = "conditionExpression"


def condition_problems(
    definition: ProcessDefinition, known: set[str], types: dict[str, VarType]
) -> list[Problem]:
    """Each condition sits on a flow out of an exclusive gateway, is valid CEL,
    reads only variables something declares or sets, and can hold for some
    value of them; each service input names a variable that exists."""
    problems = []
    gateways = {n.id for n in definition.nodes if isinstance(n, ExclusiveGateway)}
    for flow in definition.flows:
        if flow.condition is None:
            continue
        where = flow_at(flow.id)
        if flow.source not in gateways:
            message = "only flows out of an exclusiveGateway take conditions"
            problems.append(Problem(where, _FIELD, message))
            continue
        try:
            names = expressions.identifiers(flow.condition)
        except expressions.ExpressionError as exc:
            problems.append(Problem(where, _FIELD, str(exc)))
            continue
        for name in sorted(names - known):
            message = f"unknown variable '{name}' (not declared, not set by any task)"
            problems.append(Problem(where, _FIELD, message))
        problems += [Problem(where, _FIELD, m) for m in type_problems(flow.condition, types)]
    for node in definition.nodes:
        if isinstance(node, ServiceTask):
            for name in sorted(set(node.inputs.values()) - known):
                problems.append(Problem(node_at(node.id), "inputs", f"unknown variable '{name}'"))
    return problems
