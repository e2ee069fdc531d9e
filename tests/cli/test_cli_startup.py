"""Start-up cost is part of the CLI's interface (issue 8).

``hireloop --help``, every group's and command's ``--help`` and the commands
that only read the ledger must not load the heavy libraries that a few
commands need (Temporal, LightGBM, Whisper, plotting, Chinese segmentation).
Each case runs in a fresh interpreter, because this test process has long
imported them all; what is pinned is which modules get imported, not how
long that takes (``bench/cli_startup.py`` measures the time).
"""

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from domain.record.events import EventDraft
from ledger.db import engine_for
from ledger.event_store import EventStore
from tests.cli.cli_harness import Cli

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("torch", "whisper", "lightgbm", "temporalio", "matplotlib", "jieba", "sklearn", "scipy")
# What the ledger-only commands also do without: migrating (a database at the
# head is not migrated) and the definition validator's CEL compiler.
NOT_FOR_LEDGER_READS = (*HEAVY, "alembic", "celpy")

# Runs in the child: invokes each argument list (a JSON list of lists), exits 1
# with the output of the first that fails, and prints the loaded top-level
# packages among argv[2] (a JSON list).
RUN_AND_LIST = """
import json, sys
from click.testing import CliRunner
from hireloop.cli import main

runner = CliRunner()
for args in json.loads(sys.argv[1]):
    result = runner.invoke(main, args)
    if result.exit_code != 0:
        sys.exit(f"hireloop {' '.join(args)} exited {result.exit_code}: {result.output}")
loaded = {name.partition(".")[0] for name in sys.modules}
print(json.dumps(sorted(loaded & set(json.loads(sys.argv[2])))))
"""


def _loaded_after(
    invocations: list[list[str]], watched: tuple[str, ...], env: dict[str, str]
) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST, json.dumps(invocations), json.dumps(watched)],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    loaded: list[str] = json.loads(done.stdout)
    return loaded


def _help_invocations() -> list[list[str]]:
    """``--help`` of the top level and of every group and command under it."""
    import click

    from hireloop.cli import main

    found: list[list[str]] = []

    def walk(command: click.Command, path: list[str]) -> None:
        found.append([*path, "--help"])
        if isinstance(command, click.Group):
            for name, sub in sorted(command.commands.items()):
                walk(sub, [*path, name])

    walk(main, [])
    return found


def test_help_everywhere_loads_no_heavy_library(bare_cli: Cli) -> None:
    invocations = _help_invocations()
    assert ["db", "--help"] in invocations and ["fit", "score", "--help"] in invocations
    assert _loaded_after(invocations, HEAVY, bare_cli.env) == []


def test_ledger_only_commands_load_no_heavy_library(cli: Cli) -> None:
    stream = "cand_startup"
    timeline: list[tuple[str, dict[str, Any]]] = [
        ("process.started", {"variables": {}}),
        ("stage.entered", {"stage": "screening"}),
    ]
    EventStore(engine_for(cli.url)).append(
        [
            EventDraft(
                key=f"{stream}:{index}",
                stream=stream,
                type=kind,
                payload=payload,
                definition_id="campus_hire",
                definition_version=1,
                workflow_id=f"candidate-{stream}",
                run_id="run-1",
                occurred_at=datetime(2025, 3, 1, 9, index, tzinfo=UTC),
            )
            for index, (kind, payload) in enumerate(timeline)
        ]
    )
    invocations = [
        ["verify"],
        ["history", stream],
        ["replay", stream],
        ["definitions", "list"],
        ["requisitions", "list"],
        ["tasks", "list"],
        ["db", "upgrade"],
    ]
    assert _loaded_after(invocations, NOT_FOR_LEDGER_READS, cli.env) == []
