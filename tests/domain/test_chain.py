"""The per-candidate hash chain: any edit to the record is found, and named."""

from datetime import UTC, datetime, timedelta, timezone
from itertools import pairwise

import pytest

from domain.record.chain import BrokenLink, canonical_json, chain, link_hash, verify_stream
from domain.record.events import GENESIS_HASH, SYSTEM, Actor, EventDraft, RecordedEvent

STREAM = "cand-7f3a"
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
RECRUITER = Actor(kind="user", user_id="u-17", role="recruiter")


def draft(n: int, kind: str, payload: dict[str, object], actor: Actor = SYSTEM) -> EventDraft:
    return EventDraft(
        key=f"wf-{STREAM}/{n}",
        stream=STREAM,
        type=kind,
        payload=payload,
        actor=actor,
        definition_id="campus_hire",
        definition_version=3,
        workflow_id=f"lifecycle-{STREAM}",
        run_id="run-1",
        occurred_at=T0 + timedelta(minutes=n),
    )


DRAFTS = [
    draft(1, "process.started", {"variables": {"requisition_id": "REQ-9"}}),
    draft(2, "stage.entered", {"stage": "screening"}),
    draft(3, "gateway.decided", {"node": "screening_gate", "flow": "screening_pass"}),
    draft(4, "task.completed", {"node": "approve_offer", "values": {"ok": True}}, RECRUITER),
    draft(5, "process.completed", {"outcome": "hired"}),
]


@pytest.fixture
def recorded() -> list[RecordedEvent]:
    return chain(DRAFTS, last_sequence=0, last_hash=GENESIS_HASH)


def test_a_freshly_chained_stream_verifies(recorded: list[RecordedEvent]) -> None:
    assert [e.sequence for e in recorded] == [1, 2, 3, 4, 5]
    assert recorded[0].prev_hash == GENESIS_HASH
    assert all(b.prev_hash == a.hash for a, b in pairwise(recorded))
    assert len({e.hash for e in recorded}) == 5
    assert verify_stream(recorded) is None


def test_an_empty_stream_verifies() -> None:
    assert verify_stream([]) is None


def test_chaining_is_deterministic_so_a_retried_append_yields_the_same_hashes(
    recorded: list[RecordedEvent],
) -> None:
    assert chain(DRAFTS, 0, GENESIS_HASH) == recorded


def test_extending_a_stream_continues_from_its_tail(recorded: list[RecordedEvent]) -> None:
    head, tail = recorded[:3], chain(DRAFTS[3:], last_sequence=3, last_hash=recorded[2].hash)
    assert head + tail == recorded
    assert verify_stream(head + tail) is None


def test_the_chain_survives_a_storage_round_trip(recorded: list[RecordedEvent]) -> None:
    # What the ledger hands back: re-parsed JSON, and naive UTC timestamps (SQLite).
    restored = [RecordedEvent.model_validate_json(e.model_dump_json()) for e in recorded]
    naive = [
        e.model_copy(update={"occurred_at": e.occurred_at.replace(tzinfo=None)}) for e in restored
    ]
    assert verify_stream(restored) is None
    assert verify_stream(naive) is None


def _replace(events: list[RecordedEvent], sequence: int, **update: object) -> list[RecordedEvent]:
    return [e.model_copy(update=update) if e.sequence == sequence else e for e in events]


@pytest.mark.parametrize(
    ("sequence", "update"),
    [
        (3, {"payload": {"node": "screening_gate", "flow": "screening_to_pool"}}),
        (1, {"payload": {"variables": {"requisition_id": "REQ-1"}}}),
        (4, {"actor": Actor(kind="user", user_id="u-99", role="recruiter")}),
        (4, {"actor": Actor()}),
        (2, {"occurred_at": T0 + timedelta(minutes=2, microseconds=1)}),
        (5, {"occurred_at": T0 - timedelta(days=1)}),
        (5, {"type": "process.terminated"}),
        (2, {"definition_version": 4}),
        (3, {"workflow_id": "lifecycle-someone-else"}),
        (1, {"key": "wf-other/1"}),
    ],
)
def test_altering_any_field_breaks_the_chain_at_that_event(
    recorded: list[RecordedEvent], sequence: int, update: dict[str, object]
) -> None:
    tampered = _replace(recorded, sequence, **update)
    assert verify_stream(tampered) == BrokenLink(
        STREAM, sequence, "content does not match its hash"
    )


