"""Temporal workflows: deterministic interpreters of pinned process definitions."""
