"""Pure domain model of hireloop: definitions, events, state folds, scoring rules.

Nothing in this package performs I/O or imports Temporal or SQLAlchemy, so it
can run inside the Temporal workflow sandbox and in compliance tooling alike.
"""
