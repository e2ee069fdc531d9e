"""The messages exchanged by clients, workflows and activities.

Pydantic models, serialised by temporalio's pydantic data converter. They
carry pseudonymous ids and document hashes, never raw PII, because Temporal
stores every payload in its history in plain text.
"""

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from domain.process.definition import Form, ProcessDefinition
from domain.record.events import Actor, EventDraft
from domain.record.keys import event_key


class Token(BaseModel):
    """A path of execution through the definition (BPMN token)."""

    id: str
    node: str
    entered_at: datetime
    cycles_fired: dict[str, int] = Field(default_factory=dict)
    overdue_emitted: bool = False


class OpenTask(BaseModel):
    """A human step waiting for someone with ``role`` to submit ``form``."""

    node: str
    role: str
    form: Form
    created_at: datetime
    due_at: datetime | None = None
    kind: Literal["user", "incident"] = "user"


class Snapshot(BaseModel):
    """Interpreter state carried across continue-as-new."""

    tokens: list[Token]
    token_counter: int
    event_counter: int
    call_counter: int
    variables: dict[str, Any]
    stage: str | None
    stages: list[str]
    open_tasks: dict[str, OpenTask]
    joins: dict[str, int]


LIFECYCLE_WORKFLOW = "CandidateLifecycle"
"""The lifecycle's workflow type, so activities can start one without importing workflows."""


def workflow_id(candidate_id: str) -> str:
    """A candidate's lifecycle id: pseudonymous, so Temporal never sees PII."""
    return f"candidate-{candidate_id}"


class LifecycleInput(BaseModel):
    candidate_id: str
    definition: ProcessDefinition
    variables: dict[str, Any] = Field(default_factory=dict)
    time_scale: float = Field(default=1.0, gt=0)
    continue_as_new_after: int = Field(default=4000, ge=20)
    snapshot: Snapshot | None = None


class LifecycleResult(BaseModel):
    candidate_id: str
    outcome: str | None
    stages: list[str]


class TaskCompletion(BaseModel):
    node: str
    actor: Actor
    values: dict[str, Any]


class TaskReceipt(BaseModel):
    node: str
    accepted_at: datetime


class Withdrawal(BaseModel):
    actor: Actor
    reason: Literal["candidate_request", "duplicate_application", "position_closed", "other"]


class ServiceRequest(BaseModel):
    candidate_id: str
    node: str
    activity: str
    parameters: dict[str, Any]
    inputs: dict[str, Any]
    key: str


class ServiceResult(BaseModel):
    outputs: dict[str, Any]
    model_version: str | None = None
    input_hash: str


class BatchedEvent(BaseModel):
    """One event of a batch: only what differs from its neighbours."""

    n: int
    type: str
    payload: dict[str, Any]
    actor: Actor | None = None
    occurred_at: datetime


class EventBatch(BaseModel):
    """Events of one workflow run, with their shared fields sent once.

    Every batch crosses Temporal (and is stored in its history), so the
    fields common to all its events are not repeated per event.
    """

    stream: str
    definition_id: str
    definition_version: int
    workflow_id: str
    run_id: str
    events: list[BatchedEvent]

    def drafts(self) -> list[EventDraft]:
        return [
            EventDraft(
                key=event_key(self.workflow_id, event.n),
                stream=self.stream,
                type=event.type,
                payload=event.payload,
                actor=event.actor or Actor(),
                definition_id=self.definition_id,
                definition_version=self.definition_version,
                workflow_id=self.workflow_id,
                run_id=self.run_id,
                occurred_at=event.occurred_at,
            )
            for event in self.events
        ]
