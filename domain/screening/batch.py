"""Batch screening: the messages between ``ScreeningBatch`` and its activities,
the decision rules, and the event payloads (pure, no I/O).

Temporal stores every payload in the workflow's history, so nothing here
carries a resume, a file name or contact details: a chunk is named by its
manifest directory and number (the file list lives on disk beside the
ledger), results are counts and the pseudonymous ids of those advancing.

Decision rules, per applicant of a requisition:

* the file could not be read or parsed -> ``manual_review``: a person reads
  it, in the recruiter's review step their lifecycle opens (nothing is lost,
  and nobody waits at screening unseen);
* fit score at or above the requisition's ``pass_threshold`` and every hard
  requirement met -> ``advance`` (their lifecycle starts at the AI interview);
* otherwise, once the whole batch is scored: a score at or above the
  talent-pool line (``domain.screening.requisition.talent_pool_line`` of every score
  recorded for the requisition at its ``talent_pool_percentile``) with the
  applicant's consent to be kept -> ``talent_pool``; else ``rejected``.
"""

from typing import Any, Literal

from pydantic import BaseModel, Field

from domain.record.keys import event_key
from domain.screening.fit_features import UnmetRequirement
from domain.screening.resume import ParsedResume, ResumeProblem

Outcome = Literal["advance", "talent_pool", "rejected", "manual_review"]
OUTCOMES: tuple[Outcome, ...] = ("advance", "talent_pool", "rejected", "manual_review")
APPLIED_VIA = "batch_screening"
ENTRY_VARIABLES = ("prescreened", "unreadable_resume")
"""What a bulk-screened candidate's lifecycle starts with: the definition must
declare both with defaults, so its entry gateway can skip the screening it
would otherwise do (campus_hire's ``entry_gate``)."""
SCREENING_QUEUE_SUFFIX = "-screening"
"""Chunk activities run on ``<task queue>-screening``, one per worker process."""

APPLICATION_RECEIVED = "application.received"
RESUME_PARSED = "resume.parsed"
SCREENING_SCORED = "screening.scored"
SCREENING_DECIDED = "screening.decided"
TALENT_POOL_ADDED = "talent_pool.added"
TALENT_POOL_MATCHED = "talent_pool.matched"


def batch_workflow_id(batch_id: str) -> str:
    return f"screening-{batch_id}"


APPLICATION_EVENTS: tuple[str, ...] = (
    APPLICATION_RECEIVED,
    RESUME_PARSED,
    SCREENING_SCORED,
    SCREENING_DECIDED,
    TALENT_POOL_ADDED,
)
"""An application's screening events, numbered in this order in their keys.
Each happens at most once per application; append new kinds at the end (a
number, once written, names its kind for good)."""


def application_event_key(candidate_id: str, kind: str) -> str:
    """The key of one screening event of an application (``domain.record.keys``).

    The origin is the application, not the batch: a candidate id is minted
    once per application (requisition and document) and kept when an
    interrupted import is rerun under a new batch id, so a chunk screened
    again, by a retry or by that rerun, writes nothing twice. ``application-``
    is no workflow id's prefix, so these keys never meet a workflow's."""
    return event_key(f"application-{candidate_id}", APPLICATION_EVENTS.index(kind) + 1)


def pool_match_key(requisition_id: str, candidate_id: str) -> str:
    """The key of the ``talent_pool.matched`` event inviting a pool member to a
    requisition: one invitation per member and requisition."""
    return event_key(f"pool-match-{requisition_id}-{candidate_id}", 1)


def legacy_application_key(candidate_id: str, kind: str) -> str:
    """The key batch screening gave ``kind`` before the one key scheme.

    Only for recognising events already stored under it
    (``EventStore.append_many``'s ``legacy_keys``): an import rerun over a
    ledger written by that version must not record them a second time."""
    return f"screening/{candidate_id}/{kind}"


class BatchInput(BaseModel):
    batch_id: str
    requisition_id: str
    definition_id: str
    definition_version: int
    manifest_dir: str
    """Where the chunk files are (``chunk-<n>.json``): paths, never contents."""
    chunks: int = Field(ge=0)
    applicants: int = Field(ge=0)
    as_of: str
    """The month "present" means in resumes (YYYY-MM-DD), fixed for the whole
    batch so a retried chunk parses exactly as the first attempt did."""
    parallelism: int = Field(default=4, ge=1, le=64)
    time_scale: float = Field(default=1.0, gt=0)


