"""One run of the screening benchmark: the season imported on its own stack.

The import runs in this process, through ``hireloop.services.screening.
import_resumes`` (what ``hireloop screen import`` runs), so this process
stands for the CLI; the corpus and the baseline are made in processes of
their own before it starts (``bench.screening.corpus``, ``.baseline``).
"""

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from bench.common import (
    BenchStack,
    CpuMeter,
    LoadSampler,
    MemorySampler,
    bench_settings,
    load_average,
)
from definitions.loader import BUILTIN_DIR, load_file
from definitions.requisition_loader import load_requisition_file
from domain.screening.batch import BatchProgress
from hireloop.services.screening import ConsentSource, ImportSummary, import_resumes
from ledger.db import engine_for
from ledger.event_store import EventStore
from ledger.models import Event
from ledger.stores.deployments import DefinitionRegistry
from ledger.stores.requisitions import RequisitionStore
from migrations.runner import upgrade

REQUISITION = BUILTIN_DIR / "requisitions" / "credit_risk_analyst.yaml"


def helper(module: str, *args: str) -> dict[str, Any]:
    """Run ``python -m <module> ARGS`` in its own process; its last line is JSON."""
    out = subprocess.run(
        [sys.executable, "-m", module, *args], check=True, capture_output=True, text=True
    ).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


@dataclass
class Season:
    """What one run measured."""

    summary: ImportSummary
    decided_s: float
    cpu_decided: dict[str, float]  # CPU seconds per process until every applicant was decided
    batch_s: float
    drain_s: float
    lifecycles_in_ledger: int
    events_in_ledger: int
    broken_chains: int | None
    memory: MemorySampler
    cpu_batch: dict[str, float]
    cpu_drain: dict[str, float]
    load: dict[str, Any] = field(default_factory=dict)
    """The 1-minute load average before, and its mean and highest in each phase."""


async def measure(args: argparse.Namespace, folder: Path, as_of: date) -> Season:
    data = args.cache / "run"
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    settings = bench_settings(
        data,
        "bench-screening",
        ledger_url=args.ledger_url or f"sqlite:///{data / 'ledger.db'}",
        workflow_cache=args.workflow_cache,
    )
    upgrade(settings.database_url)
    engine = engine_for(settings.database_url)
    definition, source = load_file(BUILTIN_DIR / "campus_hire.yaml")
    DefinitionRegistry(engine).deploy(definition, source)
    requisition = load_requisition_file(REQUISITION)
    RequisitionStore(engine).create(requisition)

    stack = BenchStack(settings, pragmas=args.sqlite_pragma)
    try:
        client = await stack.start_server()
        for i in range(args.workers):
            stack.start_worker(name=f"worker{i}")
        await stack.wait_for_pollers(client, settings.task_queue)
        await asyncio.sleep(2)  # the second worker's pollers too
        roots = {"import": os.getpid(), **stack.pids()}
        memory = MemorySampler(roots)
        memory.phase = "batch"
        memory.start()
        cpu = CpuMeter(roots)
        cpu.start()
        load: dict[str, Any] = {"before": load_average()}
        sampler = LoadSampler()
        sampler.start()
        started = time.perf_counter()
        decided_at: list[float] = []
        cpu_decided: dict[str, float] = {}

        def progressed(state: BatchProgress) -> None:
            if state.phase in ("starting", "done") and not decided_at:
                decided_at.append(time.perf_counter() - started)
                cpu_decided.update(cpu.elapsed()[1])

        summary = await import_resumes(
            client,
            engine,
            settings,
            folder,
            requisition.id,
            consent=ConsentSource(everyone=True),
            chunk_size=args.chunk_size,
            parallelism=args.parallelism,
            as_of=as_of,
            on_progress=progressed,
        )
        batch_s, cpu_batch = cpu.elapsed()
        load["batch"] = sampler.stop()
        sampler = LoadSampler()
        sampler.start()
        assert summary.batch is not None
        memory.phase = "lifecycles"
        drain_started = time.perf_counter()
        started_count = 0
        count = sa.select(sa.func.count()).where(Event.type == "process.started")
        while time.perf_counter() - drain_started < args.drain_timeout:
            with engine.connect() as connection:
                started_count = connection.execute(count).scalar_one()
            if started_count >= summary.batch.lifecycles_started:
                break
            await asyncio.sleep(2)
        drain_s = time.perf_counter() - drain_started
        _, cpu_total = cpu.elapsed()
        load["drain"] = sampler.stop()
        memory.stop()
        store = EventStore(engine)
        return Season(
            summary=summary,
            decided_s=decided_at[0],
            cpu_decided=cpu_decided,
            batch_s=batch_s,
            drain_s=drain_s,
            lifecycles_in_ledger=started_count,
            events_in_ledger=store.count(),
            broken_chains=len(store.verify()) if args.verify else None,
            memory=memory,
            cpu_batch=cpu_batch,
            cpu_drain={k: v - cpu_batch[k] for k, v in cpu_total.items()},
            load=load,
        )
    except BaseException:
        stack.tail_logs()
        raise
    finally:
        stack.stop()
