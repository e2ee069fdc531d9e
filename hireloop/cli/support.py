"""What every command module shares: error mapping, settings, the ledger, output.

It lives apart from ``hireloop.cli`` so command modules can import it while
``cli`` is still registering them (no circular import).
"""

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click
from rich.console import Console
from rich.table import Table

from domain.errors import UserError

if TYPE_CHECKING:  # imported where used, so `--help` loads none of them (see hireloop.cli)
    from sqlalchemy.engine import Engine

    from adapters.ml.registry import ModelCard
    from domain.process.validation import DefinitionError
    from hireloop.runtime.settings import Settings

F = TypeVar("F", bound=Callable[..., Any])


def friendly(func: F) -> F:
    """Turn expected failures into a message on stderr and exit code 2."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except UserError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)
        except ValueError as exc:
            problems = _definition_problems(exc)
            if problems is None:
                raise
            click.echo(f"error: definition has {len(problems)} problem(s):", err=True)
            for problem in problems:
                click.echo(f"  - {problem}", err=True)
            sys.exit(2)

    return wrapper  # type: ignore[return-value]


def _definition_problems(exc: ValueError) -> list[Any] | None:
    """The problems of a ``DefinitionError``, else None. The validator (it
    compiles CEL) is not imported to find out: a command that never loaded it
    cannot have raised one, and the ledger-only commands must start fast."""
    validation = sys.modules.get("domain.process.validation")
    if validation is None or not isinstance(exc, validation.DefinitionError):
        return None
    return list(cast("DefinitionError", exc).problems)


def settings(ctx: click.Context) -> "Settings":
    from hireloop.runtime.settings import Settings

    return ctx.find_object(Settings) or Settings()


@contextmanager
def reaching(url: str) -> Iterator[None]:
    """Report an unreachable or unopenable database as bad configuration, not a crash."""
    from sqlalchemy.exc import OperationalError

    from ledger.db import display_url

    try:
        yield
    except OperationalError as exc:
        raise UserError(
            f"cannot use the ledger at {display_url(url)} ({exc.orig.__class__.__name__}); "
            "check HIRELOOP_LEDGER_URL and that the database server is running"
        ) from None


def ledger(ctx: click.Context) -> "Engine":
    """The migrated ledger, or a UserError that says how to get one."""
    from ledger.db import display_url, engine_for
    from migrations.runner import current_revision, head_revision

    url = settings(ctx).database_url
    with reaching(url):
        revision = current_revision(url)
    if revision != head_revision():
        raise UserError(
            f"the ledger at {display_url(url)} is at schema revision {revision or 'none'}, "
            f"not {head_revision()}; run `hireloop db upgrade`"
        )
    return engine_for(url)


def console() -> Console:
    """Rich output for people; never used for --json, which must stay plain.
    Piped output gets a wide page so audit timelines are not cut short."""
    return Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 200)


def echo_json(value: Any) -> None:
    click.echo(json.dumps(value, indent=2, ensure_ascii=False))


def model_entry(card: "ModelCard", champion: int | None) -> dict[str, Any]:
    """One registry version as ``scoring list`` and ``fit list`` show it."""
    return {
        "model_version": card.model_version,
        "version": card.version,
        "champion": card.version == champion,
        "created": card.created.isoformat(),
        "rows": card.rows,
        "cv_rmse": card.cv.rmse,
        "cv_spearman": card.cv.spearman,
        "synthetic_training_data": card.synthetic_training_data,
    }


def show_model_entries(
    entries: list[dict[str, Any]], as_json: bool, synthetic: str, real: str
) -> None:
    """The registry listing: JSON, or a table with * on the champion and the
    kind of training data spelled out (a simulation is never mistaken for people)."""
    if as_json:
        echo_json(entries)
        return
    table = Table("", "model", "created (UTC)", "rows", "CV RMSE", "Spearman", "training data")
    for e in entries:
        table.add_row(
            "*" if e["champion"] else "",
            str(e["model_version"]),
            str(e["created"]),
            str(e["rows"]),
            f"{e['cv_rmse']:.2f}",
            f"{e['cv_spearman']:.3f}",
            synthetic if e["synthetic_training_data"] else real,
        )
    console().print(table)
