"""Ledger events: immutable facts about one candidate, chained by hash.

A workflow produces ``EventDraft`` values (deterministically, so a retried
append produces the same drafts with the same idempotency keys); the ledger
assigns the sequence and hashes and returns ``RecordedEvent`` values.
Payloads are JSON objects that never contain raw PII: people are referred to
by pseudonymous ids, documents by content hash.
"""

from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, field_validator

GENESIS_HASH = "0" * 64


class Actor(BaseModel):
    """Who caused an event: the system, or a user (pseudonymous id) in a role."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: Literal["system", "user"] = "system"
    user_id: str | None = None
    role: str | None = None


SYSTEM = Actor()


def as_utc(moment: datetime) -> datetime:
    """Naive datetimes (SQLite hands them back that way) are UTC by convention."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


class EventDraft(BaseModel):
    """An event as a workflow emits it, before the ledger orders and hashes it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str
    stream: str
    type: str
    payload: dict[str, Any]
    actor: Actor = SYSTEM
    definition_id: str
    definition_version: int
    workflow_id: str
    run_id: str
    occurred_at: datetime

    @field_validator("occurred_at")
    @classmethod
    def _utc(cls, value: datetime) -> datetime:
        return as_utc(value)


class RecordedEvent(EventDraft):
    """An event as stored: its place in the stream and its link in the chain."""

    sequence: int
    prev_hash: str
    hash: str
