"""Many appenders on one stream: threads and processes, each retrying batches.

Whatever the interleaving, the stream must come out gap-free, without
duplicates, with every batch contiguous, and with a chain that verifies.
"""

import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from sqlalchemy.engine import Engine

from domain.record.events import EventDraft
from ledger.db import engine_for
from ledger.event_store import EventStore

DraftFactory = Callable[..., list[EventDraft]]
BATCHES, BATCH = 8, 3


def _append_batches(url: str, batches: list[list[EventDraft]], start: Any) -> None:
    store = EventStore(engine_for(url))
    start.wait(timeout=60)  # all writers begin together, so they really contend
    for index, batch in enumerate(batches):
        store.append(batch)
        if index % 3 == 0:  # an activity retried after its append succeeded
            store.append(batch)


def _batches(make_drafts: DraftFactory, stream: str, writer: str) -> list[list[EventDraft]]:
    return [make_drafts(stream, BATCH, start=b * BATCH, prefix=writer) for b in range(BATCHES)]


def _assert_clean_stream(store: EventStore, stream: str, writers: int) -> None:
    events = store.stream(stream)
    assert [e.sequence for e in events] == list(range(1, writers * BATCHES * BATCH + 1))
    assert len({e.key for e in events}) == len(events)
    for first in range(0, len(events), BATCH):  # each batch landed in one piece
        batch_keys = {e.key.rsplit(":", 1)[0] for e in events[first : first + BATCH]}
        assert len(batch_keys) == 1
    assert store.verify() == []


def test_eight_threads_on_one_stream(
    db_url: str, engine: Engine, make_drafts: DraftFactory
) -> None:
    writers = [f"w{i}" for i in range(8)]
    start = threading.Barrier(len(writers))
    with ThreadPoolExecutor(len(writers)) as pool:
        futures = [
            pool.submit(_append_batches, db_url, _batches(make_drafts, "cand_hot", w), start)
            for w in writers
        ]
        for future in futures:
            future.result()

    _assert_clean_stream(EventStore(engine), "cand_hot", len(writers))


def test_two_processes_on_one_stream(
    db_url: str, engine: Engine, make_drafts: DraftFactory
) -> None:
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(2)
    processes = [
        context.Process(
            target=_append_batches,
            args=(db_url, _batches(make_drafts, "cand_hot", writer), start),
        )
        for writer in ("p0", "p1")
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
        assert process.exitcode == 0

    _assert_clean_stream(EventStore(engine), "cand_hot", len(processes))
