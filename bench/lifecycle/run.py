"""One run of the lifecycle benchmark: three stacks side by side, one window.

The three workloads (hireloop's lifecycles, the bare baseline, the
same-shape baseline) each have their own dev server and worker process, are
started at the same moments and measured over the same wall-clock window, so
the idle cost of a server and a worker (polling, housekeeping, waiting out
the timers) is inside every figure in the same amount, and other people's
load on the shared machine falls on all three alike.
"""

import asyncio
import random
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from temporalio.client import Client
from temporalio.service import RPCError, RPCStatusCode

from bench.common import BenchStack, CpuMeter, LoadSampler, bench_settings
from bench.lifecycle.baseline import NoopScript, ScriptInput, child_id
from bench.lifecycle.plan import PLAN, Plan, measured_plans
from definitions.loader import BUILTIN_DIR, load_file
from domain.record.messages import workflow_id
from hireloop.services.applications import start_application
from ledger.db import engine_for
from ledger.event_store import EventStore
from ledger.stores.deployments import DefinitionRegistry
from migrations.runner import upgrade
from simulation.people import Persona, Simulator, applicant

TIME_SCALE = 8.0 / (5 * 86400)
"""5 definition days = 8 s: far above the step latency, so no deadline fires."""
SIDES = ("lifecycle", "bare", "shape")
WILLING = Persona(
    quality=0.95,
    books_interview=True,
    finishes_interview=True,
    answers_offer=True,
    accepts_offer=True,
    manager_approves=True,
    speaks=False,  # typed answers: this bench measures the engine, bench/interview speech
)
RESUME = b"Skills: python, sql, statistics, finance, risk, internship, english, teamwork"
"""Every benchmark applicant's resume passes screening."""


@dataclass
class Options:
    candidates: int
    arrivals_per_s: float
    think_s: float
    idle_s: float
    seed: int
    timeout_s: float = 3600.0


@dataclass
class Window:
    """What one run measured."""

    wall_s: float
    cpu_s: dict[str, float]  # "<side>/<process>" -> CPU seconds in the window
    idle_rate: dict[str, float]  # the same processes' CPU s/s before the window
    finished_s: dict[str, float]  # each side's last workflow done, from the window's start
    plans: dict[Plan, int]
    lifecycle: dict[str, Any]
    load: dict[str, float]  # the machine's 1-minute load average in the window


async def _retrying_update(client: Client, workflow: str) -> None:
    """A person's step in the shape baseline; the child may not exist yet."""
    while True:
        try:
            await client.get_workflow_handle(workflow).execute_update(NoopScript.step)
            return
        except RPCError as exc:
            if exc.status != RPCStatusCode.NOT_FOUND:
                raise
            await asyncio.sleep(0.05)


async def _shape_candidate(
    client: Client, queue: str, index: int, plan: Plan, think: float
) -> None:
    """Start one same-shape workflow and answer its Updates in order, each
    after ``think`` seconds (as the simulated people take about that long)."""
    parent = f"shape-{index}"
    handle = await client.start_workflow(
        NoopScript.run, ScriptInput(plan.parent, plan.child), id=parent, task_queue=queue
    )
    for step in plan.parent.split():
        targets = [child_id(parent)] * plan.child.split().count("u") if step == "c" else []
        targets += [parent] if step == "u" else []
        for target in targets:
            await asyncio.sleep(think)
            await _retrying_update(client, target)
    await handle.result()


async def _start_stacks(stacks: dict[str, BenchStack]) -> dict[str, Client]:
    clients = dict(
        zip(SIDES, await asyncio.gather(*(s.start_server() for s in stacks.values())), strict=True)
    )
    settings = stacks["lifecycle"].settings
    upgrade(settings.database_url)
    engine = engine_for(settings.database_url)
    definition, source = load_file(BUILTIN_DIR / "campus_hire.yaml")
    DefinitionRegistry(engine).deploy(definition, source)
    stacks["lifecycle"].start_worker()
    for side in SIDES[1:]:
        stacks[side].start_worker(command=("-m", "bench.lifecycle.baseline"))
    for side, stack in stacks.items():
        await stack.wait_for_pollers(clients[side], stack.settings.task_queue)
    return clients


