"""Temporal activities: every side effect (ledger, vault, outbox, scoring)."""
