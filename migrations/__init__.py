"""Alembic migrations: the only way the ledger schema comes into being."""
