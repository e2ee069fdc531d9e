"""The ``hireloop`` command line: thin commands over the services.

Every command has ``--help``; bad input exits with code 2 and a message that
says what is wrong and how to fix it, never a traceback.
"""

import click

from hireloop.settings import Settings


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.pass_context
def main(ctx: click.Context) -> None:
    """hireloop: durable, auditable candidate lifecycles on Temporal."""
    ctx.obj = Settings()


def _register() -> None:
    from hireloop import (
        cli_compliance,
        cli_db,
        cli_definitions,
        cli_interview,
        cli_models,
        cli_report,
        cli_requisitions,
        cli_run,
        cli_scoring,
        cli_screening,
    )

    for module in (cli_db, cli_definitions, cli_compliance, cli_run, cli_models, cli_scoring):
        module.register(main)
    cli_report.register(main)
    cli_interview.register(main)
    cli_requisitions.register(main)
    cli_screening.register(main)


_register()
