"""Running the migrations: the only way the ledger's schema is made or changed.

Lives beside the migration scripts, not in ``ledger``, so the arrow runs one
way: the scripts' environment imports the ledger's models, the ledger never
imports its migrations.
"""

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from ledger.db import engine_for, reader

_MIGRATION_LOCK = 7_146_551_001  # any constant: serializes concurrent upgrades on PostgreSQL
_SCRIPTS = Path(__file__).resolve().parent


def alembic_config(url: str | None = None) -> Config:
    """Alembic configuration built in code: no alembic.ini is needed at runtime."""
    config = Config()
    config.set_main_option("script_location", str(_SCRIPTS))
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Migrate the database at ``url``; safe to run from several processes at once."""
    config = alembic_config(url)
    with engine_for(url).begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(sa.select(sa.func.pg_advisory_xact_lock(_MIGRATION_LOCK)))
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(url: str) -> str | None:
    """The revision the database is at (``None`` before the first upgrade)."""
    with reader(engine_for(url)).connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
