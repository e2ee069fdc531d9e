"""``hireloop interview ...``: the AI interview from both sides.

HR (by pseudonymous candidate id): ``report``, ``status``, ``pause``,
``resume``. The candidate (by the link from their invitation): ``consent``,
``book``, ``answer``, ``review``; a web front end would call the same service
layer (``hireloop.services.interviews``).
"""

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import click
from rich.table import Table

from domain.errors import UserError
from hireloop.cli.support import console, echo_json, friendly, ledger, settings

if TYPE_CHECKING:  # imported by the commands that run (see hireloop.cli)
    from domain.interview.settings import InterviewProgress

T = TypeVar("T")
REVIEW_REASONS = ["disagree_with_result", "technical_problem", "accessibility", "other"]
PAUSE_REASONS = ["technical_problem", "candidate_request", "accessibility", "other"]


@click.group("interview")
def interview() -> None:
    """The AI interview: reports and status for HR, the candidate's own steps."""


def _run(ctx: click.Context, work: Callable[[Any], Awaitable[T]]) -> T:
    from temporalio.runtime import Runtime

    from hireloop.runtime.temporal_client import connect, run_in_runtime

    async def go(runtime: Runtime) -> T:
        return await work(await connect(settings(ctx), runtime))

    return run_in_runtime(go)


def _show_progress(progress: "InterviewProgress", as_json: bool) -> None:
    if as_json:
        echo_json(progress.model_dump(mode="json"))
        return
    out = console()
    out.print(f"phase: [bold]{progress.phase}[/]   link: {progress.link_id or '-'}")
    if progress.consent:
        out.print(
            f"consent: recording {'yes' if progress.consent.recording else 'NO'}, "
            f"AI scoring {'yes' if progress.consent.ai_scoring else 'NO'}"
        )
    slots = ", ".join(f"{s.id} {s.starts_at:%Y-%m-%d %H:%M:%S}" for s in progress.slots)
    out.print(f"slots: {slots}   booked: {progress.booked_slot or '-'}")
    if progress.opens_at:
        closes = f"{progress.closes_at:%Y-%m-%d %H:%M:%S}" if progress.closes_at else "-"
        out.print(f"opens: {progress.opens_at:%Y-%m-%d %H:%M:%S}   closes: {closes}")
    out.print(
        f"answered: {', '.join(progress.answered) or '-'}   "
        f"transcribed: {', '.join(progress.transcribed) or '-'}   "
        f"next: {progress.next_question or '-'}"
    )
    if progress.review_requested:
        out.print("a human review was requested")


@interview.command("report")
@click.argument("candidate")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
@friendly
def report_command(ctx: click.Context, candidate: str, as_json: bool) -> None:
    """Print the candidate's AI-interview report: scores, evidence, model versions."""
    from hireloop.services.interviews import load_report

    report = load_report(ledger(ctx), candidate)
    if as_json:
        echo_json(report)
        return
    out = console()
    details = report["details"] or {}
    overall = report["overall_score"]
    out.print(f"[bold]AI interview report[/] for {candidate} (role {report['role']})")
    out.print(f"issued {report['issued_at']}  status [bold]{report['status']}[/]")
    if report["status"] == "human_review":
        out.print(
            "[bold yellow]no automatic decision[/]: a person decides, because "
            + ", ".join(report["review_reasons"])
        )
    if overall is not None:
        percentile = report["percentile"]
        rank = (
            f"percentile {percentile:.0f} of {report['role_population']} earlier in the role"
            if percentile is not None
            else "first report in this role (no percentile yet)"
        )
        out.print(
            f"overall [bold]{overall:.1f}[/]/100 (pass {details.get('pass_score', '-')}); {rank}"
        )
    if report.get("recommendation"):
        out.print(f"recommendation: [bold]{report['recommendation']}[/]")
    table = Table(title="Dimensions")
    for column in ("dimension", "score", "weight", "model", "conclusion"):
        table.add_column(column)
    for name, dim in (details.get("dimensions") or {}).items():
        table.add_row(
            name,
            f"{dim['score']:.1f}",
            f"{dim['weight']:.2f}",
            dim["model_version"],
            dim["conclusion"],
        )
    if table.row_count:
        out.print(table)
    for name, dim in (details.get("dimensions") or {}).items():
        for quote in dim["evidence"]:
            out.print(f"  [dim]{name} / {quote['question_id']}:[/] “{quote['quote']}”")
    asr = report.get("asr") or {}
    for question, conf in asr.items():
        logprob = conf["mean_avg_logprob"]
        shown = f"{logprob:.2f}" if logprob is not None else "none"
        out.print(
            f"  ASR {question}: mean log-prob {shown}, no-speech {conf['max_no_speech_prob']}"
        )
    versions = report.get("model_versions") or {}
    out.print(
        f"models: transcription {', '.join(versions.get('transcription') or []) or '-'}; "
        f"scoring {', '.join(sorted(set((versions.get('scoring') or {}).values()))) or '-'}"
    )
    if details:
        out.print(f"features: {', '.join(details['features'])}")
        out.print(details["not_used"])
    elif report.get("details_note"):
        out.print(report["details_note"])


