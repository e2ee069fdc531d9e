"""Bulk append: many streams in one transaction, each chained from its own head,
idempotent on keys, and serialised with single-stream appends."""

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy.engine import Engine

from domain.record.chain import verify_stream
from domain.record.events import GENESIS_HASH, EventDraft
from ledger.event_store import EventStore

DraftFactory = Callable[..., list[EventDraft]]


def test_bulk_append_chains_each_stream_from_its_head(
    engine: Engine, make_drafts: DraftFactory
) -> None:
    store = EventStore(engine)
    head = store.append(make_drafts("cand_a", 2))[-1]
    drafts = [
        *make_drafts("cand_b", 2),
        *make_drafts("cand_a", 3, start=2),
        *make_drafts("cand_b", 1, start=2),
    ]

    assert store.append_many(drafts) == 6

    a, b = store.stream("cand_a"), store.stream("cand_b")
    assert [e.sequence for e in a] == [1, 2, 3, 4, 5]
    assert a[2].prev_hash == head.hash
    assert [e.key for e in b] == ["cand_b:k:0", "cand_b:k:1", "cand_b:k:2"]
    assert b[0].prev_hash == GENESIS_HASH
    assert verify_stream(a) is None and verify_stream(b) is None
    assert store.verify() == []


def test_retried_bulk_append_is_a_no_op(engine: Engine, make_drafts: DraftFactory) -> None:
    store = EventStore(engine)
    drafts = [*make_drafts("cand_a", 3), *make_drafts("cand_b", 3)]
    assert store.append_many(drafts) == 6
    before = store.stream("cand_a") + store.stream("cand_b")

    assert store.append_many(drafts) == 0
    partly = [*make_drafts("cand_a", 4), *make_drafts("cand_c", 1)]
    assert store.append_many(partly) == 2

    assert store.stream("cand_a")[:3] + store.stream("cand_b") == before
    assert store.count() == 8
    assert store.verify() == []


def test_bulk_append_refuses_a_key_of_another_stream(
    engine: Engine, make_drafts: DraftFactory
) -> None:
    store = EventStore(engine)
    store.append(make_drafts("cand_a", 1))
    stolen = make_drafts("cand_a", 1)[0].model_copy(update={"stream": "cand_b"})
    with pytest.raises(ValueError, match="another stream"):
        store.append_many([*make_drafts("cand_c", 1), stolen])
    assert store.count() == 1  # the whole transaction rolled back
    with pytest.raises(ValueError, match="unique"):
        store.append_many(make_drafts("cand_d", 1) * 2)


def test_bulk_and_single_appends_interleave_without_breaking_chains(
    engine: Engine, make_drafts: DraftFactory
) -> None:
    store = EventStore(engine)
    streams = [f"cand_{i}" for i in range(40)]

    def bulk(round_: int) -> int:
        return store.append_many(
            [d for s in streams for d in make_drafts(s, 2, start=2 * round_, prefix="bulk")]
        )

    def single(round_: int) -> int:
        drafts = [make_drafts(s, 1, start=round_, prefix="one") for s in streams]
        return sum(len(store.append(batch)) for batch in drafts)

    with ThreadPoolExecutor(4) as pool:
        futures = [pool.submit(bulk, r) for r in range(3)] + [
            pool.submit(single, r) for r in range(3)
        ]
        assert sum(f.result() for f in futures) == 40 * (6 + 3)
    assert store.verify() == []
    assert all(store.count(s) == 9 for s in streams)


def test_bulk_append_skips_events_stored_under_their_legacy_keys(
    engine: Engine, make_drafts: DraftFactory
) -> None:
    """A writer that changed its key scheme names each draft's old key: what an
    earlier version stored under it is not recorded again (and a legacy key
    stored in another stream is someone else's event, not this one)."""
    store = EventStore(engine)
    store.append_many([*make_drafts("cand_a", 2, prefix="old"), *make_drafts("cand_b", 1)])
    renamed = [*make_drafts("cand_a", 3), *make_drafts("cand_c", 1)]
    legacy = {
        "cand_a:k:0": "cand_a:old:0",
        "cand_a:k:1": "cand_a:old:1",
        "cand_a:k:2": "cand_a:old:2",
        "cand_c:k:0": "cand_b:k:0",
    }

    assert store.append_many(renamed, legacy_keys=legacy) == 2
    assert store.append_many(renamed, legacy_keys=legacy) == 0

    assert [e.key for e in store.stream("cand_a")] == ["cand_a:old:0", "cand_a:old:1", "cand_a:k:2"]
    assert [e.key for e in store.stream("cand_c")] == ["cand_c:k:0"]
    assert store.verify() == []
