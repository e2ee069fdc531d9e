"""Compliance commands: a candidate's timeline, their state at any instant, chain checks.

They read the ledger only (no Temporal), so an auditor can answer "what
happened, who decided, on what inputs, and has anyone altered it" from a
database copy.
"""

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

import click
from rich.table import Table
from rich.text import Text

from domain.errors import UserError
from hireloop.cli.support import console, echo_json, friendly, ledger

if TYPE_CHECKING:  # imported by the commands that run (see hireloop.cli)
    from domain.record.events import Actor, RecordedEvent

SUMMARY_KEYS = ("stage", "node", "flow", "target", "outcome", "reason", "role", "model_version")
AT_EXAMPLE = "2025-03-01T09:30:00Z"


def _events(ctx: click.Context, candidate: str) -> list["RecordedEvent"]:
    from ledger.event_store import EventStore

    events = EventStore(ledger(ctx)).stream(candidate)
    if not events:
        raise UserError(f"no events for candidate {candidate}")
    return events


def _actor(actor: "Actor") -> str:
    if actor.kind == "system":
        return "system"
    return f"{actor.user_id or '?'} ({actor.role})" if actor.role else actor.user_id or "?"


def _short(value: Any, limit: int = 40) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def summary(payload: dict[str, Any]) -> str:
    """The facts an auditor scans for first: where, which way, what was recorded."""
    parts = [f"{key}={_short(payload[key])}" for key in SUMMARY_KEYS if key in payload]
    variables = payload.get("variables")
    if isinstance(variables, dict) and variables:
        parts.append(
            "variables: " + ", ".join(f"{k}={_short(v)}" for k, v in sorted(variables.items()))
        )
    return " ".join(parts)


def _time(moment: datetime) -> str:
    from domain.record.events import as_utc

    return as_utc(moment).isoformat(timespec="seconds").replace("+00:00", "Z")


@click.command("history")
@click.argument("candidate")
@click.option("--json", "as_json", is_flag=True, help="Every event in full, as JSON.")
@click.pass_context
@friendly
def history(ctx: click.Context, candidate: str, as_json: bool) -> None:
    """Show a candidate's timeline: every recorded transition, in order."""
    events = _events(ctx, candidate)
    if as_json:
        echo_json([event.model_dump(mode="json") for event in events])
        return
    table = Table("seq", "occurred at (UTC)", "type", "actor", "summary")
    for event in events:
        table.add_row(
            str(event.sequence),
            _time(event.occurred_at),
            Text(event.type),
            Text(_actor(event.actor)),
            Text(summary(event.payload)),
        )
    console().print(table)


def _parse_at(text: str | None) -> datetime | None:
    if text is None:
        return None
    from domain.record.events import as_utc

    try:
        return as_utc(datetime.fromisoformat(text))
    except ValueError:
        raise UserError(
            f"--at {text!r} is not an ISO-8601 timestamp; use e.g. {AT_EXAMPLE} (no zone means UTC)"
        ) from None


@click.command("replay")
@click.argument("candidate")
@click.option("--at", "at_text", metavar="TIMESTAMP", help=f"State as of then, e.g. {AT_EXAMPLE}.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
@friendly
def replay(ctx: click.Context, candidate: str, at_text: str | None, as_json: bool) -> None:
    """Rebuild a candidate's state from the ledger alone, now or at a past instant."""
    from domain.record.state import fold

    at = _parse_at(at_text)
    events = _events(ctx, candidate)
    applied = [e for e in events if at is None or e.occurred_at <= at]
    state = fold(candidate, applied)
    if as_json:
        echo_json(
            {
                "candidate_id": candidate,
                "as_of": at.isoformat() if at else None,
                "events_applied": len(applied),
                "state": state.model_dump(mode="json"),
            }
        )
        return
    as_of = _time(at) if at else "now"
    last = f"sequence {applied[-1].sequence}" if applied else "none"
    rows = {
        "as of": f"{as_of} ({len(applied)} of {len(events)} events; last applied: {last})",
        "definition": f"{state.definition_id} v{state.definition_version}"
        if state.definition_id
        else "-",
        "status": state.status,
        "stage": state.stage or "-",
        "outcome": state.outcome or "-",
        "stages": " → ".join(state.stages) or "-",
        "open tasks": ", ".join(state.open_tasks) or "-",
        "tokens": ", ".join(f"{t}@{n}" for t, n in sorted(state.tokens.items())) or "-",
        "variables": "\n".join(f"{k} = {_short(v, 80)}" for k, v in sorted(state.variables.items()))
        or "-",
    }
    table = Table(show_header=False, title=f"candidate {candidate}")
    for name, value in rows.items():
        table.add_row(name, Text(value))
    console().print(table)


@click.command("verify")
@click.argument("candidate", required=False)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
@friendly
def verify(ctx: click.Context, candidate: str | None, as_json: bool) -> None:
    """Check the hash chains (all candidates, or one); exit code 1 if any is broken."""
    from ledger.event_store import EventStore

    store = EventStore(ledger(ctx))
    count = store.count(candidate)
    if candidate is not None and count == 0:
        raise UserError(f"no events for candidate {candidate}")
    streams = 1 if candidate is not None else len(store.streams())
    broken = store.verify(candidate)
    if as_json:
        echo_json(
            {
                "streams_checked": streams,
                "events_checked": count,
                "ok": not broken,
                "broken": [
                    {"stream": link.stream, "sequence": link.sequence, "reason": link.reason}
                    for link in broken
                ],
            }
        )
    else:
        for link in broken:
            click.echo(f"BROKEN {link.stream} at sequence {link.sequence}: {link.reason}")
        verdict = "OK" if not broken else f"{len(broken)} broken stream(s)"
        click.echo(f"checked {streams} stream(s), {count} event(s): {verdict}")
    if broken:
        ctx.exit(1)


def register(group: click.Group) -> None:
    """Attach this module's commands to the top-level group."""
    for command in (history, replay, verify):
        group.add_command(command)
