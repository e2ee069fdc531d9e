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
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from typing import Any

from temporalio.client import Client
from temporalio.runtime import Runtime
from temporalio.worker import Worker

from activities.interview import InterviewActivities
from activities.ledger_writer import LedgerActivities
from activities.screening import ScreeningActivities
from activities.services import ServiceActivities
from activities.transcription import TranscriptionActivities
from adapters.ml.fit import FitScorer
from adapters.ml.scorer import InterviewScorer
from adapters.speech.model_pool import pool_for
from domain.interview.speech import SPEECH_QUEUE_SUFFIX
from domain.screening.batch import SCREENING_QUEUE_SUFFIX
from hireloop.runtime import tracing
from hireloop.runtime.settings import Settings
from hireloop.runtime.temporal_client import connect, run_in_runtime
from ledger.blobs import BlobStore
from ledger.db import engine_for
from ledger.event_store import EventStore
from ledger.outbox import Employees, Outbox
from ledger.stores.interviews import InterviewLinks, ReportPopulation
from ledger.vault import SubjectVault
from workflows.registry import WORKFLOWS, sandbox_runner

SCREENING_SLOTS = 1


def activities_for(settings: Settings) -> list[Any]:
    engine = engine_for(settings.database_url)
    vault = SubjectVault(engine)
    return [
        LedgerActivities(EventStore(engine)).record_events,
        *ServiceActivities(vault, Outbox(engine), Employees(engine)).all(),
        *InterviewActivities(
            vault,
            InterviewLinks(engine, settings.public_url),
            ReportPopulation(engine),
            scorer=_scorer_loader(settings),
        ).all(),
        *_screening(settings).batch_activities(),
    ]


def _screening(settings: Settings) -> ScreeningActivities:
    engine = engine_for(settings.database_url)
    return ScreeningActivities(engine, functools.cache(lambda: FitScorer(settings.scoring_models)))


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
        max_cached_workflows=settings.workflow_cache,
        workflow_runner=sandbox_runner(),
    )


def build_speech_worker(client: Client, settings: Settings, executor: ThreadPoolExecutor) -> Worker:
    """The speech worker: Whisper on its own task queue, ``speech_slots``
    answers at a time, each on its own model copy and one thread. Run more
    of them, on more machines, to transcribe more answers at once."""
    engine = engine_for(settings.database_url)
    transcription = TranscriptionActivities(
        BlobStore(settings.blob_dir),
        SubjectVault(engine),
        settings.whisper_checkpoint,
        slots=settings.speech_slots,
    )
    return Worker(
        client,
        task_queue=settings.task_queue + SPEECH_QUEUE_SUFFIX,
        activities=[transcription.transcribe_answer],
        activity_executor=executor,
        max_concurrent_activities=settings.speech_slots,
    )


def build_screening_worker(
    client: Client, settings: Settings, executor: ThreadPoolExecutor
) -> Worker:
    """Batch screening's chunk activities on their own queue, one at a time per
    process: parsing a chunk holds the GIL for seconds, and with the main
    worker's 32 slots the first process to poll would take every chunk while
    the others idle. Run one worker process per core to screen on every core."""
    return Worker(
        client,
        task_queue=settings.task_queue + SCREENING_QUEUE_SUFFIX,
        activities=_screening(settings).chunk_activities(),
        activity_executor=executor,
        max_concurrent_activities=SCREENING_SLOTS,
    )


@asynccontextmanager
async def running(client: Client, settings: Settings) -> AsyncIterator[None]:
    """The process's workers (lifecycles and activities, speech, screening
    chunks), polling until the block exits."""
    with (
        ThreadPoolExecutor(max_workers=32) as executor,
        ThreadPoolExecutor(
            max_workers=settings.speech_slots, thread_name_prefix="whisper"
        ) as speech,
        ThreadPoolExecutor(max_workers=SCREENING_SLOTS, thread_name_prefix="screen") as screen,
    ):
        async with (
            build_worker(client, settings, executor),
            build_speech_worker(client, settings, speech),
            build_screening_worker(client, settings, screen),
        ):
            yield


async def run(settings: Settings, runtime: Runtime | None = None) -> None:
    tracing.configure(settings, "hireloop-worker")
    client = await connect(settings, runtime)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    log = logging.getLogger("hireloop")
    # Before polling: loading torch holds the GIL for seconds, which would stall
    # the first workflow tasks; queued tasks simply wait for the worker instead.
    await loop.run_in_executor(None, _warm_speech, settings)
    async with running(client, settings):
        log.info(
            "worker polling task queue %s (and its speech and screening queues)",
            settings.task_queue,
        )
        await stop.wait()


def _warm_speech(settings: Settings) -> None:
    """Load the Whisper copies before the first answer arrives, so the first
    candidates of a fresh worker do not wait for a model load and torch's
    warm-up (5-16 s on a shared 2-core machine)."""
    try:
        pool_for(settings.whisper_checkpoint, settings.speech_slots).warm()
    except Exception as exc:  # the first transcription will report it to the workflow
        logging.getLogger("hireloop").warning("speech models not warmed: %s", exc)


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    # A runtime of its own, stopped before exit (see hireloop.runtime.temporal_client).
    run_in_runtime(lambda runtime: run(Settings(), runtime))


if __name__ == "__main__":
    main()
