"""The batch-screening activities: score a chunk, compute the talent-pool line,
decide a chunk, start the lifecycles of those who advance or need a person.

Every one is idempotent, because Temporal retries them: events are keyed by
application and type (``domain.screening.batch.application_event_key``;
``EventStore.append_many`` skips stored keys, and the keys an earlier version
gave, so a ledger it wrote is safe to rerun over), vault rows
are inserted only if absent, lifecycles are started under their
deterministic workflow id (``candidate-<id>``), and the applications table
records an outcome only after its ``screening.decided`` event is stored.

A chunk's applicants are read from the manifest file named by the input, so
Temporal never sees a resume, a file name or contact details. Contact
details go to the vault with the resume and its parsed facts (the talent
pool re-scores those later); events carry counts, scores and hashes.
"""

import asyncio
import hashlib
import json
import math
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from temporalio import activity
from temporalio.exceptions import WorkflowAlreadyStartedError

from activities.errors import bad_input
from adapters.documents.reader import ParseOutcome, parse_resume
from adapters.ml.fit import FitScorer
from domain.record.events import EventDraft
from domain.record.messages import LIFECYCLE_WORKFLOW, LifecycleInput, workflow_id
from domain.screening.batch import (
    APPLICATION_RECEIVED,
    ENTRY_VARIABLES,
    RESUME_PARSED,
    SCREENING_DECIDED,
    SCREENING_SCORED,
    TALENT_POOL_ADDED,
    ChunkDecided,
    ChunkRef,
    ChunkScored,
    DecideRef,
    LifecycleStarts,
    PoolLine,
    Timings,
    application_event_key,
    batch_workflow_id,
    legacy_application_key,
    pool_decision,
    resume_parsed_payload,
    scored_payload,
)
from domain.screening.fit_features import FitProfile, fit_profile
from domain.screening.requisition import Requisition, talent_pool_line
from domain.screening.resume import ResumeProblem
from ledger.event_store import EventStore
from ledger.stores.applications import ApplicationStore
from ledger.stores.deployments import DefinitionRegistry
from ledger.stores.requisitions import RequisitionStore
from ledger.vault import NewSubject, StoredDocument, SubjectVault

STREAMS_PER_TRANSACTION = 500
"""Bulk appends are cut at this many candidates (see ``EventStore.append_many``)."""
START_CONCURRENCY = 50

MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "text": "text/plain",
    "markdown": "text/markdown",
}


def manifest_path(manifest_dir: str | Path, chunk: int) -> Path:
    return Path(manifest_dir) / f"chunk-{chunk:05d}.json"


def _now() -> datetime:
    return datetime.now(UTC)


