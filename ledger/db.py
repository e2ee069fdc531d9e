"""Engines: one engine per URL per process (the schema comes from ``migrations``).

SQLite is tuned for many concurrent appenders (threads and processes): WAL
so readers never block, and every transaction that may write starts with
``BEGIN IMMEDIATE`` so writers queue on the busy timeout instead of failing
with "database is locked" when a deferred transaction tries to upgrade its
lock. Read-only work goes through ``reader(engine)`` and starts deferred.
"""

import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

if TYPE_CHECKING:  # the PostgreSQL dialect costs a SQLite reader's start-up 30 ms
    from sqlalchemy.dialects import postgresql, sqlite

_READ_ONLY = "hireloop_read_only"

_engines: dict[str, Engine] = {}
_lock = threading.Lock()


def engine_for(url: str) -> Engine:
    """The process-wide engine for ``url`` (pools are per engine, so share it)."""
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            engine = _create(url)
            _engines[url] = engine
        return engine


def reader(engine: Engine) -> Engine:
    """The same pool, but transactions start deferred: for queries that never write."""
    return engine.execution_options(**{_READ_ONLY: True})


def display_url(url: str) -> str:
    """The URL with any password masked, fit for messages and logs."""
    return sa.make_url(url).render_as_string(hide_password=True)


def insert_for(session: Session, model: type[Any]) -> "postgresql.Insert | sqlite.Insert":
    """An INSERT that supports ON CONFLICT on the session's database (both dialects do)."""
    name = session.get_bind().dialect.name
    if name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(model)
    if name == "sqlite":
        from sqlalchemy.dialects import sqlite

        return sqlite.insert(model)
    raise NotImplementedError(f"the ledger supports SQLite and PostgreSQL, not {name}")


def _create(url: str) -> Engine:
    parsed = sa.make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return sa.create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url)
    sa.event.listen(engine, "connect", _sqlite_connect)
    sa.event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Take transaction control away from pysqlite so "begin" below decides.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    for pragma in (
        "journal_mode=WAL",
        "synchronous=NORMAL",
        "busy_timeout=30000",
        "foreign_keys=ON",
    ):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    if connection.get_execution_options().get(_READ_ONLY):
        connection.exec_driver_sql("BEGIN")
    else:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _forget_engines_after_fork() -> None:
    # A forked child must not reuse the parent's pooled connections.
    for engine in _engines.values():
        engine.dispose(close=False)


os.register_at_fork(after_in_child=_forget_engines_after_fork)