class ChunkRef(BaseModel):
    """A chunk activity's whole input: a reference, never resume bytes."""

    batch_id: str
    requisition_id: str
    definition_id: str
    definition_version: int
    manifest_dir: str
    chunk: int
    as_of: str


class Timings(BaseModel):
    """Seconds spent per step inside the activities (for the benchmark)."""

    read_parse: float = 0.0
    score: float = 0.0
    write: float = 0.0

    def __add__(self, other: "Timings") -> "Timings":
        return Timings(
            read_parse=self.read_parse + other.read_parse,
            score=self.score + other.score,
            write=self.write + other.write,
        )


class ChunkScored(BaseModel):
    chunk: int
    applicants: int
    advancing: list[str]
    """Candidate ids above the line: their lifecycles start next."""
    manual_review: int
    reviewing: list[str] = Field(default_factory=list)
    """Candidate ids of the unreadable files: their lifecycles start at a
    recruiter's review. (Results from before it was added have none.)"""
    waiting: int
    """Scored below the line: decided once the talent-pool line is known."""
    events: int
    timings: Timings


class PoolLine(BaseModel):
    """The talent-pool line of a requisition; ``line`` None: the share rounds to nobody."""

    line: float | None
    percentile: float


class DecideRef(ChunkRef):
    pool: PoolLine


class ChunkDecided(BaseModel):
    talent_pool: int
    rejected: int
    events: int
    timings: Timings


class LifecycleStarts(BaseModel):
    definition_id: str
    definition_version: int
    requisition_id: str
    candidate_ids: list[str]
    time_scale: float = 1.0
    unreadable: bool = False
    """The candidates' resumes could not be read: their lifecycles open a
    recruiter's review of the resume instead of the AI interview."""

    def variables(self) -> dict[str, Any]:
        """The start variables of these candidates' lifecycles."""
        return {
            "requisition_id": self.requisition_id,
            "applied_via": APPLIED_VIA,
            "prescreened": True,
            "unreadable_resume": self.unreadable,
        }


class BatchProgress(BaseModel):
    applicants: int
    scored: int = 0
    decided: int = 0
    advancing: int = 0
    lifecycles_started: int = 0
    phase: Literal["scoring", "pool_line", "deciding", "starting", "done"] = "scoring"


class BatchResult(BaseModel):
    batch_id: str
    requisition_id: str
    applicants: int
    outcomes: dict[str, int]
    events: int
    lifecycles_started: int
    lifecycles_existing: int
    pool_line: float | None
    timings: Timings


def resume_parsed_payload(
    parsed: ParsedResume | None, problem: ResumeProblem | None, fmt: str | None
) -> dict[str, Any]:
    """What the parse found, as counts: the facts themselves stay in the vault."""
    if parsed is None:
        assert problem is not None
        return {"status": "problem", "reason": problem.reason, "detail": problem.detail}
    return {
        "status": "ok",
        "format": fmt,
        "language": parsed.language,
        "parser_version": parsed.parser_version,
        "education": len(parsed.education),
        "work_history": len(parsed.work_history),
        "skills": len(parsed.skills),
        "certificates": len(parsed.certificates),
        "languages": len(parsed.languages),
        "years_of_experience": parsed.years_of_experience,
    }


def scored_payload(
    *,
    requisition_id: str,
    score: float,
    threshold: float,
    passed: bool,
    model_version: str,
    features_version: str,
    input_hash: str,
    top: list[dict[str, float | str]],
    unmet: list[UnmetRequirement],
) -> dict[str, Any]:
    return {
        "requisition_id": requisition_id,
        "score": score,
        "threshold": threshold,
        "passed": passed,
        "model_version": model_version,
        "features_version": features_version,
        "input_hash": input_hash,
        "top_contributions": top,
        "unmet_requirements": [u.model_dump() for u in unmet],
    }


def pool_decision(score: float, line: float | None, consent: bool) -> tuple[Outcome, str]:
    """Below the pass line: the talent pool or a rejection, and why."""
    if line is None or score < line:
        return "rejected", "below_line"
    if not consent:
        return "rejected", "no_pool_consent"
    return "talent_pool", "above_pool_line"
