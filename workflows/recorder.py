"""Buffering ledger events inside a workflow and flushing them in order.

Events are drafted deterministically (key = workflow id + running counter,
the one scheme of ``domain.record.keys``; time = ``workflow.now()``), so a
replayed or retried flush produces the same drafts and the ledger's
idempotency keys make it a no-op. Flushes are serialised by a lock so the
ledger sees events in the order they were made.
"""

import asyncio
from typing import Any

from temporalio import workflow
from temporalio.exceptions import ActivityError, is_cancelled_exception

with workflow.unsafe.imports_passed_through():
    from domain.record.events import SYSTEM, Actor
    from domain.record.messages import BatchedEvent, EventBatch
    from workflows.policies import LEDGER_RETRY, QUICK_TIMEOUT

RECORD_EVENTS = "record_events"


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
                    start_to_close_timeout=QUICK_TIMEOUT,
                    retry_policy=LEDGER_RETRY,
                )
            except BaseException as exc:
                # Cancelled mid-flush (the process was terminated, or the task that
                # flushed was cancelled): keep the batch for the next flush;
                # idempotency keys absorb a double append.
                self._pending = batch + self._pending
                if isinstance(exc, ActivityError) and is_cancelled_exception(exc):
                    # Temporal reports the flushing task's own cancellation as a
                    # failed activity; re-raised as such, a cancelled side path
                    # (an overdue notice, say) would end failed with an exception
                    # no one retrieves. It ends cancelled.
                    raise asyncio.CancelledError() from exc
                raise
