"""Retry policies and shared activity timeouts of every workflow, in one place.

Each policy says what a failure means for its kind of step, so they are read
and changed side by side: a ledger write is never given up (losing an event
loses the audit trail); a service step gives up after five attempts and
becomes an incident a person resolves; an interview step gives up after five
and the interview goes to a person; a screening chunk, minutes of work,
tries ten times with a slower back-off. ``BadInput`` is never retried: the
same input fails the same way.

The values are the ones the recorded histories in ``tests/histories`` were
made with; a change applies to activities scheduled after it.
"""

from datetime import timedelta

from temporalio.common import RetryPolicy

LEDGER_RETRY = RetryPolicy(
    initial_interval=timedelta(milliseconds=200),
    backoff_coefficient=2.0,
    maximum_interval=timedelta(seconds=30),
    maximum_attempts=0,
)
"""``record_events``: retried until it succeeds."""

SERVICE_RETRY = RetryPolicy(
    initial_interval=timedelta(seconds=1),
    backoff_coefficient=2.0,
    maximum_interval=timedelta(seconds=30),
    maximum_attempts=5,
    non_retryable_error_types=["BadInput"],
)
"""A definition's service tasks; their timeouts come from the definition."""

NOT_BAD_INPUT = RetryPolicy(maximum_attempts=5, non_retryable_error_types=["BadInput"])
"""The AI interview's activities: link, reminders, transcription, scoring."""

CHUNK_RETRY = RetryPolicy(
    initial_interval=timedelta(seconds=1),
    backoff_coefficient=2.0,
    maximum_interval=timedelta(seconds=60),
    maximum_attempts=10,
    non_retryable_error_types=["BadInput"],
)
"""Batch screening: chunks, the talent-pool line, starting lifecycles."""

QUICK_TIMEOUT = timedelta(seconds=30)
"""One database transaction or one queued message (ledger flush, interview
link, reminder): far more than they take, so only a stuck worker hits it."""

CHUNK_TIMEOUT = timedelta(minutes=15)
"""A screening chunk of up to a few thousand resumes, or a thousand lifecycle starts."""

CHUNK_HEARTBEAT = timedelta(minutes=2)
"""A chunk heartbeats as it parses, so a dead screening worker is noticed in minutes."""
