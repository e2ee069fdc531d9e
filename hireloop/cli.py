"""The ``hireloop`` command line: thin commands over the services.

Every command has ``--help``; bad input exits with code 2 and a message that
says what is wrong and how to fix it, never a traceback.
"""

import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import click

from domain.validation import DefinitionError
from hireloop.errors import UserError
from hireloop.settings import Settings

F = TypeVar("F", bound=Callable[..., Any])


def friendly(func: F) -> F:
    """Turn expected failures into a message on stderr and exit code 2."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except DefinitionError as exc:
            click.echo(f"error: definition has {len(exc.problems)} problem(s):", err=True)
            for problem in exc.problems:
                click.echo(f"  - {problem}", err=True)
            sys.exit(2)
        except UserError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.pass_context
def main(ctx: click.Context) -> None:
    """hireloop: durable, auditable candidate lifecycles on Temporal."""
    ctx.obj = Settings()


def _register() -> None:
    from hireloop import cli_compliance, cli_db, cli_definitions, cli_run

    for module in (cli_db, cli_definitions, cli_compliance, cli_run):
        module.register(main)


_register()