def test_rehashing_an_altered_event_moves_the_break_to_the_next_link(
    recorded: list[RecordedEvent],
) -> None:
    altered = recorded[2].model_copy(update={"payload": {"flow": "screening_to_pool"}})
    rehashed = altered.model_copy(update={"hash": link_hash(altered.prev_hash, altered, 3)})
    tampered = [*recorded[:2], rehashed, *recorded[3:]]
    assert verify_stream(tampered) == BrokenLink(
        STREAM, 4, "prev_hash does not match the event before"
    )


def test_swapping_two_events_is_detected_where_the_order_changes(
    recorded: list[RecordedEvent],
) -> None:
    # A reorder in the ledger gives the rows each other's sequence numbers.
    swapped = [
        recorded[0],
        recorded[2].model_copy(update={"sequence": 2}),
        recorded[1].model_copy(update={"sequence": 3}),
        *recorded[3:],
    ]
    assert verify_stream(swapped) == BrokenLink(
        STREAM, 2, "prev_hash does not match the event before"
    )


@pytest.mark.parametrize("deleted", [1, 2, 3, 4])
def test_deleting_an_event_is_detected_at_the_gap(
    recorded: list[RecordedEvent], deleted: int
) -> None:
    remaining = [e for e in recorded if e.sequence != deleted]
    assert verify_stream(remaining) == BrokenLink(STREAM, deleted, f"sequence {deleted} is missing")


def test_deleting_and_renumbering_is_detected_at_the_renumbered_event(
    recorded: list[RecordedEvent],
) -> None:
    renumbered = [
        *recorded[:2],
        *(e.model_copy(update={"sequence": e.sequence - 1}) for e in recorded[3:]),
    ]
    assert verify_stream(renumbered) == BrokenLink(
        STREAM, 3, "prev_hash does not match the event before"
    )


def test_a_replaced_genesis_link_is_detected(recorded: list[RecordedEvent]) -> None:
    tampered = _replace(recorded, 1, prev_hash="f" * 64)
    assert verify_stream(tampered) == BrokenLink(
        STREAM, 1, "prev_hash does not match the event before"
    )


def test_canonical_json_is_independent_of_key_order() -> None:
    a = {"b": 1, "a": {"d": [1, {"y": 2, "x": 1}], "c": "é"}}
    b = {"a": {"c": "é", "d": [1, {"x": 1, "y": 2}]}, "b": 1}
    assert canonical_json(a) == canonical_json(b) == '{"a":{"c":"é","d":[1,{"x":1,"y":2}]},"b":1}'


def test_payload_key_order_does_not_change_the_hash() -> None:
    one = draft(3, "gateway.decided", {"node": "g", "flow": "f", "inputs": {"a": 1, "b": 2}})
    other = draft(3, "gateway.decided", {"inputs": {"b": 2, "a": 1}, "flow": "f", "node": "g"})
    assert link_hash(GENESIS_HASH, one, 1) == link_hash(GENESIS_HASH, other, 1)


def test_naive_aware_and_offset_times_of_the_same_instant_hash_the_same() -> None:
    aware = draft(1, "stage.entered", {"stage": "offer"})
    naive = aware.model_copy(update={"occurred_at": datetime(2026, 3, 2, 9, 1)})
    naive = EventDraft.model_validate(naive.model_dump())
    shanghai = EventDraft.model_validate(
        {
            **aware.model_dump(),
            "occurred_at": datetime(2026, 3, 2, 17, 1, tzinfo=timezone(timedelta(hours=8))),
        }
    )
    assert naive.occurred_at == aware.occurred_at == shanghai.occurred_at
    assert naive.occurred_at.tzinfo is not None
    hashes = {link_hash(GENESIS_HASH, d, 1) for d in (aware, naive, shanghai)}
    assert len(hashes) == 1


def test_a_different_instant_hashes_differently() -> None:
    one = draft(1, "stage.entered", {"stage": "offer"})
    later = one.model_copy(update={"occurred_at": one.occurred_at + timedelta(microseconds=1)})
    assert link_hash(GENESIS_HASH, one, 1) != link_hash(GENESIS_HASH, later, 1)


def test_the_same_event_at_another_position_hashes_differently() -> None:
    one = DRAFTS[1]
    assert link_hash(GENESIS_HASH, one, 1) != link_hash(GENESIS_HASH, one, 2)
    assert link_hash(GENESIS_HASH, one, 1) != link_hash("1" * 64, one, 1)
