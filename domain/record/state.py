"""A candidate's state as a pure fold over ledger events.

Compliance rebuilds any candidate at any instant from the ledger alone with
``fold``; the lifecycle workflow keeps the same ``CandidateState`` from its own
interpreter and exposes it through a query. Tests compare the two for every
candidate: an event lost, duplicated or mis-recorded shows up as a difference.
"""

from collections.abc import Iterable
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from domain.record.events import EventDraft, as_utc

Status = Literal["not_started", "running", "completed"]


class CandidateState(BaseModel):
    candidate_id: str
    definition_id: str | None = None
    definition_version: int | None = None
    status: Status = "not_started"
    outcome: str | None = None
    stage: str | None = None
    stages: list[str] = Field(default_factory=list)
    tokens: dict[str, str] = Field(default_factory=dict)
    open_tasks: list[str] = Field(default_factory=list)
    variables: dict[str, Any] = Field(default_factory=dict)


def apply(state: CandidateState, event: EventDraft) -> CandidateState:
    """Apply one event; events of kinds the fold does not track leave state as is."""
    payload = event.payload
    kind = event.type
    new = state.model_copy(deep=True)
    if kind == "process.started":
        new.definition_id = event.definition_id
        new.definition_version = event.definition_version
        new.status = "running"
    elif kind == "stage.entered":
        new.stage = payload["stage"]
        new.stages.append(payload["stage"])
    elif kind == "node.entered":
        new.tokens[payload["token"]] = payload["node"]
    elif kind == "token.ended":
        new.tokens.pop(payload["token"], None)
    elif kind == "task.created":
        new.open_tasks = sorted({*new.open_tasks, payload["node"]})
    elif kind in ("task.completed", "task.cancelled"):
        new.open_tasks = [task for task in new.open_tasks if task != payload["node"]]
    elif kind == "process.completed":
        new.status = "completed"
        new.outcome = payload.get("outcome")
        new.tokens = {}
        new.open_tasks = []
    if isinstance(payload.get("variables"), dict):
        new.variables.update(payload["variables"])
    return new


def fold(
    candidate_id: str, events: Iterable[EventDraft], at: datetime | None = None
) -> CandidateState:
    """The state after every event (or every event up to and including ``at``)."""
    state = CandidateState(candidate_id=candidate_id)
    cutoff = as_utc(at) if at is not None else None
    for event in events:
        if cutoff is not None and event.occurred_at > cutoff:
            continue  # parent and child workflows interleave; filter, don't stop
        state = apply(state, event)
    return state
