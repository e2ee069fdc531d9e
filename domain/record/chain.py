"""The per-candidate hash chain: ``hash = sha256(prev_hash || canonical_json(event))``.

Every field of an event except its own hash is covered, so changing a
payload, an actor, a timestamp or the order of events breaks the chain at the
first altered event, and ``verify_stream`` names it.
"""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from domain.record.events import GENESIS_HASH, EventDraft, RecordedEvent, as_utc


def canonical_time(moment: datetime) -> str:
    return as_utc(moment).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def event_body(draft: EventDraft, sequence: int) -> dict[str, Any]:
    """The hashed content of an event: everything but ``prev_hash`` and ``hash``."""
    return {
        "key": draft.key,
        "stream": draft.stream,
        "sequence": sequence,
        "type": draft.type,
        "payload": draft.payload,
        "actor": draft.actor.model_dump(),
        "definition_id": draft.definition_id,
        "definition_version": draft.definition_version,
        "workflow_id": draft.workflow_id,
        "run_id": draft.run_id,
        "occurred_at": canonical_time(draft.occurred_at),
    }


def link_hash(prev_hash: str, draft: EventDraft, sequence: int) -> str:
    digest = hashlib.sha256()
    digest.update(prev_hash.encode("ascii"))
    digest.update(canonical_json(event_body(draft, sequence)).encode("utf-8"))
    return digest.hexdigest()


def chain(drafts: Iterable[EventDraft], last_sequence: int, last_hash: str) -> list[RecordedEvent]:
    """Extend a stream whose tail is (``last_sequence``, ``last_hash``)."""
    recorded: list[RecordedEvent] = []
    prev, sequence = last_hash, last_sequence
    for draft in drafts:
        sequence += 1
        digest = link_hash(prev, draft, sequence)
        recorded.append(
            RecordedEvent(**draft.model_dump(), sequence=sequence, prev_hash=prev, hash=digest)
        )
        prev = digest
    return recorded


@dataclass(frozen=True)
class BrokenLink:
    """The first event of a stream whose link does not hold, and why."""

    stream: str
    sequence: int
    reason: str


def verify_stream(events: Iterable[RecordedEvent]) -> BrokenLink | None:
    """Check order, links and hashes of one stream's events (in sequence order)."""
    prev, expected = GENESIS_HASH, 1
    for event in events:
        if event.sequence != expected:
            return BrokenLink(event.stream, expected, f"sequence {expected} is missing")
        if event.prev_hash != prev:
            return BrokenLink(
                event.stream, event.sequence, "prev_hash does not match the event before"
            )
        if link_hash(prev, event, event.sequence) != event.hash:
            return BrokenLink(event.stream, event.sequence, "content does not match its hash")
        prev, expected = event.hash, expected + 1
    return None
