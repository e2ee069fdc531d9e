"""The hireloop worker: runs the lifecycle workflows and every activity.

Run one per core (``python worker.py``); point ``HIRELOOP_TEMPORAL_ADDRESS``
and ``HIRELOOP_LEDGER_URL`` at a Temporal cluster and PostgreSQL to scale out
across machines. Workflows run in Temporal's sandbox with the pure ``domain``
package passed through; activities run in a thread pool because the ledger
and vault use blocking database drivers.
"""

import asyncio
import functools
import logging
import signal
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from temporalio.client import Client
from temporalio.worker import Worker
from temporalio.worker.workflow_sandbox import SandboxedWorkflowRunner, SandboxRestrictions

from activities.interview import InterviewActivities
from activities.ledger_writer import LedgerActivities
from activities.services import ServiceActivities
from activities.transcription import TranscriptionActivities
from hireloop import tracing
from hireloop.modelling.scorer import InterviewScorer
from hireloop.settings import Settings
from hireloop.temporal_client import connect
from ledger.blobs import BlobStore
from ledger.db import engine_for
from ledger.event_store import EventStore
from ledger.interviews import InterviewLinks, ReportPopulation
from ledger.outbox import Employees, Outbox
from ledger.subjects import SubjectVault
from workflows.interview import AIInterview
from workflows.lifecycle import CandidateLifecycle

WORKFLOWS = [CandidateLifecycle, AIInterview]
PASSTHROUGH = ("domain", "celpy", "lark", "pydantic", "pydantic_core")


def activities_for(settings: Settings) -> list[Any]:
    engine = engine_for(settings.database_url)
    vault = SubjectVault(engine)
    blobs = BlobStore(settings.blob_dir)
    return [
        LedgerActivities(EventStore(engine)).record_events,
        *ServiceActivities(vault, Outbox(engine), Employees(engine)).all(),
        *InterviewActivities(
            vault,
            InterviewLinks(engine, settings.public_url),
            ReportPopulation(engine),
            scorer=_scorer_loader(settings),
        ).all(),
        TranscriptionActivities(blobs, vault, settings.whisper_checkpoint).transcribe_answer,
    ]


def _scorer_loader(settings: Settings) -> Callable[[], InterviewScorer]:
    """Load the champion scoring models on first use, once per worker process."""
    return functools.cache(lambda: InterviewScorer(settings.scoring_models))


def build_worker(client: Client, settings: Settings, executor: ThreadPoolExecutor) -> Worker:
    return Worker(
        client,
        task_queue=settings.task_queue,
        workflows=WORKFLOWS,
        activities=activities_for(settings),
        activity_executor=executor,
        max_concurrent_activities=32,
        workflow_runner=SandboxedWorkflowRunner(
            restrictions=SandboxRestrictions.default.with_passthrough_modules(*PASSTHROUGH)
        ),
    )


async def run(settings: Settings) -> None:
    tracing.configure(settings, "hireloop-worker")
    client = await connect(settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    with ThreadPoolExecutor(max_workers=32) as executor:
        worker = build_worker(client, settings, executor)
        async with worker:
            logging.getLogger("hireloop").info("worker polling task queue %s", settings.task_queue)
            await stop.wait()


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    asyncio.run(run(Settings()))


if __name__ == "__main__":
    main()
