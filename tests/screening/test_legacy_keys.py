"""A ledger written before the one key scheme is still safe to rerun an import over.

Batch screening used to key its events ``screening/<cid>/<type>``; it now
keys them like every other writer, ``<origin>#<n>`` with the application as
the origin (``domain.record.keys``). Keys are hashed into the chain, so old
events keep their old keys for good, and a rerun that re-screens their
applicants must recognise them (``EventStore.append_many``'s
``legacy_keys``) instead of recording every event a second time.
"""

import shutil
from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa

import activities.screening
from domain.screening.batch import APPLICATION_EVENTS, legacy_application_key
from ledger.event_store import EventStore
from ledger.models import Application
from ledger.stores.requisitions import RequisitionStore
from simulation.resume_corpus import CorpusEntry
from tests.conftest import Stack
from tests.screening.conftest import requisition
from tests.screening.test_batch import applications, run_import


def screening_events(store: EventStore) -> Counter[tuple[str, str]]:
    """How many events of each screening kind every candidate has."""
    events = (e for s in store.streams() for e in store.stream(s))
    return Counter((e.stream, e.type) for e in events if e.type in APPLICATION_EVENTS)


async def test_a_rerun_over_old_keys_records_nothing_twice(
    stack: Stack,
    corpus: tuple[Path, list[CorpusEntry]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, entries = corpus
    folder = tmp_path / "applicants"
    folder.mkdir()
    for entry in entries[:16] + entries[-4:]:  # resumes and unreadable files
        shutil.copy(entry.path, folder / entry.path.name)
    RequisitionStore(stack.engine).create(requisition())
    # The import as the previous version keyed its events.
    monkeypatch.setattr(activities.screening, "application_event_key", legacy_application_key)
    first = await run_import(stack, folder, "credit-risk-test")
    monkeypatch.undo()
    store = EventStore(stack.engine)
    before = screening_events(store)
    assert first.screened == 20 and set(before.values()) == {1}
    old_keys = [e.key for s in store.streams() for e in store.stream(s)]
    assert sum(key.startswith("screening/") for key in old_keys) == sum(before.values())
    decided = {cid: app.outcome for cid, app in applications(stack).items()}
    # That version died after writing a chunk's events and before recording its
    # outcomes: every applicant is owed work again.
    with stack.engine.begin() as connection:
        connection.execute(sa.update(Application).values(outcome=None))

    again = await run_import(stack, folder, "credit-risk-test")

    assert again.screened == 20
    assert {cid: app.outcome for cid, app in applications(stack).items()} == decided
    assert screening_events(store) == before
    assert not [
        e.key for s in store.streams() for e in store.stream(s) if e.key.startswith("application-")
    ]
    assert again.batch is not None and again.batch.lifecycles_started == 0
    assert store.verify() == []
