"""The event store: chaining, idempotent appends, reads, and tamper detection."""

from collections.abc import Callable
from datetime import UTC

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from domain.record.chain import BrokenLink, verify_stream
from domain.record.events import GENESIS_HASH, EventDraft
from ledger.event_store import EventStore

DraftFactory = Callable[..., list[EventDraft]]


def test_appends_chain_from_genesis_and_round_trip_exactly(
    engine: Engine, make_drafts: DraftFactory
) -> None:
    store = EventStore(engine)
    first = store.append(make_drafts("cand_a", 3))
    second = store.append(make_drafts("cand_a", 2, start=3))

    assert [e.sequence for e in first + second] == [1, 2, 3, 4, 5]
    assert first[0].prev_hash == GENESIS_HASH
    assert second[0].prev_hash == first[-1].hash
    stored = store.stream("cand_a")
    assert stored == first + second
    assert all(e.occurred_at.tzinfo is UTC for e in stored)
    assert verify_stream(stored) is None
    assert store.verify() == []


def test_retried_batch_is_a_no_op_returning_what_was_stored(
    engine: Engine, make_drafts: DraftFactory
) -> None:
    store = EventStore(engine)
    batch = make_drafts("cand_a", 3)
    recorded = store.append(batch)

    assert store.append(batch) == recorded
    assert store.count() == 3


def test_partly_stored_batch_appends_only_the_new_drafts(
    engine: Engine, make_drafts: DraftFactory
) -> None:
    store = EventStore(engine)
    store.append(make_drafts("cand_a", 2))
    mixed = store.append(make_drafts("cand_a", 4))

    assert [e.sequence for e in mixed] == [1, 2, 3, 4]
    assert store.count("cand_a") == 4
    assert store.verify("cand_a") == []


def test_one_append_must_target_one_stream(engine: Engine, make_drafts: DraftFactory) -> None:
    store = EventStore(engine)
    with pytest.raises(ValueError, match="one stream"):
        store.append(make_drafts("cand_a", 1) + make_drafts("cand_b", 1))
    with pytest.raises(ValueError, match="unique"):
        store.append(make_drafts("cand_a", 1) * 2)
    assert store.append([]) == []
    assert store.count() == 0


def test_a_key_cannot_move_to_another_stream(engine: Engine, make_drafts: DraftFactory) -> None:
    store = EventStore(engine)
    original = make_drafts("cand_a", 1)[0]
    store.append([original])
    with pytest.raises(ValueError, match="another stream"):
        store.append([original.model_copy(update={"stream": "cand_b"})])


def test_streams_count_and_since(engine: Engine, make_drafts: DraftFactory) -> None:
    store = EventStore(engine)
    store.append(make_drafts("cand_b", 2))
    store.append(make_drafts("cand_a", 3))
    completed = make_drafts("cand_a", 1, start=3)[0].model_copy(update={"type": "task.completed"})
    store.append([completed])

    assert store.streams() == ["cand_a", "cand_b"]
    assert (store.count(), store.count("cand_a"), store.count("nobody")) == (6, 4, 0)
    everything = store.since(0)
    positions = [position for position, _ in everything]
    assert positions == sorted(positions) and len(positions) == 6
    assert [e.stream for _, e in everything] == ["cand_b"] * 2 + ["cand_a"] * 4
    assert [e.key for _, e in store.since(positions[1], limit=2)] == [
        "cand_a:k:0",
        "cand_a:k:1",
    ]
    assert [e.key for _, e in store.since(0, types={"task.completed"})] == [completed.key]


def _payload_update(engine: Engine, stream: str, sequence: int, payload: object) -> None:
    statement = sa.text(
        "UPDATE events SET payload = :payload WHERE stream = :stream AND sequence = :sequence"
    ).bindparams(sa.bindparam("payload", type_=sa.JSON))
    with engine.begin() as connection:
        connection.execute(statement, {"payload": payload, "stream": stream, "sequence": sequence})


def test_tampered_payload_is_named_by_verify(engine: Engine, make_drafts: DraftFactory) -> None:
    store = EventStore(engine)
    store.append(make_drafts("cand_a", 5))
    store.append(make_drafts("cand_b", 2))
    _payload_update(engine, "cand_a", 3, {"token": "t1", "node": "offer", "variables": {}})

    assert store.verify() == [BrokenLink("cand_a", 3, "content does not match its hash")]
    assert store.verify("cand_b") == []


def test_malformed_row_is_reported_not_raised(engine: Engine, make_drafts: DraftFactory) -> None:
    store = EventStore(engine)
    store.append(make_drafts("cand_a", 3))
    _payload_update(engine, "cand_a", 2, ["not", "an", "object"])

    assert store.verify() == [BrokenLink("cand_a", 2, "stored event is malformed")]


def test_deleted_event_is_a_missing_sequence(engine: Engine, make_drafts: DraftFactory) -> None:
    store = EventStore(engine)
    store.append(make_drafts("cand_a", 4))
    with engine.begin() as connection:
        connection.execute(sa.text("DELETE FROM events WHERE stream = 'cand_a' AND sequence = 2"))

    assert store.verify("cand_a") == [BrokenLink("cand_a", 2, "sequence 2 is missing")]


def test_rewritten_chain_is_caught_at_the_first_rewritten_link(
    engine: Engine, make_drafts: DraftFactory
) -> None:
    """Recomputing one event's hash to match its new content breaks the next link."""
    store = EventStore(engine)
    recorded = store.append(make_drafts("cand_a", 3))
    with engine.begin() as connection:
        connection.execute(
            sa.text("UPDATE events SET hash = :forged WHERE stream = 'cand_a' AND sequence = 2"),
            {"forged": "f" * 64},
        )

    assert recorded[1].hash != "f" * 64
    assert store.verify() == [BrokenLink("cand_a", 2, "content does not match its hash")]
