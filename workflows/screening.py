"""``ScreeningBatch``: a campus season's resumes for one requisition, in chunks.

Four phases, because the talent-pool line is a percentile of the whole
batch's scores:

1. ``screen_chunk`` for every chunk, ``parallelism`` at a time, on the
   screening task queue (one chunk per worker process): parse, vault, score,
   record each applicant's first events, and decide those who advance or
   need a person (their resume could not be read).
2. ``talent_pool_line`` over every score recorded for the requisition.
3. ``decide_chunk`` for every chunk: talent pool (with consent) or rejected.
4. ``start_prescreened_lifecycles`` for those who advance (at the AI
   interview) and those who need a person (at a recruiter's review of the
   resume), a thousand per activity. Last, not as each chunk finishes: every
   applicant's decision is recorded first, and the ten thousand lifecycles,
   which cost far more CPU each than screening one resume, do not slow the
   screening down.

Deterministic: no I/O here; inputs and results are references, counts and
candidate ids, so the history of a 150,000-resume season stays a few MB.
"""

import asyncio
from datetime import timedelta

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from domain.screening.batch import (
        SCREENING_QUEUE_SUFFIX,
        BatchInput,
        BatchProgress,
        BatchResult,
        ChunkDecided,
        ChunkRef,
        ChunkScored,
        DecideRef,
        LifecycleStarts,
        PoolLine,
        Timings,
    )
    from workflows.policies import CHUNK_HEARTBEAT, CHUNK_RETRY, CHUNK_TIMEOUT

START_BATCH = 1000
"""Lifecycles started per activity (candidate ids in its input, ~30 KB)."""


@workflow.defn
class ScreeningBatch:
    @workflow.init
    def __init__(self, inp: BatchInput) -> None:
        self._progress = BatchProgress(applicants=inp.applicants)

    @workflow.query
    def progress(self) -> BatchProgress:
        return self._progress

    @workflow.run
    async def run(self, inp: BatchInput) -> BatchResult:
        gate = asyncio.Semaphore(inp.parallelism)
        chunk_queue = workflow.info().task_queue + SCREENING_QUEUE_SUFFIX
        timings = Timings()
        outcomes = {"advance": 0, "talent_pool": 0, "rejected": 0, "manual_review": 0}
        events = 0
        starts = [0, 0]
        advancing: list[str] = []
        reviewing: list[str] = []

        def ref(chunk: int) -> ChunkRef:
            return ChunkRef(
                batch_id=inp.batch_id,
                requisition_id=inp.requisition_id,
                definition_id=inp.definition_id,
                definition_version=inp.definition_version,
                manifest_dir=inp.manifest_dir,
                chunk=chunk,
                as_of=inp.as_of,
            )

        async def score(chunk: int) -> None:
            nonlocal timings, events
            async with gate:
                scored: ChunkScored = await workflow.execute_activity(
                    "screen_chunk",
                    ref(chunk),
                    result_type=ChunkScored,
                    task_queue=chunk_queue,
                    start_to_close_timeout=CHUNK_TIMEOUT,
                    heartbeat_timeout=CHUNK_HEARTBEAT,
                    retry_policy=CHUNK_RETRY,
                )
            timings += scored.timings
            events += scored.events
            outcomes["advance"] += len(scored.advancing)
            outcomes["manual_review"] += scored.manual_review
            self._progress.scored += scored.applicants
            self._progress.decided += len(scored.advancing) + scored.manual_review
            advancing.extend(scored.advancing)
            reviewing.extend(scored.reviewing)
            self._progress.advancing = len(advancing)

        await asyncio.gather(*(score(chunk) for chunk in range(inp.chunks)))

        self._progress.phase = "pool_line"
        pool: PoolLine = await workflow.execute_activity(
            "talent_pool_line",
            inp.requisition_id,
            result_type=PoolLine,
            start_to_close_timeout=timedelta(minutes=5),
            retry_policy=CHUNK_RETRY,
        )

        self._progress.phase = "deciding"

        async def decide(chunk: int) -> None:
            nonlocal timings, events
            async with gate:
                decided: ChunkDecided = await workflow.execute_activity(
                    "decide_chunk",
                    DecideRef(**ref(chunk).model_dump(), pool=pool),
                    result_type=ChunkDecided,
                    task_queue=chunk_queue,
                    start_to_close_timeout=CHUNK_TIMEOUT,
                    retry_policy=CHUNK_RETRY,
                )
            timings += decided.timings
            events += decided.events
            outcomes["talent_pool"] += decided.talent_pool
            outcomes["rejected"] += decided.rejected
            self._progress.decided += decided.talent_pool + decided.rejected

        await asyncio.gather(*(decide(chunk) for chunk in range(inp.chunks)))

        self._progress.phase = "starting"

        async def start(ids: list[str], unreadable: bool) -> None:
            async with gate:
                started: list[int] = await workflow.execute_activity(
                    "start_prescreened_lifecycles",
                    LifecycleStarts(
                        definition_id=inp.definition_id,
                        definition_version=inp.definition_version,
                        requisition_id=inp.requisition_id,
                        candidate_ids=ids,
                        time_scale=inp.time_scale,
                        unreadable=unreadable,
                    ),
                    result_type=list[int],
                    start_to_close_timeout=CHUNK_TIMEOUT,
                    retry_policy=CHUNK_RETRY,
                )
            starts[0] += started[0]
            starts[1] += started[1]
            self._progress.lifecycles_started += started[0] + started[1]

        # A batch whose chunks were scored before ``reviewing`` existed has none,
        # so its replay schedules exactly the starts its history holds.
        await asyncio.gather(
            *(
                start(ids[i : i + START_BATCH], unreadable)
                for ids, unreadable in ((advancing, False), (reviewing, True))
                for i in range(0, len(ids), START_BATCH)
            )
        )
        self._progress.phase = "done"
        return BatchResult(
            batch_id=inp.batch_id,
            requisition_id=inp.requisition_id,
            applicants=inp.applicants,
            outcomes=outcomes,
            events=events,
            lifecycles_started=starts[0],
            lifecycles_existing=starts[1],
            pool_line=pool.line,
            timings=timings,
        )
