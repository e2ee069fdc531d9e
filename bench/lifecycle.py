"""Benchmark: candidates through the whole default lifecycle on one dev server.

Usage: ``python bench/lifecycle.py [--candidates 200] [--seed 1]``

Candidates arrive at 2 a second (the baseline's workflows too); simulated
people answer every human step as soon as it appears in the ledger (the HR
inbox path), and every candidate is strong and willing, so all go the whole
way: screening, AI interview, second interview, offer, onboarding, training
with the 90-day probation, review.
Timers run compressed (5 definition days = 8 s, far above the measured
step latency, so no deadline fires; the probation then lasts 144 s).

Baseline, measured in the same run on the same server: a bare workflow per
candidate that executes the same number of no-op activities as the
lifecycle did on average (counted from the histories, interview child
included) and one timer, all started at once, on a worker configured like
ours (sync activities in a thread pool, in its own process).

A second baseline has the lifecycle's whole Temporal shape (the same
activities split between a parent and a child workflow, and as many Updates
as the human steps), so the remaining difference is our own code.

Because the lifecycle's wall time is set by its timers and its people, the
ratios compare what each run costs the machine: CPU seconds of the worker
process plus the Temporal server, per lifecycle. Wall-clock figures are
printed too.
"""

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from temporalio.api.enums.v1 import EventType
from temporalio.client import Client

from bench.baseline import ChainInput, NoopChain, NoopShape, ShapeInput
from definitions.loader import BUILTIN_DIR, load_file
from domain.record.messages import workflow_id
from hireloop.runtime.settings import Settings
from hireloop.runtime.stack import ROOT, Stack
from hireloop.services.applications import Applicant, start_application
from ledger.db import engine_for
from ledger.event_store import EventStore
from ledger.stores.deployments import DefinitionRegistry
from migrations.runner import upgrade
from simulation.people import Persona, Simulator, applicant

TIME_SCALE = 8.0 / (5 * 86400)
ARRIVALS_PER_S = 2.0
WILLING = Persona(
    quality=0.95,
    books_interview=True,
    finishes_interview=True,
    answers_offer=True,
    accepts_offer=True,
    manager_approves=True,
    speaks=False,  # typed answers: this bench measures the engine, bench/interview.py speech
)


