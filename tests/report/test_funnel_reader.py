"""The streaming ledger reader gives the same funnel as folding every event,
on PostgreSQL too (server-side cursor, timestamptz, its own ordering)."""

from collections.abc import Iterator
from datetime import timedelta

import pytest

from domain.audit.funnel import funnel
from domain.record.events import EventDraft
from hireloop.services.funnel import ledger_funnel
from ledger.db import engine_for
from ledger.event_store import EventStore
from tests.conftest import postgres_database
from tests.report.timelines import DEFINITION, T0, population_drafts


def _append_population(store: EventStore) -> list[EventDraft]:
    everything = population_drafts()
    by_stream: dict[str, list[EventDraft]] = {}
    for draft in everything:
        by_stream.setdefault(draft.stream, []).append(draft)
    for stream_drafts in by_stream.values():
        store.append(stream_drafts)
    return everything


@pytest.fixture
def fresh_postgres() -> Iterator[str]:
    """A database of its own: the reader counts everything in the ledger."""
    with postgres_database() as url:
        yield url


@pytest.mark.postgres
def test_postgres_reader_agrees_with_the_fold(fresh_postgres: str) -> None:
    engine = engine_for(fresh_postgres)
    everything = _append_population(EventStore(engine))
    since = T0 + timedelta(days=8)

    assert ledger_funnel(engine) == funnel(everything)
    assert ledger_funnel(engine, DEFINITION, since) == funnel(everything, DEFINITION, since)
    assert ledger_funnel(engine, DEFINITION, since).candidates == 8
