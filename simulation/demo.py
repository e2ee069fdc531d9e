"""``hireloop demo``: the whole product on the embedded stack in one command.

Starts (or reuses) the Temporal dev server and a worker, migrates the SQLite
ledger, deploys the default definition, lets seeded synthetic applicants
arrive and pushes them through every stage with simulated people (some
answer the AI interview by voice: espeak-ng speech that Whisper transcribes
and LightGBM scores), prints the funnel, verifies every hash chain, and
stops what it started.

Timers are compressed (``time_scale``, recorded on each candidate's
``process.started``): a definition day passes in 1.5 s, so the 90-day
probation takes 135 s. The windows in which a simulated person must act
are compressed alike: booking and answering 7.5 s, the offer 10.5 s, the
appeal 3 s. At 5 days = 3 s, with all 50 applicants started in the same
second, 12 of 38 interviews expired unanswered on the shared 2-core
machine: every interview opened within the same few seconds, the worker
took 0.1-0.3 s per workflow task, and speakers synthesised their audio
inside the window. Now applicants arrive one a second, speakers record
before their slot and everyone answers as the interview opens; the slowest
reaction seen at a load of 6-10 was 3.2 s (consent and booking, with a day
in one second and two arrivals a second), well inside these windows.
"""

import asyncio
import time
from dataclasses import dataclass
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from adapters.speech.whisper_ct2 import ensure_checkpoint
from definitions.loader import BUILTIN_DIR, load_file
from domain.audit.funnel import funnel
from domain.record.chain import BrokenLink
from domain.record.events import RecordedEvent
from hireloop.runtime.settings import Settings
from hireloop.runtime.stack import UI_PORT, Stack
from ledger.blobs import BlobStore
from ledger.db import display_url, engine_for
from ledger.event_store import EventStore
from ledger.stores.deployments import DefinitionRegistry
from migrations.runner import upgrade
from simulation.people import Persona, Simulator, start_population

DEMO_TIME_SCALE = 1.5 / 86400
"""A definition day in 1.5 s (the module docstring says why not faster)."""


@dataclass(frozen=True)
class DemoOptions:
    candidates: int = 50
    seed: int = 7
    keep_running: bool = False
    time_scale: float = DEMO_TIME_SCALE
    timeout: float = 900.0
    voice_share: float = 0.2
    arrivals_per_s: float = 1.0


@dataclass(frozen=True)
class VoiceFigures:
    """What the voice candidates show: real speech through Whisper and LightGBM."""

    speakers: int
    """Candidates who answered the AI interview by voice."""
    transcribed: int
    """Their answers Whisper transcribed."""
    scored: int
    """Of those, the answers LightGBM scored (usable transcripts of scored interviews)."""


def voice_figures(events: list[RecordedEvent]) -> VoiceFigures:
    speakers = {
        e.stream
        for e in events
        if e.type == "interview.answer_submitted" and e.payload["kind"] == "audio"
    }
    transcribed = [
        e
        for e in events
        if e.type == "interview.answer_transcribed" and e.payload["status"] == "ok"
    ]
    scored_interviews = {e.workflow_id for e in events if e.type == "interview.scored"}
    return VoiceFigures(
        speakers=len(speakers),
        transcribed=len(transcribed),
        scored=sum(
            1
            for e in transcribed
            if e.payload["problem"] is None and e.workflow_id in scored_interviews
        ),
    )


@dataclass(frozen=True)
class DemoRun:
    """What one demo run did: the summary prints it, tests check it."""

    personas: dict[str, Persona]
    simulator: Simulator
    events: list[RecordedEvent]
    """Every event of this run's candidates, stream by stream."""
    broken: list[BrokenLink]
    """Broken hash-chain links anywhere in the ledger."""
    ledger_candidates: int
    """Candidates in the ledger, this run's and any earlier run's."""
    elapsed_s: float
    kept_running: bool


async def run_demo(settings: Settings, options: DemoOptions, console: Console) -> int:
    """The command: play the season, print what happened; 1 if a chain is broken."""
    run = await play(settings, options, console)
    summarise(run, settings, console)
    return 0 if not run.broken else 1