def cpu_seconds(pid: int) -> float:
    """utime + stime of a live process, from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def count_activities(client: Client, ids: list[str]) -> int:
    total = 0
    for wid in ids:
        async for event in client.get_workflow_handle(wid).fetch_history_events():
            total += event.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
    return total


def replace_resume(app: Applicant) -> Applicant:
    """Every benchmark applicant has a resume that passes screening."""
    text = b"Skills: python, sql, statistics, finance, risk, internship, english, teamwork"
    return app.model_copy(update={"resume": text})


class Meter:
    """Wall time and CPU seconds of the worker and the Temporal server.

    Both processes burn a little CPU when idle (polling, housekeeping); that
    rate is measured first and subtracted, or a run that mostly waits on
    timers would be charged for the waiting.
    """

    def __init__(self, worker: subprocess.Popen[bytes], server_pid: int):
        self.pids = (worker.pid, server_pid)
        self.idle_rate = 0.0
        self.wall = 0.0
        self.cpu = 0.0

    def _cpu(self) -> float:
        return sum(cpu_seconds(pid) for pid in self.pids)

    async def calibrate(self, seconds: float = 10.0) -> None:
        before, start = self._cpu(), time.perf_counter()
        await asyncio.sleep(seconds)
        self.idle_rate = (self._cpu() - before) / (time.perf_counter() - start)

    def start(self) -> None:
        self.wall, self.cpu = time.perf_counter(), self._cpu()

    def stop(self) -> tuple[float, float]:
        """Wall seconds, and CPU seconds above the idle rate."""
        wall = time.perf_counter() - self.wall
        return wall, self._cpu() - self.cpu - self.idle_rate * wall


async def run_lifecycles(
    stack: Stack, client: Client, candidates: int, seed: int
) -> dict[str, float]:
    settings = stack.settings
    upgrade(settings.database_url)
    engine = engine_for(settings.database_url)
    definition, source = load_file(BUILTIN_DIR / "campus_hire.yaml")
    DefinitionRegistry(engine).deploy(definition, source)
    worker = stack.start_worker()
    await asyncio.sleep(3)  # let the worker connect before the clock starts
    rng = random.Random(seed)
    applicants = [replace_resume(applicant(rng, WILLING, "R-BENCH")) for _ in range(candidates)]
    meter = Meter(worker, stack.processes[0].pid)
    await meter.calibrate()
    meter.start()
    people = Simulator(
        client, engine, {}, seed=seed, poll_interval=0.02, default=WILLING, expected=candidates
    )
    acting = asyncio.create_task(people.run(timeout=3600))
    ids = []
    for a in applicants:  # applications arrive at a steady rate, as in a season
        ids.append(
            await start_application(
                client, engine, settings.task_queue, "campus_hire", a, time_scale=TIME_SCALE
            )
        )
        await asyncio.sleep(1 / ARRIVALS_PER_S)
    await acting
    wall, cpu = meter.stop()
    idle_rate = meter.idle_rate
    worker.terminate()
    worker.wait()
    store = EventStore(engine)
    streams = {cid: store.stream(cid) for cid in ids}
    children = sorted(
        {e.workflow_id for s in streams.values() for e in s if e.type == "interview.started"}
    )
    parent_activities = await count_activities(client, [workflow_id(c) for c in ids])
    child_activities = await count_activities(client, children)
    outcomes = [people.finished[c] for c in ids]
    return {
        "wall": wall,
        "cpu": cpu,
        "idle_rate": idle_rate,
        "events": sum(len(s) for s in streams.values()),
        "activities": parent_activities + child_activities,
        "child_activities": child_activities,
        "hired": outcomes.count("hired"),
        "updates": sum(
            v for k, v in people.actions.items() if k.startswith("task:") or k == "answer"
        ),
        "broken_chains": len(store.verify()),
        "latency_p50": statistics.median(people.latencies),
        "latency_p95": statistics.quantiles(people.latencies, n=20)[-1],
    }


async def run_baseline(
    stack: Stack, client: Client, candidates: int, per_workflow: int
) -> tuple[float, float]:
    worker = stack.start_worker(script=ROOT / "bench" / "baseline.py")
    await asyncio.sleep(3)
    inp = ChainInput(
        activities=per_workflow, sleep_after=(per_workflow * 2) // 3, sleep_seconds=1.0
    )
    meter = Meter(worker, stack.processes[0].pid)
    await meter.calibrate()
    meter.start()
    handles = []
    for i in range(candidates):
        handles.append(
            await client.start_workflow(
                NoopChain.run,
                inp,
                id=f"baseline-{i}-{time.time_ns()}",
                task_queue=stack.settings.task_queue,
            )
        )
        await asyncio.sleep(1 / ARRIVALS_PER_S)
    await asyncio.gather(*(h.result() for h in handles))
    result = meter.stop()
    worker.terminate()
    worker.wait()
    return result


async def run_shape(
    stack: Stack, client: Client, candidates: int, shape: ShapeInput
) -> tuple[float, float]:
    """Same Temporal shape as a lifecycle: activities, a child, the human Updates."""
    worker = stack.start_worker(script=ROOT / "bench" / "baseline.py")
    await asyncio.sleep(3)
    meter = Meter(worker, stack.processes[0].pid)
    await meter.calibrate()
    meter.start()

    async def one(i: int) -> None:
        handle = await client.start_workflow(
            NoopShape.run,
            shape,
            id=f"shape-{i}-{time.time_ns()}",
            task_queue=stack.settings.task_queue,
        )
        for _ in range(shape.updates):
            await handle.execute_update(NoopShape.step)
        await handle.result()

    runs = []
    for i in range(candidates):
        runs.append(asyncio.create_task(one(i)))
        await asyncio.sleep(1 / ARRIVALS_PER_S)
    await asyncio.gather(*runs)
    result = meter.stop()
    worker.terminate()
    worker.wait()
    return result


async def main(candidates: int, seed: int) -> None:
    with tempfile.TemporaryDirectory(prefix="hireloop-bench-") as tmp:
        settings = Settings(
            data_dir=Path(tmp),
            temporal_address=f"127.0.0.1:{free_port()}",
            task_queue="bench-lifecycle",
            tracing="none",
        )
        stack = Stack(settings, headless=True)
        try:
            client = await stack.ensure_server()
            ours = await run_lifecycles(stack, client, candidates, seed)
            per_workflow = round(ours["activities"] / candidates)
            stack.settings = Settings(**{**settings.model_dump(), "task_queue": "bench-baseline"})
            base_wall, base_cpu = await run_baseline(stack, client, candidates, per_workflow)
            child = round(ours["child_activities"] / candidates)
            shape = ShapeInput(
                activities=per_workflow - child,
                child_activities=child,
                updates=round(ours["updates"] / candidates),
                sleep_seconds=1.0,
            )
            stack.settings = Settings(**{**settings.model_dump(), "task_queue": "bench-shape"})
            shape_wall, shape_cpu = await run_shape(stack, client, candidates, shape)
        finally:
            stack.stop()
    result = {
        "candidates": candidates,
        "hired": ours["hired"],
        "wall_seconds": round(ours["wall"], 1),
        "lifecycles_per_s": round(candidates / ours["wall"], 3),
        "events": ours["events"],
        "events_per_s": round(ours["events"] / ours["wall"], 1),
        "activities_per_lifecycle": per_workflow,
        "human_updates": ours["updates"],
        "idle_cpu_rate": round(ours["idle_rate"], 4),
        "cpu_ms_per_lifecycle": round(1000 * ours["cpu"] / candidates, 1),
        "baseline_wall_seconds": round(base_wall, 1),
        "baseline_cpu_ms_per_workflow": round(1000 * base_cpu / candidates, 1),
        "ratio_cpu": round(ours["cpu"] / base_cpu, 3),
        "shape_updates_per_workflow": shape.updates,
        "shape_wall_seconds": round(shape_wall, 1),
        "shape_cpu_ms_per_workflow": round(1000 * shape_cpu / candidates, 1),
        "ratio_cpu_vs_shape": round(ours["cpu"] / shape_cpu, 3),
        "step_latency_p50_s": round(ours["latency_p50"], 3),
        "step_latency_p95_s": round(ours["latency_p95"], 3),
        "broken_chains": ours["broken_chains"],
    }
    for key, value in result.items():
        print(f"{key:>30}: {value}")
    print(json.dumps(result))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--candidates", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    asyncio.run(main(args.candidates, args.seed))
