"""Persistence: the event ledger, definition registry, PII vault and outbox.

Everything that touches the database lives here, behind small classes that
take an ``Engine``; the schema exists only through the Alembic migrations in
``migrations/``. The same code runs on SQLite (embedded default) and
PostgreSQL (production).
"""
