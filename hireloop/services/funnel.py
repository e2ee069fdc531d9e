"""The funnel report's I/O: read the ledger in one streaming pass, write CSV and PNG.

The counting itself is ``domain.audit.funnel`` (pure). This side only decides how
to feed it: one query for the six event types the fold reads, ordered by
``(stream, sequence)`` (the unique index), fetched in batches (a server-side
cursor on PostgreSQL), so a ledger of millions of events is never held in
memory: one candidate's events at a time, plus the running totals.

CSV columns (one row per stage, in ``STAGE_ORDER``; rates are fractions
0..1 with four decimals, empty when undefined; times are seconds of ledger
time):

* ``stage``; ``reached``: candidates who entered it; ``reached_of_applicants``
* ``passed_on``: reached a later stage; ``pass_rate``: passed_on / reached;
  ``decided_pass_rate``: passed_on / (reached - running)
* ``dropped``: ended here with an outcome other than withdrawn or hired;
  ``withdrawn``; ``drop_off_rate``: (dropped + withdrawn) / reached;
  ``hired``: ended here hired; ``running``: still at this stage
* ``ended_outcomes``: the drops by outcome, ``outcome=count`` joined by ``;``
* ``time_in_stage_count`` / ``_median_s`` / ``_p90_s``: over candidates who
  have left the stage
"""

import csv
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from domain.audit.funnel import FunnelReport, funnel
from domain.audit.funnel_facts import COUNTED_FROM, FUNNEL_EVENT_TYPES
from domain.record.events import as_utc
from ledger.db import reader
from ledger.models import Event

BATCH = 5000
CSV_COLUMNS = (
    "stage",
    "reached",
    "reached_of_applicants",
    "passed_on",
    "pass_rate",
    "decided_pass_rate",
    "dropped",
    "withdrawn",
    "drop_off_rate",
    "hired",
    "running",
    "ended_outcomes",
    "time_in_stage_count",
    "time_in_stage_median_s",
    "time_in_stage_p90_s",
)


class FunnelRow(NamedTuple):
    """The five columns the fold reads: no hashes, no actor, no validation cost."""

    stream: str
    type: str
    payload: dict[str, Any]
    occurred_at: datetime
    definition_id: str


def ledger_funnel(
    engine: Engine, definition_id: str | None = None, since: datetime | None = None
) -> FunnelReport:
    """The funnel of every candidate in the ledger (or of one definition's, or
    of those who applied since an instant), in one streaming pass."""
    return funnel(_rows(engine, definition_id, since), definition_id, since)


def _rows(engine: Engine, definition_id: str | None, since: datetime | None) -> Iterator[FunnelRow]:
    query = (
        sa.select(Event.stream, Event.type, Event.payload, Event.occurred_at, Event.definition_id)
        .where(Event.type.in_(sorted(FUNNEL_EVENT_TYPES)))
        .order_by(Event.stream, Event.sequence)
    )
    if definition_id is not None or since is not None:
        # Skip streams that cannot match; the fold still decides exactly (a
        # candidate's definition and application time are its first entry's).
        entries = sa.select(Event.stream).where(Event.type.in_(sorted(COUNTED_FROM)))
        if definition_id is not None:
            entries = entries.where(Event.definition_id == definition_id)
        if since is not None:
            entries = entries.where(Event.occurred_at >= as_utc(since))
        query = query.where(Event.stream.in_(entries))
    with reader(engine).connect() as connection:
        result = connection.execution_options(stream_results=True, yield_per=BATCH).execute(query)
        for stream, kind, payload, occurred_at, definition in result:
            yield FunnelRow(stream, kind, payload, as_utc(occurred_at), definition)


def _rate(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def _seconds(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


def write_csv(report: FunnelReport, path: Path) -> None:
    """One row per stage with the columns above (UTF-8, comma-separated)."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for figures in report.stages:
            writer.writerow(
                [
                    figures.stage,
                    figures.reached,
                    _rate(figures.reached / report.candidates if report.candidates else None),
                    figures.passed_on,
                    _rate(figures.pass_rate),
                    _rate(figures.decided_pass_rate),
                    figures.dropped,
                    figures.withdrawn,
                    _rate(figures.drop_off_rate),
                    figures.hired,
                    figures.running,
                    ";".join(f"{outcome}={count}" for outcome, count in figures.ended.items()),
                    figures.time.count,
                    _seconds(figures.time.median_s),
                    _seconds(figures.time.p90_s),
                ]
            )


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f} %"


def write_png(report: FunnelReport, path: Path) -> None:
    """A horizontal funnel: one centred bar per stage (and the hires), each
    labelled with its count and share of applicants, the pass rate beside it.
    Drawn on the Agg canvas directly: no pyplot state, no display needed.
    matplotlib is imported here, not at the top: it costs every other CLI
    command half a second to load."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    labels = [figures.stage.replace("_", " ") for figures in report.stages] + ["hired"]
    counts = [figures.reached for figures in report.stages] + [report.hired]
    widest = max([*counts, 1])
    figure = Figure(figsize=(10, 6), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    rows = list(range(len(labels)))
    colours = ["#4C72B0"] * len(report.stages) + ["#55A868"]
    axes.barh(rows, counts, left=[(widest - c) / 2 for c in counts], color=colours, height=0.7)
    for row, count in zip(rows, counts, strict=True):
        share = count / report.candidates if report.candidates else None
        axes.text(
            widest / 2,
            row,
            f"{count}  ({_percent(share)})",
            ha="center",
            va="center",
            fontsize=9,
            color="black",
            bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.8},
        )
    for row, figures in zip(rows, report.stages, strict=False):
        hired = figures.hired / figures.reached if figures.reached else None
        axes.text(
            widest * 1.03,
            row,
            f"hired {_percent(hired)}"
            if figures.final
            else f"pass rate {_percent(figures.pass_rate)}",
            va="center",
            fontsize=9,
            color="#333333",
        )
    axes.set_yticks(rows, labels=labels)
    axes.invert_yaxis()
    axes.set_xlim(0, widest * 1.3)
    axes.set_xticks([])
    for side in ("top", "right", "bottom"):
        axes.spines[side].set_visible(False)
    scope = f"definition {report.definition_id}" if report.definition_id else "all definitions"
    since = f", applied since {report.since.date().isoformat()}" if report.since else ""
    figure.suptitle(f"Recruiting funnel: {scope}", fontsize=14, fontweight="bold")
    axes.set_title(
        f"{report.candidates} applicants{since}; {report.running} still running; "
        f"hired {report.hired} ({_percent(report.hire_rate)}); "
        f"AI interview pass rate {_percent(report.ai_pass_rate)}",
        fontsize=10,
    )
    if not report.candidates:
        axes.text(
            widest * 0.65, len(rows) / 2, "no candidates", ha="center", fontsize=16, color="#888888"
        )
    figure.text(
        0.01,
        0.01,
        "pass rate: reached a later stage / reached (still-running candidates count as not "
        "passed); bar labels: candidates (share of applicants)",
        fontsize=8,
        color="#666666",
    )
    figure.tight_layout(rect=(0, 0.03, 1, 1))
    figure.savefig(path, format="png")
