"""Importing a folder of resumes for one requisition through ``ScreeningBatch``.

``import_resumes`` checks everything it can before any work is queued (the
folder, the requisition, the lifecycle definition, a worker polling the task
queue), hashes every file, registers the applications (``ledger.stores.applications``:
a file already decided for this requisition is skipped, an undecided one keeps
its candidate id), writes the chunk manifests (file paths and consent flags,
on disk under the data directory, never in Temporal), starts the batch
workflow and follows its progress with the ``progress`` query.

Resumable: the batch id is a hash of the requisition and the applications
still owed work, so running the same import again while the first one's
workflow still runs (the command was interrupted, not the batch) attaches to
that workflow; once it has finished, a rerun finds everything decided and
starts nothing.
"""

import asyncio
import hashlib
import itertools
import json
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from temporalio.api.enums.v1 import TaskQueueType
from temporalio.api.taskqueue.v1 import TaskQueue
from temporalio.api.workflowservice.v1 import DescribeTaskQueueRequest
from temporalio.client import Client, WorkflowExecutionStatus, WorkflowHandle
from temporalio.exceptions import WorkflowAlreadyStartedError
from temporalio.service import RPCError

from activities.screening import manifest_path
from domain.errors import UserError
from domain.screening.batch import (
    ENTRY_VARIABLES,
    OUTCOMES,
    BatchInput,
    BatchProgress,
    BatchResult,
    batch_workflow_id,
)
from hireloop.runtime.settings import Settings
from ledger.stores.applications import ApplicationStore
from ledger.stores.deployments import DefinitionRegistry
from ledger.stores.requisitions import RequisitionStore
from workflows.screening import ScreeningBatch

DEFAULT_CHUNK = 1000
REGISTER_PART = 10_000
"""Applications registered, and their manifests written, per transaction: the
import process holds about 1 KB per applicant until its manifest is on disk."""
DEFAULT_DEFINITION = "campus_hire"


@dataclass(frozen=True)
class ConsentSource:
    """Who agreed on the application form to be kept in the talent pool:
    everybody, nobody, or the files named (one per line) in a list."""

    everyone: bool = False
    names: frozenset[str] = frozenset()

    @classmethod
    def parse(cls, value: str) -> "ConsentSource":
        if value == "all":
            return cls(everyone=True)
        if value == "none":
            return cls()
        path = Path(value)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError:
            raise UserError(
                f"--pool-consent {value}: not 'all', 'none' or a readable file listing "
                "the resume files whose applicants consented (one name per line)"
            ) from None
        return cls(names=frozenset(line.strip() for line in lines if line.strip()))

    def __call__(self, path: Path) -> bool:
        return self.everyone or path.name in self.names


@dataclass
class ImportSummary:
    requisition_id: str
    files: int
    duplicates: int
    skipped: int
    """Already decided by an earlier import of the same files."""
    batch: BatchResult | None
    seconds: float
    batch_id: str | None = None
    outcomes: dict[str, int] = field(default_factory=dict)

    @property
    def screened(self) -> int:
        return self.batch.applicants if self.batch else 0

    def as_dict(self) -> dict[str, Any]:
        batch = self.batch
        return {
            "requisition_id": self.requisition_id,
            "batch_id": self.batch_id,
            "files": self.files,
            "duplicate_files": self.duplicates,
            "skipped_already_screened": self.skipped,
            "screened": self.screened,
            "outcomes": self.outcomes,
            "events": batch.events if batch else 0,
            "lifecycles_started": batch.lifecycles_started if batch else 0,
            "lifecycles_already_running": batch.lifecycles_existing if batch else 0,
            "talent_pool_line": batch.pool_line if batch else None,
            "seconds": round(self.seconds, 3),
            "resumes_per_second": round(self.screened / self.seconds, 1) if self.seconds else None,
        }


def check_directory(directory: Path) -> None:
    if not directory.exists():
        raise UserError(f"{directory}: no such directory")
    if not directory.is_dir():
        raise UserError(f"{directory} is a file; give the folder that holds the resumes")


