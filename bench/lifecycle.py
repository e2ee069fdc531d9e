"""Benchmark: candidates through the whole default lifecycle on one dev server.

Usage: ``python bench/lifecycle.py [--candidates 200] [--seed 1]``

All candidates start at once; simulated people answer every human step as
soon as it appears in the ledger (the HR inbox path), and every candidate is
strong and willing, so all go the whole way: screening, AI interview, second
interview, offer, onboarding, training with the 90-day probation, review.
Timers run compressed (5 definition days = 2 s, so the probation is 36 s).

Baseline, measured in the same run on the same server: a bare workflow per
candidate that executes the same number of no-op activities as the
lifecycle did on average (counted from the histories, interview child
included) with the same probation timer, all started at once, on a worker
configured like ours. Ratio = our wall time / baseline wall time.
"""

import argparse
import asyncio
import json
import random
import socket
import tempfile
import time
from pathlib import Path

from temporalio.api.enums.v1 import EventType
from temporalio.client import Client

from bench.baseline import ChainInput, NoopChain
from definitions.loader import BUILTIN_DIR, load_file
from domain.durations import parse_duration
from hireloop.applications import Applicant, start_application, workflow_id
from hireloop.settings import Settings
from hireloop.simulation import Persona, Simulator, applicant
from hireloop.stack import ROOT, Stack
from ledger.db import engine_for, upgrade
from ledger.event_store import EventStore
from ledger.registry import DefinitionRegistry

TIME_SCALE = 2.0 / (5 * 86400)
WILLING = Persona(
    quality=0.95,
    books_interview=True,
    finishes_interview=True,
    answers_offer=True,
    accepts_offer=True,
    manager_approves=True,
)


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
    applicants = [applicant(rng, WILLING, "R-BENCH") for _ in range(candidates)]
    started = time.perf_counter()
    ids = await asyncio.gather(
        *(
            start_application(
                client,
                engine,
                settings.task_queue,
                "campus_hire",
                replace_resume(a),
                time_scale=TIME_SCALE,
            )
            for a in applicants
        )
    )
    simulator = Simulator(
        client, engine, dict.fromkeys(ids, WILLING), seed=seed, poll_interval=0.02
    )
    await simulator.run(timeout=3600)
    elapsed = time.perf_counter() - started
    worker.terminate()
    worker.wait()
    store = EventStore(engine)
    streams = {cid: store.stream(cid) for cid in ids}
    events = sum(len(s) for s in streams.values())
    children = sorted(
        {e.workflow_id for s in streams.values() for e in s if e.type == "interview.started"}
    )
    activities = await count_activities(client, [workflow_id(c) for c in ids] + children)
    outcomes = [simulator.finished[c] for c in ids]
    return {
        "seconds": elapsed,
        "events": events,
        "activities": activities,
        "hired": outcomes.count("hired"),
        "updates": sum(
            v for k, v in simulator.actions.items() if k.startswith("task:") or k == "answer"
        ),
        "broken_chains": len(store.verify()),
    }


def replace_resume(app: Applicant) -> Applicant:
    """Every benchmark applicant has a resume that passes screening."""
    text = b"Skills: python, sql, statistics, finance, risk, internship, english, teamwork"
    return app.model_copy(update={"resume": text})


async def run_baseline(stack: Stack, client: Client, candidates: int, per_workflow: int) -> float:
    worker = stack.start_worker(script=ROOT / "bench" / "baseline.py")
    await asyncio.sleep(3)
    probation = parse_duration("P90D").total_seconds() * TIME_SCALE
    inp = ChainInput(
        activities=per_workflow, sleep_after=(per_workflow * 2) // 3, sleep_seconds=probation
    )
    started = time.perf_counter()
    handles = await asyncio.gather(
        *(
            client.start_workflow(
                NoopChain.run,
                inp,
                id=f"baseline-{i}-{time.time_ns()}",
                task_queue=stack.settings.task_queue,
            )
            for i in range(candidates)
        )
    )
    await asyncio.gather(*(h.result() for h in handles))
    elapsed = time.perf_counter() - started
    worker.terminate()
    worker.wait()
    return elapsed


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
            stack.settings = replace_settings(settings, task_queue="bench-baseline")
            base = await run_baseline(stack, client, candidates, per_workflow)
        finally:
            stack.stop()
    result = {
        "candidates": candidates,
        "hired": ours["hired"],
        "lifecycle_seconds": round(ours["seconds"], 2),
        "lifecycles_per_s": round(candidates / ours["seconds"], 2),
        "events": ours["events"],
        "events_per_s": round(ours["events"] / ours["seconds"], 1),
        "activities_per_lifecycle": per_workflow,
        "human_updates": ours["updates"],
        "baseline_seconds": round(base, 2),
        "baseline_workflows_per_s": round(candidates / base, 2),
        "ratio": round(ours["seconds"] / base, 3),
        "broken_chains": ours["broken_chains"],
    }
    for key, value in result.items():
        print(f"{key:>26}: {value}")
    print(json.dumps(result))


def replace_settings(settings: Settings, **changes: str) -> Settings:
    return Settings(**{**settings.model_dump(), **changes})


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    asyncio.run(main(args.candidates, args.seed))
