"""Running the migrations: the only way the ledger's schema is made or changed.

Lives beside the migration scripts, not in ``ledger``, so the arrow runs one
way: the scripts' environment imports the ledger's models, the ledger never
imports its migrations.

Every CLI command that reads the ledger first checks that it is at the head
revision. That check reads the version table and the scripts' revision
identifiers without importing Alembic, which would add about a fifth to such
a command's start-up (``bench/cli_startup.py``); Alembic is imported only to
migrate. A test holds the answers equal to Alembic's.
"""

import ast
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa

from ledger.db import engine_for, reader

if TYPE_CHECKING:
    from alembic.config import Config

_MIGRATION_LOCK = 7_146_551_001  # any constant: serializes concurrent upgrades on PostgreSQL
_SCRIPTS = Path(__file__).resolve().parent
_VERSION_TABLE = "alembic_version"  # Alembic's default, which env.py keeps


def alembic_config(url: str | None = None) -> "Config":
    """Alembic configuration built in code: no alembic.ini is needed at runtime."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_SCRIPTS))
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Migrate the database at ``url``; safe to run from several processes at once.

    A database already at the head is left alone without loading Alembic
    (schemas only move forward, so what was read stays true)."""
    head = head_revision()
    if revision in ("head", head) and current_revision(url) == head:
        return
    from alembic import command

    config = alembic_config(url)
    with engine_for(url).begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(sa.select(sa.func.pg_advisory_xact_lock(_MIGRATION_LOCK)))
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def head_revision() -> str | None:
    """The revision no script revises, from the ``revision`` and ``down_revision``
    assignments that Alembic's template writes at the top of every script."""
    revised: set[str] = set()
    revisions: set[str] = set()
    for path in (_SCRIPTS / "versions").glob("*.py"):
        values = _assignments(path)
        if "revision" not in values:
            continue  # the package's __init__.py
        revisions.add(str(values["revision"]))
        down = values.get("down_revision")  # None, one revision, or several (a merge)
        if isinstance(down, str):
            revised.add(down)
        elif isinstance(down, tuple | list):
            revised.update(str(parent) for parent in down)
    heads = revisions - revised
    if len(heads) > 1:
        raise RuntimeError(f"the migrations have several heads: {sorted(heads)}; merge them")
    return heads.pop() if heads else None


def _assignments(path: Path) -> dict[str, object]:
    values: dict[str, object] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        targets: list[ast.expr]
        if isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        elif isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        else:
            continue
        for target in targets:
            if isinstance(target, ast.Name) and target.id in ("revision", "down_revision"):
                values[target.id] = ast.literal_eval(value)
    return values


def current_revision(url: str) -> str | None:
    """The revision the database is at (``None`` before the first upgrade)."""
    with reader(engine_for(url)).connect() as connection:
        if not sa.inspect(connection).has_table(_VERSION_TABLE):
            return None
        rows = connection.execute(sa.text(f"SELECT version_num FROM {_VERSION_TABLE}")).all()
    if len(rows) > 1:
        raise RuntimeError(f"the ledger's {_VERSION_TABLE} table names several revisions")
    return str(rows[0][0]) if rows else None
