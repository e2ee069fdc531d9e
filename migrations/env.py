"""Alembic environment: run by ``migrations.runner.upgrade`` (or the alembic CLI).

A caller may hand over an open connection in ``config.attributes`` so the
migration runs inside its transaction; otherwise ``sqlalchemy.url`` is used.
SQLite gets batch mode because it cannot ALTER most things in place.
"""

import sqlalchemy as sa
from alembic import context

from ledger.db import engine_for
from ledger.models import Base

config = context.config


def _configure(connection: sa.Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def run_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=Base.metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("set sqlalchemy.url or pass a connection in config.attributes")
    with engine_for(url).connect() as new_connection:
        _configure(new_connection)


if context.is_offline_mode():
    run_offline()
else:
    run_online()