def resume_files(directory: Path) -> Iterator[str]:
    """Regular files of the folder and its subfolders, hidden ones left out, as
    paths relative to it, in sorted order. One folder is listed at a time, so a
    season's names are never all held (150,000 ``Path`` objects, listed twice,
    cost the import process about 100 MB: bench/screening)."""
    check_directory(directory)
    yield from _walk(directory, "")


def _walk(folder: Path, prefix: str) -> Iterator[str]:
    with os.scandir(folder) as listing:
        entries = sorted((e for e in listing if not e.name.startswith(".")), key=lambda e: e.name)
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path), f"{prefix}{entry.name}/")
        elif entry.is_file():
            yield prefix + entry.name


def _first_copies(directory: Path) -> tuple[dict[str, str], int]:
    """sha256 -> the first file (relative path) with that content, and the number
    of files: all the import keeps of a folder."""
    first: dict[str, str] = {}
    files = 0
    for name in resume_files(directory):
        try:
            digest = hashlib.sha256((directory / name).read_bytes()).hexdigest()
        except OSError as exc:
            raise UserError(f"cannot read {directory / name}: {exc.strerror}") from None
        first.setdefault(digest, name)
        files += 1
    return first, files


async def check_worker(client: Client, settings: Settings, wait_s: float = 5.0) -> None:
    """A batch with no worker would wait forever: say so instead. A worker that
    has just started shows up as a poller within a second or so, hence the wait."""
    request = DescribeTaskQueueRequest(
        namespace=settings.namespace,
        task_queue=TaskQueue(name=settings.task_queue),
        task_queue_type=TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
    )
    deadline = time.monotonic() + wait_s
    while not (await client.workflow_service.describe_task_queue(request)).pollers:
        if time.monotonic() > deadline:
            raise UserError(
                f"no worker is polling task queue '{settings.task_queue}'; start one with "
                "`hireloop worker` (or `python worker.py`) and run the import again"
            )
        await asyncio.sleep(0.25)


