"""Ledger fixtures: every store test runs on a fresh SQLite file and on PostgreSQL.

PostgreSQL gets one throw-away database per test session (migrated once,
truncated before each test). If the server is unreachable the PostgreSQL
tests fail: set ``HIRELOOP_SKIP_POSTGRES=1`` to skip them knowingly.
"""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine

from domain.record.events import Actor, EventDraft
from ledger.db import engine_for

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def engine(db_url: str) -> Engine:
    return engine_for(db_url)


DraftFactory = Callable[..., list[EventDraft]]


def _make_drafts(stream: str, count: int, start: int = 0, prefix: str = "k") -> list[EventDraft]:
    """Realistic drafts: ``count`` node entries with variables, one minute apart."""
    return [
        EventDraft(
            key=f"{stream}:{prefix}:{i}",
            stream=stream,
            type="node.entered",
            payload={"token": "t1", "node": f"n{i}", "variables": {"score": i / 3, "名": "张"}},
            actor=Actor(kind="user", user_id="u_1", role="recruiter") if i % 2 else Actor(),
            definition_id="campus_hire",
            definition_version=1,
            workflow_id=f"candidate-{stream}",
            run_id="run-1",
            occurred_at=T0 + timedelta(minutes=i, microseconds=i),
        )
        for i in range(start, start + count)
    ]


@pytest.fixture
def make_drafts() -> DraftFactory:
    return _make_drafts