async def measure(tmp: Path, options: Options) -> Window:
    """Start the three stacks, idle them, then run every candidate on each;
    stop every process started, however the run ends."""
    stacks = {side: BenchStack(bench_settings(tmp / side, f"bench-{side}")) for side in SIDES}
    try:
        return await _window(stacks, await _start_stacks(stacks), options)
    finally:
        for stack in stacks.values():
            stack.stop()


async def _window(
    stacks: dict[str, BenchStack], clients: dict[str, Client], options: Options
) -> Window:
    settings = {side: stack.settings for side, stack in stacks.items()}
    engine = engine_for(settings["lifecycle"].database_url)
    roots = {f"{side}/{name}": pid for side, s in stacks.items() for name, pid in s.pids().items()}
    meter = CpuMeter(roots)
    idle_rate = await meter.rate(options.idle_s)
    rng = random.Random(options.seed)
    applicants = [
        applicant(rng, WILLING, "R-BENCH").model_copy(update={"resume": RESUME})
        for _ in range(options.candidates)
    ]
    people = Simulator(
        clients["lifecycle"],
        engine,
        {},
        seed=options.seed,
        poll_interval=0.02,
        default=WILLING,
        expected=options.candidates,
    )
    load = LoadSampler()
    load.start()
    meter.start()
    started = time.perf_counter()
    finished: dict[str, float] = {}

    async def side_done(side: str, work: Any) -> None:
        await work
        finished[side] = time.perf_counter() - started

    acting = asyncio.create_task(
        side_done("lifecycle", asyncio.wait_for(people.run(timeout=3600), options.timeout_s))
    )
    bare: list[asyncio.Task[Any]] = []
    shape: list[asyncio.Task[None]] = []
    ids: list[str] = []
    flat = ScriptInput(PLAN.flat())
    for i, person in enumerate(applicants):  # the same arrivals on every side
        ids.append(
            await start_application(
                clients["lifecycle"],
                engine,
                settings["lifecycle"].task_queue,
                "campus_hire",
                person,
                time_scale=TIME_SCALE,
            )
        )
        handle = await clients["bare"].start_workflow(
            NoopScript.run, flat, id=f"bare-{i}", task_queue=settings["bare"].task_queue
        )
        bare.append(asyncio.create_task(handle.result()))
        shape.append(
            asyncio.create_task(
                _shape_candidate(
                    clients["shape"], settings["shape"].task_queue, i, PLAN, options.think_s
                )
            )
        )
        await asyncio.sleep(
            max(0.0, started + (i + 1) / options.arrivals_per_s - time.perf_counter())
        )
        if not all(stack.alive() for stack in stacks.values()):
            raise RuntimeError("a server or worker exited during the run; see its log")
    await asyncio.gather(
        acting,
        side_done("bare", asyncio.gather(*bare)),
        side_done("shape", asyncio.gather(*shape)),
    )
    wall, cpu = meter.elapsed()
    load_in_window = load.stop()

    store = EventStore(engine)
    streams = {cid: store.stream(cid) for cid in ids}
    plans = await measured_plans(clients["lifecycle"], [workflow_id(c) for c in ids])
    outcomes = [people.finished[c] for c in ids]
    return Window(
        wall_s=wall,
        cpu_s=cpu,
        idle_rate=idle_rate,
        finished_s=finished,
        plans=dict(plans),
        lifecycle={
            "hired": outcomes.count("hired"),
            "events": sum(len(s) for s in streams.values()),
            "broken_chains": len(store.verify()),
            "step_latency_p50_s": statistics.median(people.latencies),
            "step_latency_p95_s": statistics.quantiles(people.latencies, n=20)[-1],
        },
        load=load_in_window,
    )
