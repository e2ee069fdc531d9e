"""Parsing a definition document element by element, then checking what parsed.

Parsing is done node by node so one malformed node does not hide problems in
the others; the semantic checks (``checks.check``) then run over whatever
parsed, told by the ``Salvage`` what the malformed elements still say.
"""

from typing import Any

from pydantic import TypeAdapter, ValidationError

from domain.process.definition import Node, ProcessDefinition, SequenceFlow
from domain.process.validation.checks import check
from domain.process.validation.problems import DefinitionError, Problem
from domain.process.validation.salvage import Salvage

_NODE = TypeAdapter(Node)
_FLOW = TypeAdapter(SequenceFlow)

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
    salvage = Salvage()
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
