"""Commands that run things: the worker, the demo, the replay check, and the
HR inbox (open steps, completing a step)."""

import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from domain.errors import UserError
from hireloop.cli.support import console, echo_json, friendly, ledger, settings


@click.command("worker")
def worker_command() -> None:
    """Run a worker (workflows and activities) until Ctrl-C.

    Runs ``worker.py``, the worker's composition root, in this process's
    place: the application never imports the root that assembles it.
    """
    os.execv(sys.executable, [sys.executable, "-m", "worker"])


@click.command("demo")
@click.option("--candidates", default=50, show_default=True, type=click.IntRange(1, 5000))
@click.option(
    "--seed", default=7, show_default=True, help="Seed of the synthetic applicants and people."
)
@click.option("--keep-running", is_flag=True, help="Leave the dev server and worker up afterwards.")
@click.pass_context
@friendly
def demo_command(ctx: click.Context, candidates: int, seed: int, keep_running: bool) -> None:
    """Dev server + SQLite ledger + worker + a seeded recruiting season."""
    import asyncio

    from simulation.demo import DemoOptions, run_demo

    options = DemoOptions(candidates=candidates, seed=seed, keep_running=keep_running)
    raise SystemExit(asyncio.run(run_demo(settings(ctx), options, console())))


@click.command("replay-check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--from-server", is_flag=True, help="Replay recent workflows fetched from Temporal.")
@click.option("--limit", default=100, show_default=True, help="With --from-server: how many.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
@friendly
def replay_check_command(
    ctx: click.Context, paths: tuple[Path, ...], from_server: bool, limit: int, as_json: bool
) -> None:
    """Replay workflow histories against this code; exit 1 on nondeterminism.

    PATHS are history JSON files or folders of them (default: tests/histories).
    """
    from temporalio.runtime import Runtime

    from hireloop.runtime.stack import ROOT
    from hireloop.runtime.temporal_client import connect, run_in_runtime
    from hireloop.services import replay_check

    async def go(runtime: Runtime) -> list[replay_check.ReplayOutcome]:
        if from_server:
            client = await connect(settings(ctx), runtime)
            return await replay_check.replay_server(client, limit, runtime)
        default = [ROOT / "tests" / "histories"]
        return await replay_check.replay_files(list(paths) or default, runtime)

    outcomes = run_in_runtime(go)
    failed = [o for o in outcomes if o.error]
    if as_json:
        echo_json([o.__dict__ for o in outcomes])
    else:
        for o in outcomes:
            mark = "ok  " if not o.error else "FAIL"
            click.echo(f"{mark} {o.workflow_type:<18} {o.events:>5} events  {o.name}")
            if o.error:
                click.echo(f"     {o.error}")
        click.echo(f"{len(outcomes) - len(failed)} replayed cleanly, {len(failed)} failed")
    if failed:
        raise SystemExit(1)


@click.group("tasks")
def tasks() -> None:
    """The HR inbox: open human steps, and completing them."""


@tasks.command("list")
@click.option("--role", help="Only steps for this role.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
@friendly
def tasks_list(ctx: click.Context, role: str | None, as_json: bool) -> None:
    """Open steps of every running candidate, from the ledger."""
    from domain.record.state import fold
    from ledger.event_store import EventStore

    store = EventStore(ledger(ctx))
    rows: list[dict[str, Any]] = []
    for stream in store.streams():
        events = store.stream(stream)
        state = fold(stream, events)
        if state.status != "running":
            continue
        created = {e.payload["node"]: e for e in events if e.type == "task.created"}
        for node in state.open_tasks:
            event = created[node]
            if role and event.payload["role"] != role:
                continue
            rows.append(
                {
                    "candidate": stream,
                    "step": node,
                    "role": event.payload["role"],
                    "fields": event.payload["fields"],
                    "due_at": event.payload["due_at"],
                    "stage": state.stage,
                }
            )
    if as_json:
        echo_json(rows)
        return
    for row in rows:
        click.echo(
            f"{row['candidate']}  {row['stage']:<17} {row['step']:<24} {row['role']:<18} "
            f"fields: {', '.join(row['fields'])}"
        )
    click.echo(f"{len(rows)} open step(s)")


def _parse_value(raw: str) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        return raw


@tasks.command("complete")
@click.argument("candidate")
@click.argument("step")
@click.option("--user", "user_id", required=True, help="Your user id (pseudonymous).")
@click.option("--role", required=True, help="The role you act in, e.g. interviewer.")
@click.option(
    "--set", "fields", multiple=True, metavar="FIELD=VALUE", help="A form value (JSON or text)."
)
@click.pass_context
@friendly
def tasks_complete(
    ctx: click.Context, candidate: str, step: str, user_id: str, role: str, fields: tuple[str, ...]
) -> None:
    """Submit a step's form, e.g. --set second_interview_score=4 --set recommendation=hire."""
    from temporalio.runtime import Runtime

    from domain.record.events import Actor
    from hireloop.runtime.temporal_client import connect, run_in_runtime
    from hireloop.services.applications import complete_task

    values: dict[str, Any] = {}
    for item in fields:
        name, sep, raw = item.partition("=")
        if not sep or not name:
            raise UserError(f"--set {item!r}: use FIELD=VALUE, e.g. --set recommendation=hire")
        values[name] = _parse_value(raw)

    async def go(runtime: Runtime) -> None:
        client = await connect(settings(ctx), runtime)
        receipt = await complete_task(
            client, candidate, step, Actor(kind="user", user_id=user_id, role=role), values
        )
        click.echo(f"accepted: {receipt.node} at {receipt.accepted_at.isoformat()}")

    run_in_runtime(go)


def register(group: click.Group) -> None:
    """Attach this module's commands to the top-level group."""
    for command in (worker_command, demo_command, replay_check_command, tasks):
        group.add_command(command)