class ScreeningActivities:
    def __init__(self, engine: Any, scorer: Callable[[], FitScorer]) -> None:
        self._store = EventStore(engine)
        self._vault = SubjectVault(engine)
        self._applications = ApplicationStore(engine)
        self._requisitions = RequisitionStore(engine)
        self._registry = DefinitionRegistry(engine)
        self._scorer = scorer
        self._profile = cache(self._load_profile)

    def _load_profile(self, requisition_id: str) -> tuple[Requisition, FitProfile]:
        """Requisitions are immutable once stored, so one profile per worker."""
        stored = self._requisitions.get(requisition_id)
        return stored.requisition, fit_profile(stored.requisition, stored.analysis)

    def _draft(
        self, ref: ChunkRef, candidate_id: str, kind: str, payload: dict[str, Any], at: datetime
    ) -> EventDraft:
        return EventDraft(
            key=application_event_key(candidate_id, kind),
            stream=candidate_id,
            type=kind,
            payload=payload,
            definition_id=ref.definition_id,
            definition_version=ref.definition_version,
            workflow_id=batch_workflow_id(ref.batch_id),
            run_id=activity.info().workflow_run_id or "",
            occurred_at=at,
        )

    def _append(self, drafts: list[EventDraft]) -> int:
        written = 0
        start = 0
        while start < len(drafts):
            # Cut between candidates, never inside one candidate's drafts.
            streams: set[str] = set()
            end = start
            while end < len(drafts) and (
                drafts[end].stream in streams or len(streams) < STREAMS_PER_TRANSACTION
            ):
                streams.add(drafts[end].stream)
                end += 1
            part = drafts[start:end]
            legacy = {d.key: legacy_application_key(d.stream, d.type) for d in part}
            written += self._store.append_many(part, legacy_keys=legacy)
            start = end
        return written

    @activity.defn(name="screen_chunk")
    def screen_chunk(self, ref: ChunkRef) -> ChunkScored:
        """Read, parse, vault, score; record every applicant's first events and
        the decisions that need no talent-pool line (advance, manual review)."""
        path = manifest_path(ref.manifest_dir, ref.chunk)
        try:
            entries = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise bad_input(
                f"chunk {ref.chunk} of batch {ref.batch_id}: manifest unreadable"
            ) from None
        requisition, profile = self._profile(ref.requisition_id)
        as_of = date.fromisoformat(ref.as_of)
        started = time.perf_counter()
        outcomes: list[ParseOutcome] = []
        contents: list[bytes] = []
        for n, entry in enumerate(entries):
            content, outcome = _read_and_parse(Path(entry["path"]), entry["sha256"], as_of)
            contents.append(content)
            outcomes.append(outcome)
            if n % 200 == 0:
                activity.heartbeat(n)
        parsed_at = time.perf_counter()
        readable = [i for i, o in enumerate(outcomes) if o.parsed is not None]
        results = self._scorer().screen(
            [outcomes[i].parsed for i in readable],  # type: ignore[misc]
            requisition,
            profile=profile,
        )
        scored_at = time.perf_counter()

        at = _now()
        subjects: list[NewSubject] = []
        drafts: list[EventDraft] = []
        records: list[tuple[str, float | None, str | None]] = []
        advancing: list[str] = []
        reviewing: list[str] = []
        by_index = dict(zip(readable, results, strict=True))
        for i, entry in enumerate(entries):
            cid, outcome, content = entry["candidate_id"], outcomes[i], contents[i]
            documents = [
                StoredDocument(
                    "resume",
                    content,
                    MEDIA_TYPES.get(outcome.format or "", "application/octet-stream"),
                )
            ]
            if outcome.parsed is not None:
                documents.append(
                    StoredDocument(
                        "parsed_resume",
                        outcome.parsed.model_dump_json().encode("utf-8"),
                        "application/json",
                    )
                )
            contact = outcome.contact
            subjects.append(
                NewSubject(
                    candidate_id=cid,
                    name=contact.name if contact else None,
                    email=contact.email if contact else None,
                    phone=contact.phone if contact else None,
                    national_id=contact.national_id if contact else None,
                    pool_consent=bool(entry.get("consent")),
                    documents=documents,
                )
            )
            received = {
                "requisition_id": ref.requisition_id,
                "document_sha256": entry["sha256"],
                "format": outcome.format,
                "batch_id": ref.batch_id,
            }
            drafts.append(self._draft(ref, cid, APPLICATION_RECEIVED, received, at))
            parsed_payload = resume_parsed_payload(outcome.parsed, outcome.problem, outcome.format)
            drafts.append(self._draft(ref, cid, RESUME_PARSED, parsed_payload, at))
            result = by_index.get(i)
            if result is None:
                reviewing.append(cid)
                decided = {
                    "requisition_id": ref.requisition_id,
                    "outcome": "manual_review",
                    "reason": parsed_payload["reason"],
                }
                drafts.append(self._draft(ref, cid, SCREENING_DECIDED, decided, at))
                records.append((cid, None, "manual_review"))
                continue
            fit = result.fit
            top: list[dict[str, float | str]] = [
                {"feature": c.feature, "value": c.value, "contribution": round(c.contribution, 4)}
                for c in fit.top
            ]
            drafts.append(
                self._draft(
                    ref,
                    cid,
                    SCREENING_SCORED,
                    scored_payload(
                        requisition_id=ref.requisition_id,
                        score=fit.score,
                        threshold=result.pass_threshold,
                        passed=result.above_line,
                        model_version=fit.model_version,
                        features_version=fit.features_version,
                        input_hash=fit.input_sha256,
                        top=top,
                        unmet=result.unmet_requirements,
                    ),
                    at,
                )
            )
            if result.above_line:
                advancing.append(cid)
                decided = {
                    "requisition_id": ref.requisition_id,
                    "outcome": "advance",
                    "reason": "above_pass_line",
                }
                drafts.append(self._draft(ref, cid, SCREENING_DECIDED, decided, at))
                records.append((cid, fit.score, "advance"))
            else:
                records.append((cid, fit.score, None))
        activity.heartbeat("writing")
        self._vault.store_many(subjects)
        events = self._append(drafts)
        self._applications.record(records)
        written_at = time.perf_counter()
        return ChunkScored(
            chunk=ref.chunk,
            applicants=len(entries),
            advancing=advancing,
            manual_review=len(reviewing),
            reviewing=reviewing,
            waiting=len(readable) - len(advancing),
            events=events,
            timings=Timings(
                read_parse=parsed_at - started,
                score=scored_at - parsed_at,
                write=written_at - scored_at,
            ),
        )

    @activity.defn(name="talent_pool_line")
    def pool_line(self, requisition_id: str) -> PoolLine:
        """The lowest score in the requisition's top (100 - percentile) %, over
        every score recorded for it (so a resumed import uses all of them)."""
        requisition, _ = self._profile(requisition_id)
        percentile = requisition.talent_pool_percentile
        line = talent_pool_line(self._applications.scores(requisition_id), percentile)
        return PoolLine(line=None if math.isinf(line) else line, percentile=percentile)

    @activity.defn(name="decide_chunk")
    def decide_chunk(self, ref: DecideRef) -> ChunkDecided:
        """Talent pool (with consent) or rejection for a chunk's below-line applicants."""
        started = time.perf_counter()
        waiting = self._applications.undecided(ref.batch_id, ref.chunk)
        consenting = self._vault.consenting([w.candidate_id for w in waiting])
        at = _now()
        drafts: list[EventDraft] = []
        records: list[tuple[str, float | None, str | None]] = []
        pooled = 0
        for applicant in waiting:
            cid = applicant.candidate_id
            outcome, reason = pool_decision(applicant.score, ref.pool.line, cid in consenting)
            decided = {"requisition_id": ref.requisition_id, "outcome": outcome, "reason": reason}
            drafts.append(self._draft(ref, cid, SCREENING_DECIDED, decided, at))
            if outcome == "talent_pool":
                pooled += 1
                added = {
                    "requisition_id": ref.requisition_id,
                    "score": applicant.score,
                    "percentile_line": ref.pool.line,
                    "percentile": ref.pool.percentile,
                }
                drafts.append(self._draft(ref, cid, TALENT_POOL_ADDED, added, at))
            records.append((cid, applicant.score, outcome))
        events = self._append(drafts)
        self._applications.record(records)
        return ChunkDecided(
            talent_pool=pooled,
            rejected=len(waiting) - pooled,
            events=events,
            timings=Timings(write=time.perf_counter() - started),
        )

    @activity.defn(name="start_prescreened_lifecycles")
    async def start_lifecycles(self, starts: LifecycleStarts) -> list[int]:
        """Start each candidate's lifecycle (``[started, already running]``): at
        the AI interview for those advancing, at a recruiter's review of the
        resume for the unreadable ones. Client-side starts, not child workflows:
        ten thousand children, each with the definition in its input, would
        overflow the batch's history."""
        definition = await asyncio.to_thread(
            self._registry.get, starts.definition_id, starts.definition_version
        )
        missing = [name for name in ENTRY_VARIABLES if definition.defaults.get(name) is None]
        if missing:
            raise bad_input(
                f"definition {starts.definition_id} v{starts.definition_version} has no "
                f"{' or '.join(map(repr, missing))} variable, so it cannot skip screening"
            )
        variables = starts.variables()
        client = activity.client()
        task_queue = activity.info().task_queue
        gate = asyncio.Semaphore(START_CONCURRENCY)
        started, existing = 0, 0

        async def start(candidate_id: str) -> None:
            nonlocal started, existing
            async with gate:
                try:
                    await client.start_workflow(
                        LIFECYCLE_WORKFLOW,
                        LifecycleInput(
                            candidate_id=candidate_id,
                            definition=definition,
                            variables=variables,
                            time_scale=starts.time_scale,
                        ),
                        id=workflow_id(candidate_id),
                        task_queue=task_queue,
                    )
                    started += 1
                except WorkflowAlreadyStartedError:
                    existing += 1

        await asyncio.gather(*(start(cid) for cid in starts.candidate_ids))
        return [started, existing]

    def chunk_activities(self) -> list[Any]:
        """CPU-bound: on the screening task queue, one at a time per process."""
        return [self.screen_chunk, self.decide_chunk]

    def batch_activities(self) -> list[Any]:
        return [self.pool_line, self.start_lifecycles]


def _read_and_parse(path: Path, sha256: str, as_of: date) -> tuple[bytes, ParseOutcome]:
    """A file that vanished or changed since the import listed it goes to manual
    review like any unreadable file (the detail never names the file)."""
    try:
        content = path.read_bytes()
    except OSError:
        return b"", ParseOutcome(
            problem=ResumeProblem(
                reason="corrupt", detail="file was removed after the import listed it"
            )
        )
    if hashlib.sha256(content).hexdigest() != sha256:
        return content, ParseOutcome(
            problem=ResumeProblem(
                reason="corrupt", detail="file changed after the import listed it"
            )
        )
    return content, parse_resume(content, path.name, as_of=as_of)
