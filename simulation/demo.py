"""``hireloop demo``: the whole product on the embedded stack in one command.

Starts (or reuses) the Temporal dev server and a worker, migrates the SQLite
ledger, deploys the default definition, pushes seeded synthetic applicants
through every stage with simulated people, prints the funnel, verifies every
hash chain, and stops what it started.

Timers are compressed for the demo (``time_scale``): the definition's
5 days pass in 3 seconds and the 90-day probation in 54. The
compression is recorded on each candidate's ``process.started`` event.
"""

import asyncio
import time
from dataclasses import dataclass

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from adapters.speech.whisper_ct2 import ensure_checkpoint
from definitions.loader import BUILTIN_DIR, load_file
from domain.audit.funnel import funnel
from hireloop.runtime.settings import Settings
from hireloop.runtime.stack import UI_PORT, Stack
from ledger.blobs import BlobStore
from ledger.db import display_url, engine_for
from ledger.event_store import EventStore
from ledger.stores.deployments import DefinitionRegistry
from migrations.runner import upgrade
from simulation.people import Simulator, start_population

DEMO_TIME_SCALE = 3.0 / (5 * 86400)


@dataclass(frozen=True)
class DemoOptions:
    candidates: int = 50
    seed: int = 7
    keep_running: bool = False
    time_scale: float = DEMO_TIME_SCALE
    timeout: float = 900.0
    voice_share: float = 0.2


async def run_demo(settings: Settings, options: DemoOptions, console: Console) -> int:
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
        started = time.perf_counter()
        personas = await start_population(
            client,
            engine,
            settings.task_queue,
            options.candidates,
            options.seed,
            f"R-DEMO-{options.seed}",
            options.time_scale,
            voice_share=options.voice_share,
        )
        console.print(
            f"[bold]4/5[/] {options.candidates} applicants started; simulated people at work"
        )
        simulator = Simulator(
            client, engine, personas, BlobStore(settings.blob_dir), seed=options.seed
        )
        with Progress(
            TextColumn("      lifecycles finished"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
        ) as progress:
            bar = progress.add_task("finished", total=len(personas))
            people = asyncio.create_task(simulator.run(timeout=options.timeout))
            while not people.done():
                progress.update(bar, completed=len(simulator.finished))
                await asyncio.sleep(0.25)
            progress.update(bar, completed=len(simulator.finished))
            await people
        elapsed = time.perf_counter() - started
        store = EventStore(engine)
        events = [e for cid in personas for e in store.stream(cid)]
        report = funnel(events)
        broken = store.verify()
        console.print(f"[bold]5/5[/] done in {elapsed:.1f} s: {len(events)} events written")
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
            f"hash chains: {'all verify' if not broken else f'{len(broken)} BROKEN'} "
            f"({len(store.streams())} candidates in the ledger)"
        )
        sample = next(iter(personas))
        interviewed = [
            cid
            for cid in personas
            if any(e.type == "interview.report_issued" for e in store.stream(cid))
        ]
        spoken = sum(
            1
            for e in events
            if e.type == "interview.answer_transcribed" and e.payload["problem"] is None
        )
        console.print(
            f"AI interviews: {len(interviewed)} reports issued; {spoken} spoken answers "
            "transcribed by Whisper"
        )
        if interviewed:
            console.print(f"try:    hireloop interview report {interviewed[0]}")
        console.print(
            f"Temporal Web UI: http://localhost:{UI_PORT}  (namespace {settings.namespace})"
        )
        console.print(f"ledger: {display_url(settings.database_url)}")
        console.print(
            f"try:    hireloop history {sample}  |  hireloop replay {sample}  |  hireloop verify"
        )
        if options.keep_running:
            console.print(
                "the stack keeps running (--keep-running); stop it with Ctrl-C or `make stop`"
            )
            stack.processes.clear()
        return 0 if not broken else 1
    finally:
        stack.stop()