async def play(settings: Settings, options: DemoOptions, console: Console) -> DemoRun:
    """Steps 1-4: the stack, the ledger, the worker, then the applicants and
    the people around them until every lifecycle has finished."""
    stack = Stack(settings)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    try:
        console.print("[bold]1/5[/] Temporal dev server ...")
        client = await stack.ensure_server()
        console.print(f"[bold]2/5[/] ledger migrations on {display_url(settings.database_url)}")
        upgrade(settings.database_url)
        engine = engine_for(settings.database_url)
        console.print("[bold]3/5[/] worker, models and definition")
        console.print(f"      Whisper model {ensure_checkpoint(settings.whisper_checkpoint)}")
        stack.start_worker()
        definition, source = load_file(BUILTIN_DIR / "campus_hire.yaml")
        deployment = DefinitionRegistry(engine).deploy(definition, source)
        console.print(f"      deployed {deployment.definition_id} v{deployment.version}")
        await stack.wait_for_worker(client)
        console.print(
            f"[bold]4/5[/] {options.candidates} applicants arriving, "
            f"{options.arrivals_per_s:g} a second; simulated people at work"
        )
        started = time.perf_counter()
        personas: dict[str, Persona] = {}
        simulator = Simulator(
            client,
            engine,
            personas,
            BlobStore(settings.blob_dir),
            seed=options.seed,
            expected=options.candidates,
        )
        people = asyncio.create_task(simulator.run(timeout=options.timeout))
        arrivals = asyncio.create_task(
            start_population(
                client,
                engine,
                settings.task_queue,
                options.candidates,
                options.seed,
                f"R-DEMO-{options.seed}",
                options.time_scale,
                voice_share=options.voice_share,
                arrivals_per_s=options.arrivals_per_s,
                personas=personas,
            )
        )
        try:
            await _follow(asyncio.gather(people, arrivals), simulator, options, console)
        finally:
            people.cancel()
            arrivals.cancel()
        elapsed = time.perf_counter() - started
        store = EventStore(engine)
        if options.keep_running:
            stack.processes.clear()
        return DemoRun(
            personas=personas,
            simulator=simulator,
            events=[e for cid in personas for e in store.stream(cid)],
            broken=store.verify(),
            ledger_candidates=len(store.streams()),
            elapsed_s=elapsed,
            kept_running=options.keep_running,
        )
    finally:
        stack.stop()


async def _follow(
    work: "asyncio.Future[Any]", simulator: Simulator, options: DemoOptions, console: Console
) -> None:
    with Progress(
        TextColumn("      lifecycles finished"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    ) as progress:
        bar = progress.add_task("finished", total=options.candidates)
        while not work.done():
            progress.update(bar, completed=len(simulator.finished))
            await asyncio.sleep(0.25)
        progress.update(bar, completed=len(simulator.finished))
        await work


def summarise(run: DemoRun, settings: Settings, console: Console) -> None:
    """Step 5: the funnel, the outcomes, the chains, the voices, and what to try next."""
    report = funnel(run.events)
    console.print(f"[bold]5/5[/] done in {run.elapsed_s:.1f} s: {len(run.events)} events written")
    table = Table(title="Funnel (candidates who reached each stage)")
    table.add_column("stage")
    table.add_column("candidates", justify="right")
    table.add_column("of applicants", justify="right")
    for stage, count in report.reached.items():
        table.add_row(stage, str(count), f"{100 * count / max(1, report.candidates):.0f} %")
    console.print(table)
    outcomes = Table(title="Outcomes")
    outcomes.add_column("outcome")
    outcomes.add_column("candidates", justify="right")
    for outcome, count in report.outcomes.items():
        outcomes.add_row(outcome, str(count))
    console.print(outcomes)
    console.print(
        f"hash chains: {'all verify' if not run.broken else f'{len(run.broken)} BROKEN'} "
        f"({run.ledger_candidates} candidates in the ledger)"
    )
    interviewed = sorted({e.stream for e in run.events if e.type == "interview.report_issued"})
    voice = voice_figures(run.events)
    console.print(
        f"AI interviews: {len(interviewed)} reports issued; {voice.speakers} candidates "
        f"spoke their answers: {voice.transcribed} spoken answers transcribed by Whisper, "
        f"{voice.scored} scored by LightGBM"
    )
    missed = run.simulator.missed
    console.print(
        "simulated people: "
        + (
            f"[red]{sum(missed.values())} actions came after their step had closed[/] "
            f"({', '.join(f'{kind} {n}' for kind, n in sorted(missed.items()))})"
            if missed
            else "every action reached its step while it was open"
        )
    )
    sample = next(iter(run.personas))
    if interviewed:
        console.print(f"try:    hireloop interview report {interviewed[0]}")
    console.print(f"Temporal Web UI: http://localhost:{UI_PORT}  (namespace {settings.namespace})")
    console.print(f"ledger: {display_url(settings.database_url)}")
    console.print(
        f"try:    hireloop history {sample}  |  hireloop replay {sample}  |  hireloop verify"
    )
    if run.kept_running:
        console.print(
            "the stack keeps running (--keep-running); stop it with Ctrl-C or `make stop`"
        )