async def import_resumes(
    client: Client,
    engine: Engine,
    settings: Settings,
    directory: Path,
    requisition_id: str,
    *,
    consent: ConsentSource = ConsentSource(),
    chunk_size: int = DEFAULT_CHUNK,
    parallelism: int = 4,
    definition_id: str = DEFAULT_DEFINITION,
    as_of: date | None = None,
    time_scale: float = 1.0,
    on_start: Callable[[int], None] | None = None,
    on_progress: Callable[[BatchProgress], None] | None = None,
) -> ImportSummary:
    """Screen every file under ``directory`` for the requisition (see the module
    doc); ``on_start`` gets the number of applicants, ``on_progress`` the batch's
    progress about twice a second. Raises ``UserError`` before queueing anything
    when the folder, requisition, definition or worker is missing."""
    started = time.perf_counter()
    if next(resume_files(directory), None) is None:
        raise UserError(f"{directory} holds no files to import")
    RequisitionStore(engine).get(requisition_id)
    definition = DefinitionRegistry(engine).latest(definition_id)
    missing = [name for name in ENTRY_VARIABLES if name not in definition.defaults]
    if missing:
        raise UserError(
            f"definition '{definition_id}' v{definition.version} cannot start bulk-screened "
            f"candidates (it has no {' or '.join(map(repr, missing))} variable with a "
            "default); deploy the current definitions/campus_hire.yaml"
        )
    await check_worker(client, settings)

    first, files = _first_copies(directory)
    applications = ApplicationStore(engine)
    summary = ImportSummary(
        requisition_id=requisition_id,
        files=files,
        duplicates=files - len(first),
        skipped=0,
        batch=None,
        seconds=0.0,
    )
    known = applications.known(requisition_id, list(first))
    followed: set[str] = set()
    for batch_id in sorted({batch for batch, outcome in known.values() if outcome is None}):
        # An earlier import of these files was interrupted but its batch may still
        # run on the server: follow it to the end instead of doing its work twice.
        handle = client.get_workflow_handle_for(ScreeningBatch.run, batch_workflow_id(batch_id))
        try:
            running = (await handle.describe()).status == WorkflowExecutionStatus.RUNNING
        except RPCError:
            running = False
        if running:
            await _follow(handle, summary, on_start, on_progress)
            followed.add(batch_id)
    # Decided before this import, and not by a batch it followed (those it reports).
    summary.skipped = sum(
        1 for batch, outcome in known.values() if outcome is not None and batch not in followed
    )
    if followed:
        known = applications.known(requisition_id, list(first))
    owed = [digest for digest in first if known.get(digest, ("", None))[1] is None]
    if not owed:
        summary.seconds = time.perf_counter() - started
        return summary
    batch_id = hashlib.sha256("\n".join([requisition_id, *sorted(owed)]).encode()).hexdigest()[:20]
    summary.batch_id = batch_id
    manifest_dir = settings.data_dir.resolve() / "screening" / batch_id
    manifest_dir.mkdir(parents=True, exist_ok=True)
    root = directory.resolve()
    chunks = applicants = 0
    part = chunk_size * max(1, REGISTER_PART // chunk_size)
    for start in range(0, len(owed), part):
        queued = applications.register(
            requisition_id, batch_id, owed[start : start + part], chunk_size, first_chunk=chunks
        )
        for number, members in itertools.groupby(queued, key=lambda q: q.chunk):
            entries = []
            for application in members:
                path = root / first[application.document_sha256]
                entries.append(
                    {
                        "candidate_id": application.candidate_id,
                        "path": str(path),
                        "sha256": application.document_sha256,
                        "consent": consent(path),
                    }
                )
            manifest_path(manifest_dir, number).write_text(json.dumps(entries), encoding="utf-8")
            chunks = number + 1
        applicants += len(queued)

    inp = BatchInput(
        batch_id=batch_id,
        requisition_id=requisition_id,
        definition_id=definition.id,
        definition_version=definition.version,
        manifest_dir=str(manifest_dir),
        chunks=chunks,
        applicants=applicants,
        as_of=(as_of or date.today()).isoformat(),
        parallelism=parallelism,
        time_scale=time_scale,
    )
    try:
        handle = await client.start_workflow(
            ScreeningBatch.run, inp, id=batch_workflow_id(batch_id), task_queue=settings.task_queue
        )
    except WorkflowAlreadyStartedError:  # the same work is already being done: follow it
        handle = client.get_workflow_handle_for(ScreeningBatch.run, batch_workflow_id(batch_id))
    await _follow(handle, summary, on_start, on_progress)
    summary.seconds = time.perf_counter() - started
    return summary


async def _follow(
    handle: WorkflowHandle[Any, BatchResult],
    summary: ImportSummary,
    on_start: Callable[[int], None] | None,
    on_progress: Callable[[BatchProgress], None] | None,
) -> None:
    """Wait for a batch, reporting its progress; add its result to the summary."""
    result_task = asyncio.ensure_future(handle.result())
    announced = False
    while not result_task.done():
        await asyncio.wait([result_task], timeout=0.5)
        if result_task.done():
            break
        try:
            progress = await handle.query(ScreeningBatch.progress)
        except RPCError:  # a query can race the workflow's first task: skip a tick
            continue
        if not announced and on_start is not None:
            on_start(progress.applicants)
            announced = True
        if on_progress is not None:
            on_progress(progress)
    result = result_task.result()
    if not announced and on_start is not None:
        on_start(result.applicants)
    summary.batch_id = result.batch_id
    summary.batch = _merge(summary.batch, result)
    summary.outcomes = {o: summary.batch.outcomes.get(o, 0) for o in OUTCOMES}
    if on_progress is not None:
        on_progress(
            BatchProgress(
                applicants=result.applicants,
                scored=result.applicants,
                decided=result.applicants,
                advancing=result.outcomes.get("advance", 0),
                lifecycles_started=result.lifecycles_started + result.lifecycles_existing,
                phase="done",
            )
        )


def _merge(before: BatchResult | None, after: BatchResult) -> BatchResult:
    """One import may follow an interrupted batch and then run its own."""
    if before is None:
        return after
    return after.model_copy(
        update={
            "applicants": before.applicants + after.applicants,
            "outcomes": {o: before.outcomes.get(o, 0) + after.outcomes.get(o, 0) for o in OUTCOMES},
            "events": before.events + after.events,
            "lifecycles_started": before.lifecycles_started + after.lifecycles_started,
            "lifecycles_existing": before.lifecycles_existing + after.lifecycles_existing,
            "timings": before.timings + after.timings,
        }
    )
