"""``hireloop db``: the ledger schema, which exists only through migrations."""

import click

from domain.errors import UserError
from hireloop.cli.support import friendly, reaching, settings


@click.group("db")
def db() -> None:
    """Manage the ledger database."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True, help="Target revision.")
@click.pass_context
@friendly
def upgrade_command(ctx: click.Context, revision: str) -> None:
    """Create or migrate the ledger schema (safe to run on every deploy)."""
    from ledger.db import display_url
    from migrations.runner import current_revision, upgrade

    url = settings(ctx).database_url
    with reaching(url):
        try:
            upgrade(url, revision)
        except Exception as exc:
            # Alembic is loaded only when there is migrating to do (the common
            # case on every deploy is none), so its error type is looked up here.
            from alembic.util import CommandError

            if not isinstance(exc, CommandError):
                raise
            raise UserError(f"cannot upgrade to {revision!r}: {exc}") from None
        click.echo(f"ledger at {display_url(url)} is at revision {current_revision(url)}")


def register(group: click.Group) -> None:
    """Attach this module's commands to the top-level group."""
    group.add_command(db)
