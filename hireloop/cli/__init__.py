"""The ``hireloop`` command line: thin commands over the services.

Every command has ``--help``; bad input exits with code 2 and a message that
says what is wrong and how to fix it, never a traceback.
"""

import click

from hireloop.runtime.settings import Settings


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.pass_context
def main(ctx: click.Context) -> None:
    """hireloop: durable, auditable candidate lifecycles on Temporal."""
    ctx.obj = Settings()


def _register() -> None:
    from hireloop.cli import (
        compliance,
        db,
        definitions,
        interview,
        models,
        report,
        requisitions,
        run,
        scoring,
        screening,
    )

    for module in (db, definitions, compliance, run, models, scoring):
        module.register(main)
    report.register(main)
    interview.register(main)
    requisitions.register(main)
    screening.register(main)


_register()
