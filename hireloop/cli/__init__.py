"""The ``hireloop`` command line: thin commands over the services.

Every command has ``--help``; bad input exits with code 2 and a message that
says what is wrong and how to fix it, never a traceback.

Start-up time is part of the interface: the group modules import only click
and light modules at the top, and each command imports the libraries it uses
(Temporal, LightGBM, Whisper, matplotlib, the CEL validator, SQLAlchemy)
inside its body, so ``--help`` and the ledger-only commands do not pay for
the heavy ones (see ``bench/cli_startup.py`` and
``tests/cli/test_cli_startup.py``). Settings are read when a command first
needs them (``support.settings``), not by this group, which also runs for
``hireloop GROUP --help``.
"""

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """hireloop: durable, auditable candidate lifecycles on Temporal."""


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
