"""Only the ledger's event store writes events (docs/ARCHITECTURE.md).

Every writer (the workflows' ``record_events``, batch screening, the talent
pool) goes through ``ledger.event_store.EventStore``, which chains each
stream's hashes and skips keys already stored; a row written anywhere else
could break a chain or record an event twice. import-linter cannot see this
rule: reading the events table is allowed everywhere, so the writes are
looked for in the source instead.
"""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROOMS = (
    "domain",
    "definitions",
    "workflows",
    "activities",
    "ledger",
    "adapters",
    "hireloop",
    "simulation",
    "migrations",
    "bench",
)
THE_WRITER = ROOT / "ledger" / "event_store.py"
SQL_WRITE = re.compile(r"\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+\"?events\b", re.IGNORECASE)


def event_names(tree: ast.Module) -> set[str]:
    """The names a module binds to the events table's model (``ledger.models.Event``)."""
    return {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "ledger.models"
        for alias in node.names
        if alias.name == "Event"
    }


def writes(path: Path) -> list[str]:
    """Where a module inserts, updates or deletes event rows, or builds one."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = event_names(tree)
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0] if node.args else None
            on_events = isinstance(first, ast.Name) and first.id in names
            builds_row = isinstance(func, ast.Name) and func.id in names
            if (called in {"insert", "update", "delete"} and on_events) or builds_row:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and SQL_WRITE.search(node.value)
        ):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_the_event_store_is_the_only_writer_of_events() -> None:
    others = [
        place
        for room in ROOMS
        for path in sorted((ROOT / room).rglob("*.py"))
        if path != THE_WRITER
        for place in writes(path)
    ]
    assert others == []
    assert writes(THE_WRITER), "the detector no longer sees the event store's own inserts"
