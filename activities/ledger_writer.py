"""The one activity that writes to the ledger: append a batch of drafted events.

Idempotent by event key, so Temporal's at-least-once retries still yield
exactly-once events.
"""

from temporalio import activity

from domain.record.messages import EventBatch
from ledger.event_store import EventStore


class LedgerActivities:
    def __init__(self, store: EventStore):
        self._store = store

    @activity.defn(name="record_events")
    def record_events(self, batch: EventBatch) -> int:
        """Append the batch; returns the stream's sequence after it."""
        recorded = self._store.append(batch.drafts())
        return recorded[-1].sequence if recorded else 0
