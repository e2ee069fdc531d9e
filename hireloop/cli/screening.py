"""``hireloop screen import`` and ``hireloop pool ...``: batch screening and the talent pool.

``screen import`` runs a folder of resumes through the ``ScreeningBatch``
workflow, so it needs the Temporal server and a worker (``hireloop worker``);
it checks both, the folder, the requisition and the deployed definition
before queueing anything, and exits 2 with a message if one is missing.
"""

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.table import Table

from domain.errors import UserError
from hireloop.cli.support import console, echo_json, friendly, ledger, settings

if TYPE_CHECKING:  # imported by the commands that run (Temporal: see hireloop.cli)
    from temporalio.client import Client
    from temporalio.runtime import Runtime

    from domain.screening.batch import BatchProgress
    from hireloop.runtime.settings import Settings

CONNECT_TIMEOUT_S = 5.0


async def _client(config: "Settings", runtime: "Runtime") -> "Client":
    import asyncio

    from hireloop.runtime.temporal_client import connect

    try:
        return await asyncio.wait_for(connect(config, runtime), CONNECT_TIMEOUT_S)
    except Exception:
        raise UserError(
            f"no Temporal server answers at {config.temporal_address}; start one "
            "(`temporal server start-dev`, or `hireloop demo --keep-running`) or fix "
            "HIRELOOP_TEMPORAL_ADDRESS"
        ) from None


@click.group("screen")
def screen() -> None:
    """Batch screening of resume files against a requisition."""


@screen.command("import")
@click.argument("directory", type=click.Path(path_type=Path, file_okay=True))
@click.option("--requisition", "requisition_id", required=True, help="The requisition id.")
@click.option(
    "--pool-consent",
    default="none",
    show_default=True,
    metavar="all|none|FILE",
    help="Who agreed to be kept in the talent pool: all, none, or a file listing "
    "resume file names (one per line).",
)
@click.option(
    "--chunk-size",
    default=1000,
    show_default=True,
    type=click.IntRange(1, 10_000),
    help="Applicants per chunk activity.",
)
@click.option(
    "--parallelism",
    default=4,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Chunks in flight (each worker process screens one at a time).",
)
@click.option(
    "--definition",
    "definition_id",
    default="campus_hire",
    show_default=True,
    help="The lifecycle those who advance start (at the AI interview).",
)
@click.option(
    "--as-of",
    type=click.DateTime(["%Y-%m-%d"]),
    help="The date 'present' means in resumes (default: today).",
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable summary, no progress bar.")
@click.pass_context
@friendly
def import_command(
    ctx: click.Context,
    directory: Path,
    requisition_id: str,
    pool_consent: str,
    chunk_size: int,
    parallelism: int,
    definition_id: str,
    as_of: datetime | None,
    as_json: bool,
) -> None:
    """Screen every resume in DIRECTORY for a requisition (rerunning skips what is done)."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    from domain.screening.batch import OUTCOMES
    from hireloop.runtime.temporal_client import run_in_runtime
    from hireloop.services.screening import ConsentSource, check_directory, import_resumes
    from ledger.stores.requisitions import RequisitionStore

    config = settings(ctx)
    check_directory(directory)
    consent = ConsentSource.parse(pool_consent)
    engine = ledger(ctx)
    RequisitionStore(engine).get(requisition_id)
    day = as_of.date() if as_of is not None else date.today()

    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console(),
        disable=as_json,
    )
    task = progress.add_task("scoring", total=None)

    def started(applicants: int) -> None:
        progress.update(task, total=applicants)

    def advanced(state: "BatchProgress") -> None:
        done = state.scored if state.phase == "scoring" else state.decided
        if state.phase == "starting":
            done = state.lifecycles_started
            progress.update(task, total=state.advancing)
        label = {
            "scoring": "scoring",
            "pool_line": "pool line",
            "deciding": "deciding",
            "starting": "starting AI interviews",
        }
        progress.update(task, completed=done, description=label.get(state.phase, "done"))

    async def go(runtime: "Runtime") -> dict[str, object]:
        client = await _client(config, runtime)
        summary = await import_resumes(
            client,
            engine,
            config,
            directory,
            requisition_id,
            consent=consent,
            chunk_size=chunk_size,
            parallelism=parallelism,
            definition_id=definition_id,
            as_of=day,
            on_start=started,
            on_progress=advanced,
        )
        return summary.as_dict()

    with progress:
        result = run_in_runtime(go)
    if as_json:
        echo_json(result)
        return
    table = Table("outcome", "applicants")
    outcomes = result["outcomes"]
    assert isinstance(outcomes, dict)
    for outcome in OUTCOMES:
        table.add_row(outcome, str(outcomes.get(outcome, 0)))
    out = console()
    out.print(table)
    out.print(
        f"{result['files']} files ({result['duplicate_files']} duplicates), "
        f"{result['skipped_already_screened']} already screened and skipped, "
        f"{result['screened']} screened in {result['seconds']} s "
        f"({result['resumes_per_second'] or 0} resumes/s); {result['events']} events; "
        f"{result['lifecycles_started']} lifecycles started at the AI interview; "
        f"talent-pool line {result['talent_pool_line']}"
    )


@click.group("pool")
def pool() -> None:
    """The talent pool: re-match strong past applicants to a new requisition."""


@pool.command("match")
@click.argument("requisition_id", metavar="REQUISITION")
@click.option("--top", default=20, show_default=True, type=click.IntRange(1, 100_000))
@click.option("--invite", is_flag=True, help="Invite those above the line (outbox + event).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
@friendly
def match_command(
    ctx: click.Context, requisition_id: str, top: int, invite: bool, as_json: bool
) -> None:
    """Re-score consenting pool members against REQUISITION and show (or invite) the best."""
    from hireloop.services.talent_pool import match

    report = match(
        ledger(ctx), settings(ctx).scoring_models, requisition_id, top=top, invite=invite
    )
    if as_json:
        echo_json(
            {
                "requisition_id": report.requisition_id,
                "members": report.members,
                "considered": report.considered,
                "invited_now": report.invited_now,
                "model_version": report.model_version,
                "matches": [m.__dict__ for m in report.matches],
            }
        )
        return
    table = Table("rank", "candidate", "score", "above line", "unmet", "pooled from", "invited")
    for m in report.matches:
        table.add_row(
            str(m.rank),
            m.candidate_id,
            f"{m.score:.1f}",
            "yes" if m.above_line else "no",
            ", ".join(m.unmet),
            m.from_requisition,
            "yes" if m.invited else "",
        )
    out = console()
    out.print(table)
    out.print(
        f"{report.considered} of {report.members} pool members considered (consent held); "
        f"{report.invited_now} invited now; model {report.model_version}"
    )


@pool.command("consent")
@click.argument("candidate_id", metavar="CANDIDATE")
@click.option("--withdraw", is_flag=True, help="The candidate no longer wants to be kept.")
@click.pass_context
@friendly
def consent_command(ctx: click.Context, candidate_id: str, withdraw: bool) -> None:
    """Record a candidate giving (default) or withdrawing talent-pool consent."""
    from ledger.vault import SubjectVault

    if not SubjectVault(ledger(ctx)).set_pool_consent(candidate_id, not withdraw):
        raise UserError(f"no candidate {candidate_id} in the vault (erased or never registered)")
    click.echo(f"{candidate_id}: talent-pool consent {'withdrawn' if withdraw else 'given'}")


def register(group: click.Group) -> None:
    """Attach this module's commands to the top-level group."""
    group.add_command(screen)
    group.add_command(pool)
