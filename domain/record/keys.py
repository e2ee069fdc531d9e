"""The one idempotency-key scheme of ledger events: ``<origin>#<n>``.

Every event is written at least once and recorded exactly once because its
key is unique in the ledger: a retried write offers the same key and is
skipped. So a key must be a pure function of what the writer knows before
it writes, never of the ledger's state. One scheme for every writer:

* ``origin`` names what produced the events. For a workflow it is the
  workflow id (``candidate-<cid>``, an interview's child id): the workflow's
  recorder numbers its events and carries the counter across
  continue-as-new. Writers that are not workflows (batch screening, the
  talent pool) use an origin of their own that is just as deterministic
  (``domain.screening.batch``), never one that could be a workflow id.
* ``n`` numbers that origin's events from 1.

The workflow's keys came first and are kept as they were, so running
lifecycles and recorded histories are unaffected by later writers.
"""


def event_key(origin: str, n: int) -> str:
    """The key of the ``n``-th event (from 1) of ``origin``."""
    if not origin:
        raise ValueError("an event key needs an origin")
    if n < 1:
        raise ValueError(f"events of an origin are numbered from 1, got {n}")
    return f"{origin}#{n}"
