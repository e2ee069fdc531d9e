"""Buffering ledger events inside a workflow and flushing them in order.

Events are drafted deterministically (key = workflow id + running counter,
time = ``workflow.now()``), so a replayed or retried flush produces the same
drafts and the ledger's idempotency keys make it a no-op. Flushes are
serialised by a lock so the ledger sees events in the order they were made.
"""

import asyncio
from datetime import timedelta
from typing import Any

from temporalio import workflow
from temporalio.common import RetryPolicy

with workflow.unsafe.imports_passed_through():
    from domain.record.events import SYSTEM, Actor
    from domain.record.messages import BatchedEvent, EventBatch

RECORD_EVENTS = "record_events"

# Ledger writes must never be given up on: losing an event loses the audit trail.
LEDGER_RETRY = RetryPolicy(
    initial_interval=timedelta(milliseconds=200),
    backoff_coefficient=2.0,
    maximum_interval=timedelta(seconds=30),
    maximum_attempts=0,
)


class Recorder:
    def __init__(self, stream: str, definition_id: str, definition_version: int, counter: int = 0):
        self.stream = stream
        self.definition_id = definition_id
        self.definition_version = definition_version
        self.counter = counter
        self._pending: list[BatchedEvent] = []
        self._lock = asyncio.Lock()

    def emit(self, kind: str, payload: dict[str, Any], actor: Actor = SYSTEM) -> None:
        self.counter += 1
        self._pending.append(
            BatchedEvent(
                n=self.counter,
                type=kind,
                payload=payload,
                actor=None if actor == SYSTEM else actor,
                occurred_at=workflow.now(),
            )
        )

    @property
    def idle(self) -> bool:
        return not self._pending and not self._lock.locked()

    async def flush(self) -> None:
        async with self._lock:
            if not self._pending:
                return
            batch, self._pending = self._pending, []
            try:
                info = workflow.info()
                await workflow.execute_activity(
                    RECORD_EVENTS,
                    EventBatch(
                        stream=self.stream,
                        definition_id=self.definition_id,
                        definition_version=self.definition_version,
                        workflow_id=info.workflow_id,
                        run_id=info.run_id,
                        events=batch,
                    ),
                    start_to_close_timeout=timedelta(seconds=30),
                    retry_policy=LEDGER_RETRY,
                )
            except BaseException:
                # Cancelled mid-flush (the process was terminated): keep the batch
                # for the final flush; idempotency keys absorb a double append.
                self._pending = batch + self._pending
                raise