@interview.command("status")
@click.argument("candidate")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
@friendly
def status_command(ctx: click.Context, candidate: str, as_json: bool) -> None:
    """Live progress of the candidate's interview (the same view the candidate has)."""
    from hireloop.services.interviews import CandidateSession, interview_of

    workflow = interview_of(ledger(ctx), candidate)
    progress = _run(ctx, lambda client: CandidateSession(client, workflow, candidate).progress())
    _show_progress(progress, as_json)


def _staff(name: Literal["pause", "resume"]) -> click.Command:
    @click.command(name)
    @click.argument("candidate")
    @click.option("--user", "user_id", required=True, help="Your user id (pseudonymous).")
    @click.option(
        "--role",
        default="recruiter",
        show_default=True,
        type=click.Choice(["recruiter", "recruiting_manager"]),
    )
    @click.option("--reason", default="other", show_default=True, type=click.Choice(PAUSE_REASONS))
    @click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
    @click.pass_context
    @friendly
    def command(
        ctx: click.Context, candidate: str, user_id: str, role: str, reason: str, as_json: bool
    ) -> None:
        from domain.record.events import Actor
        from hireloop.services.interviews import staff_action

        engine = ledger(ctx)
        actor = Actor(kind="user", user_id=user_id, role=role)
        progress = _run(
            ctx,
            lambda client: staff_action(client, engine, candidate, name, actor, reason),  # type: ignore[arg-type]
        )
        _show_progress(progress, as_json)

    command.help = f"{name.capitalize()} the candidate's interview (HR)."
    return command


def _candidate(
    ctx: click.Context, link: str, act: Callable[[Any], Awaitable["InterviewProgress"]]
) -> "InterviewProgress":
    from hireloop.services.interviews import open_link

    engine = ledger(ctx)
    return _run(ctx, lambda client: act(open_link(client, engine, link)))


@interview.command("consent")
@click.argument("link")
@click.option("--recording/--no-recording", required=True, help="May your answers be recorded?")
@click.option("--ai-scoring/--no-ai-scoring", required=True, help="May an AI model score them?")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
@friendly
def consent_command(
    ctx: click.Context, link: str, recording: bool, ai_scoring: bool, as_json: bool
) -> None:
    """Give or refuse the two consents (candidate, with the invitation link)."""
    progress = _candidate(
        ctx, link, lambda session: session.consent(recording=recording, ai_scoring=ai_scoring)
    )
    _show_progress(progress, as_json)


@interview.command("book")
@click.argument("link")
@click.argument("slot")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
@friendly
def book_command(ctx: click.Context, link: str, slot: str, as_json: bool) -> None:
    """Book one of the offered slots (see `status`), e.g. slot1."""
    _show_progress(_candidate(ctx, link, lambda session: session.book(slot)), as_json)


@interview.command("answer")
@click.argument("link")
@click.argument("question")
@click.option("--audio", type=click.Path(path_type=Path), help="A recording (WAV, FLAC, MP3, ...).")
@click.option("--text", help="A typed answer instead of a recording (an accommodation).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
@friendly
def answer_command(
    ctx: click.Context,
    link: str,
    question: str,
    audio: Path | None,
    text: str | None,
    as_json: bool,
) -> None:
    """Answer one question with a recording (--audio) or typed text (--text)."""
    from ledger.blobs import BlobStore
    from ledger.vault import SubjectVault

    if (audio is None) == (text is None):
        raise UserError("give exactly one of --audio FILE or --text TEXT")
    if audio is not None:
        try:
            content = audio.read_bytes()
        except OSError as exc:
            raise UserError(f"cannot read {audio}: {exc.strerror}") from None
        blobs = BlobStore(settings(ctx).blob_dir)
        progress = _candidate(ctx, link, lambda s: s.answer_audio(blobs, question, content))
    else:
        assert text is not None
        vault = SubjectVault(ledger(ctx))
        progress = _candidate(ctx, link, lambda s: s.answer_text(vault, question, text))
    _show_progress(progress, as_json)


@interview.command("review")
@click.argument("link")
@click.option(
    "--reason", default="disagree_with_result", show_default=True, type=click.Choice(REVIEW_REASONS)
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
@friendly
def review_command(ctx: click.Context, link: str, reason: str, as_json: bool) -> None:
    """Ask for a person, not the model, to decide (candidate; always allowed while open)."""
    progress = _candidate(ctx, link, lambda session: session.request_review(reason))
    _show_progress(progress, as_json)


interview.add_command(_staff("pause"))
interview.add_command(_staff("resume"))


def register(group: click.Group) -> None:
    group.add_command(interview)
