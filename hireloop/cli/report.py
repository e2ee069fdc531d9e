"""Report commands: projections of the ledger for people who run recruiting.

``hireloop report funnel`` reads the ledger only (no Temporal), like the
compliance commands, so it runs against a database copy too. It checks its
arguments and output paths before the (possibly long) pass over the ledger,
so a typo costs nothing.
"""

import os
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.table import Table

from domain.errors import UserError
from hireloop.cli.support import console, echo_json, friendly, ledger, settings

if TYPE_CHECKING:  # imported by the command that runs (see hireloop.cli)
    from domain.audit.funnel import Durations, FunnelReport

SINCE_EXAMPLE = "2025-03-01 or 2025-03-01T09:30:00Z"


def parse_since(text: str | None) -> datetime | None:
    """A date (midnight UTC) or an ISO-8601 instant (no zone means UTC)."""
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise UserError(
            f"--since {text!r} is not a date; use e.g. {SINCE_EXAMPLE} (no zone means UTC)"
        ) from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _writable(path: Path, option: str) -> Path:
    """Fail before the ledger pass if the report could not be written there."""
    if path.is_dir():
        raise UserError(f"{option} {path} is a folder; give a file name, e.g. {path / 'funnel'}")
    blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
    if blocker is not None:
        raise UserError(f"{option} {path}: {blocker} is a file, not a folder; choose another path")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(
            f"{option} {path}: cannot create its folder ({exc.strerror or exc}); "
            "choose a writable path"
        ) from None
    if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise UserError(f"{option} {path} is not writable; choose a writable path")
    return path


def _default(ctx: click.Context, definition_id: str | None, suffix: str) -> Path:
    scope = f"-{re.sub(r'[^A-Za-z0-9_.-]', '_', definition_id)}" if definition_id else ""
    return settings(ctx).data_dir / "reports" / f"funnel{scope}.{suffix}"


def _duration(seconds: float | None) -> str:
    """Seconds as a person reads them: the largest unit that keeps a small number."""
    if seconds is None:
        return "–"
    for unit, size in (("d", 86400.0), ("h", 3600.0), ("min", 60.0)):
        if seconds >= 2 * size:
            return f"{seconds / size:.1f} {unit}"
    return f"{seconds:.0f} s"


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f} %"


def _spread(durations: "Durations") -> str:
    return f"{_duration(durations.median_s)} / {_duration(durations.p90_s)}"


def _print(report: "FunnelReport", csv_path: Path, png_path: Path) -> None:
    from domain.audit.funnel_facts import TIME_BASIS

    scope = f"definition {report.definition_id}" if report.definition_id else "all definitions"
    since = f", applied since {report.since.isoformat()}" if report.since else ""
    table = Table(title=f"Recruiting funnel ({scope}{since}): {report.candidates} applicants")
    for name in ("stage", "reached", "of applicants", "passed on", "pass rate"):
        table.add_column(name, justify="left" if name == "stage" else "right")
    table.add_column("dropped (by outcome)")
    for name in ("withdrawn", "hired", "running"):
        table.add_column(name, justify="right")
    table.add_column("time in stage median / p90", justify="right")
    for figures in report.stages:
        ended = ", ".join(f"{outcome} {count}" for outcome, count in figures.ended.items())
        table.add_row(
            figures.stage,
            str(figures.reached),
            _percent(figures.reached / report.candidates if report.candidates else None),
            str(figures.passed_on),
            _percent(figures.pass_rate),
            f"{figures.dropped} ({ended})" if ended else "0",
            str(figures.withdrawn),
            str(figures.hired),
            str(figures.running),
            _spread(figures.time),
        )
    out = console()
    out.print(table)
    summary = Table(show_header=False, title="End to end")
    summary.add_column("figure")
    summary.add_column("value", justify="right")
    summary.add_row("applicants (still running)", f"{report.candidates} ({report.running})")
    summary.add_row("screened in bulk", str(report.bulk_screened))
    summary.add_row("hired / applicants", f"{report.hired} ({_percent(report.hire_rate)})")
    summary.add_row(
        "AI interview passed / completed",
        f"{report.ai_passed} of {report.ai_completed} ({_percent(report.ai_pass_rate)})",
    )
    summary.add_row(
        "hired / passed AI interview",
        f"{report.hired_after_ai} of {report.ai_passed} ({_percent(report.hire_rate_after_ai)})",
    )
    summary.add_row("time to hire median / p90", _spread(report.time_to_hire))
    outcomes = ", ".join(f"{outcome} {count}" for outcome, count in report.outcomes.items())
    summary.add_row("outcomes", outcomes or "–")
    out.print(summary)
    note = f"pass rate = reached a later stage / reached; {TIME_BASIS}"
    if report.compressed:
        note += f"; {report.compressed} candidate(s) ran with compressed timers"
    out.print(f"note: {note}")
    out.print(f"CSV: {csv_path}")
    out.print(f"PNG: {png_path}")


@click.group("report")
def report() -> None:
    """Reports projected from the ledger (no Temporal needed)."""


@report.command("funnel")
@click.option(
    "--definition", "definition_id", metavar="ID", help="Only candidates on this definition."
)
@click.option(
    "--since", "since_text", metavar="DATE", help=f"Applied on or after, {SINCE_EXAMPLE}."
)
@click.option(
    "--csv",
    "csv_path",
    type=click.Path(path_type=Path),
    help="CSV file (one row per stage); default <data_dir>/reports/funnel.csv.",
)
@click.option(
    "--png",
    "png_path",
    type=click.Path(path_type=Path),
    help="PNG chart; default <data_dir>/reports/funnel.png.",
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
@friendly
def funnel_command(
    ctx: click.Context,
    definition_id: str | None,
    since_text: str | None,
    csv_path: Path | None,
    png_path: Path | None,
    as_json: bool,
) -> None:
    """The recruiting funnel: per stage reached, pass rate, drop-off and time in
    stage; AI interview pass rate vs hire rate; time to hire. Prints it and
    writes a CSV and a PNG chart."""
    from hireloop.services.funnel import ledger_funnel, write_csv, write_png
    from ledger.stores.deployments import DefinitionRegistry

    since = parse_since(since_text)
    csv_out = _writable(csv_path or _default(ctx, definition_id, "csv"), "--csv")
    png_out = _writable(png_path or _default(ctx, definition_id, "png"), "--png")
    if csv_out.resolve() == png_out.resolve():
        raise UserError(f"--csv and --png are the same file ({csv_out}); give two paths")
    engine = ledger(ctx)
    result = ledger_funnel(engine, definition_id, since)
    if definition_id is not None and result.candidates == 0:
        known = sorted({info.definition_id for info in DefinitionRegistry(engine).list()})
        if definition_id not in known:
            raise UserError(
                f"no candidates and no deployment for definition {definition_id!r} "
                f"(deployed: {', '.join(known) or 'none'}); check --definition"
            )
    try:
        write_csv(result, csv_out)
        write_png(result, png_out)
    except OSError as exc:
        raise UserError(f"cannot write the report: {exc.strerror or exc}") from None
    if as_json:
        echo_json({**result.as_dict(), "files": {"csv": str(csv_out), "png": str(png_out)}})
        return
    _print(result, csv_out, png_out)


def register(group: click.Group) -> None:
    """Attach this module's commands to the top-level group."""
    group.add_command(report)
