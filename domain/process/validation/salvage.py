"""What elements that failed to parse still say, so they cause no follow-on problems."""

import dataclasses
from dataclasses import dataclass
from typing import Any


@dataclass
class Salvage:
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
