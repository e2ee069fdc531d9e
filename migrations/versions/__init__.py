"""Alembic revisions, hand-written and reviewed like any other code."""
