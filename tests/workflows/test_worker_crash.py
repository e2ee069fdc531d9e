"""Durability under a worker that is killed again and again.

Fifty seeded candidates run through the default definition while the worker
process is SIGKILLed ten times and restarted; a tenth of them answer the AI
interview by voice, so transcriptions die mid-way too. All fifty must finish, every
chain must verify, and per workflow the ledger must hold events #1..#N with
no gap (nothing lost) and no repeat (nothing duplicated).
"""

import asyncio
import os
import random
import signal
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from temporalio.client import WorkflowExecutionStatus
from temporalio.testing import WorkflowEnvironment

from definitions.loader import load_file
from domain.record.messages import workflow_id
from domain.record.state import fold
from hireloop.runtime.settings import Settings
from ledger.blobs import BlobStore
from ledger.db import engine_for
from ledger.event_store import EventStore
from ledger.stores.deployments import DefinitionRegistry
from migrations.runner import upgrade
from simulation.people import Simulator, start_population
from tests.conftest import CAMPUS_HIRE, ROOT, make_settings
from workflows.lifecycle import CandidateLifecycle

CANDIDATES = 50
KILLS = 10
TIME_SCALE = 0.6 / (5 * 86400)  # 5 definition days = 0.6 s; probation about 11 s
# Some candidates answer by voice, so transcriptions are killed mid-way too
# (the heartbeat timeout hands them to the restarted worker).
VOICE_SHARE = 0.1


def spawn_worker(settings: Settings, address: str, log: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "HIRELOOP_TEMPORAL_ADDRESS": address,
        "HIRELOOP_LEDGER_URL": settings.database_url,
        "HIRELOOP_DATA_DIR": str(settings.data_dir),
        "HIRELOOP_WHISPER_MODEL": settings.whisper_checkpoint,
        "HIRELOOP_TASK_QUEUE": settings.task_queue,
        "HIRELOOP_TRACING": "none",
    }
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, str(ROOT / "worker.py")], env=env, stdout=out, stderr=out
        )


async def test_fifty_candidates_survive_ten_worker_kills(
    dev_env: WorkflowEnvironment, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path)
    upgrade(settings.database_url)
    engine = engine_for(settings.database_url)
    definition, source = load_file(CAMPUS_HIRE)
    DefinitionRegistry(engine).deploy(definition, source)
    address = dev_env.client.service_client.config.target_host
    client = dev_env.client
    personas = await start_population(
        client,
        engine,
        settings.task_queue,
        CANDIDATES,
        2024,
        "R-CRASH",
        TIME_SCALE,
        voice_share=VOICE_SHARE,
    )
    log = tmp_path / "worker.log"
    worker = spawn_worker(settings, address, log)
    simulator = Simulator(client, engine, personas, BlobStore(settings.blob_dir), seed=5)
    people = asyncio.create_task(simulator.run(timeout=600))
    kill_rng = random.Random(99)
    try:
        for _ in range(KILLS):
            await asyncio.sleep(kill_rng.uniform(1.5, 3.0))
            worker.send_signal(signal.SIGKILL)
            worker.wait()
            await asyncio.sleep(kill_rng.uniform(0.1, 0.5))
            worker = spawn_worker(settings, address, log)
        await people
        store = EventStore(engine)
        for cid in personas:
            handle = client.get_workflow_handle_for(CandidateLifecycle.run, workflow_id(cid))
            # ``process.completed`` reaches the ledger (where the people see it)
            # in the workflow's last task; a worker killed right after that
            # write completes the workflow only once it is back.
            await asyncio.wait_for(handle.result(), timeout=120)
            assert (await handle.describe()).status == WorkflowExecutionStatus.COMPLETED
            events = store.stream(cid)
            assert fold(cid, events) == await handle.query(CandidateLifecycle.state)
            numbers: dict[str, list[int]] = defaultdict(list)
            for event in events:
                wf, _, n = event.key.rpartition("#")
                numbers[wf].append(int(n))
            for wf, seen in numbers.items():
                assert sorted(seen) == list(range(1, len(seen) + 1)), f"gap or repeat in {wf}"
        assert store.verify() == []
        assert len(simulator.finished) == CANDIDATES
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        if not people.done():
            people.cancel()
