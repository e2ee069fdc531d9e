"""The process-definition model HR edits, in BPMN vocabulary.

A definition is a graph of nodes (events, tasks, gateways) joined by sequence
flows. It is plain data: parsing checks shapes and types here; the semantic
checks (reachability, gateway defaults, CEL, loops) live in
``domain.process.validation`` so that every problem is reported at once.
"""

import hashlib
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from domain.process.stages import Outcome, Stage

Identifier = Annotated[str, Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$", max_length=64)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class TimerEventDefinition(_Model):
    """Exactly one of ``timeDuration`` (fire once) or ``timeCycle`` (repeat)."""

    time_duration: str | None = Field(default=None, alias="timeDuration")
    time_cycle: str | None = Field(default=None, alias="timeCycle")


FieldType = Literal["string", "integer", "number", "boolean", "enum"]


class FormField(_Model):
    """One input of a human task's form; its value becomes a process variable."""

    id: Identifier
    type: FieldType
    label: str = ""
    required: bool = True
    enum: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    max_length: int = Field(default=200, alias="maxLength", gt=0, le=2000)


class Form(_Model):
    fields: tuple[FormField, ...] = ()


class _Node(_Model):
    id: Identifier
    name: str = ""
    stage: Stage


class StartEvent(_Node):
    type: Literal["startEvent"]


class EndEvent(_Node):
    """With an outcome it ends the whole process (BPMN terminate end event);
    without one it ends only the path that reached it."""

    type: Literal["endEvent"]
    outcome: Outcome | None = None


class ServiceTask(_Node):
    """Runs a catalogue activity. ``inputs`` maps activity inputs to process
    variables; ``outputs`` maps activity outputs to process variables;
    ``parameters`` are static settings from the definition (keywords, weights)."""

    type: Literal["serviceTask"]
    activity: str
    parameters: dict[str, Any] = Field(default_factory=dict)
    inputs: dict[str, str] = Field(default_factory=dict)
    outputs: dict[str, str] = Field(default_factory=dict)
    timeout: str = "PT1M"


class UserTask(_Node):
    """A human step, completed through a Temporal Update by someone with ``role``.
    Form values become variables named by ``outputs`` (default: the field id)."""

    type: Literal["userTask"]
    role: Identifier
    form: Form
    due_duration: str | None = Field(default=None, alias="dueDuration")
    outputs: dict[str, str] = Field(default_factory=dict)


class CallActivity(_Node):
    """Runs a child workflow (``calledElement``) and maps its result to variables."""

    type: Literal["callActivity"]
    called_element: str = Field(alias="calledElement")
    parameters: dict[str, Any] = Field(default_factory=dict)
    outputs: dict[str, str] = Field(default_factory=dict)


class ExclusiveGateway(_Node):
    """Takes the first outgoing flow whose CEL condition holds, else ``default``."""

    type: Literal["exclusiveGateway"]
    default: str | None = None


class ParallelGateway(_Node):
    """Forks (one in, many out) or joins (many in, one out) concurrent paths."""

    type: Literal["parallelGateway"]


class IntermediateCatchEvent(_Node):
    """A timer the process waits on, e.g. a 90-day probation."""

    type: Literal["intermediateCatchEvent"]
    timer: TimerEventDefinition = Field(alias="timerEventDefinition")


class BoundaryEvent(_Node):
    """A timer attached to a task. Interrupting (``cancelActivity: true``) ends
    the task and leaves through this event; non-interrupting starts a side
    path (a reminder) while the task stays open."""

    type: Literal["boundaryEvent"]
    attached_to: str = Field(alias="attachedToRef")
    cancel_activity: bool = Field(default=True, alias="cancelActivity")
    timer: TimerEventDefinition = Field(alias="timerEventDefinition")


Node = Annotated[
    StartEvent
    | EndEvent
    | ServiceTask
    | UserTask
    | CallActivity
    | ExclusiveGateway
    | ParallelGateway
    | IntermediateCatchEvent
    | BoundaryEvent,
    Field(discriminator="type"),
]

WAIT_NODE_TYPES = frozenset({"userTask", "intermediateCatchEvent", "callActivity"})


class SequenceFlow(_Model):
    id: Identifier
    source: str = Field(alias="sourceRef")
    target: str = Field(alias="targetRef")
    condition: str | None = Field(default=None, alias="conditionExpression")


class ProcessDefinition(_Model):
    """A whole definition as HR wrote it; ``version`` is assigned at deployment."""

    id: Identifier
    name: str
    description: str = ""
    version: int = 0
    variables: dict[
        Identifier, Literal["string", "integer", "number", "boolean", "list", "map"]
    ] = Field(default_factory=dict)
    defaults: dict[Identifier, str | bool | int | float] = Field(default_factory=dict)
    """Initial values of declared variables for instances started without them,
    so a gateway can read a flag (``prescreened``) that most starts never set
    instead of opening an incident over an unset variable."""
    nodes: tuple[Node, ...]
    flows: tuple[SequenceFlow, ...]

    def node(self, node_id: str) -> Node:
        for node in self.nodes:
            if node.id == node_id:
                return node
        raise KeyError(node_id)

    def outgoing(self, node_id: str) -> list[SequenceFlow]:
        return [flow for flow in self.flows if flow.source == node_id]

    def incoming(self, node_id: str) -> list[SequenceFlow]:
        return [flow for flow in self.flows if flow.target == node_id]

    def boundaries(self, node_id: str) -> list[BoundaryEvent]:
        return [n for n in self.nodes if isinstance(n, BoundaryEvent) and n.attached_to == node_id]

    def start(self) -> StartEvent:
        return next(n for n in self.nodes if isinstance(n, StartEvent))


def content_hash(text: str) -> str:
    """Versions are per content hash of the source: the same file deploys to the
    same version."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
