"""The talent pool: re-matching strong past applicants to a newly opened job.

Members are the candidates with a ``talent_pool.added`` event (batch
screening adds those above the requisition's talent-pool line who consented
to be kept). ``match`` re-scores the parsed resumes kept in the vault
against the new requisition with the fit model and ranks them. Only members
whose consent still holds are considered: the vault row must exist (not
erased) and its ``pool_consent`` flag must be set, so withdrawing consent or
erasure takes a person out of every later match.

Inviting is an outbox notification (``talent_pool_invitation``) plus a
``talent_pool.matched`` event, not a lifecycle start: the person applied for
another job, so they are asked whether they want this one, and if they
apply, the application starts their lifecycle like any other. Only members
above the new requisition's pass line (score and hard requirements) are
invited; a rerun invites nobody twice: members with a ``talent_pool.matched``
event for the requisition are skipped (whatever key an earlier version gave
it), and the outbox entry and the event are keyed by requisition and
candidate (``domain.screening.batch.pool_match_key``), so two runs at once
still record one invitation.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import Engine

from adapters.ml.fit import FitScorer, ScreeningResult
from domain.record.events import EventDraft, RecordedEvent
from domain.screening.batch import TALENT_POOL_ADDED, TALENT_POOL_MATCHED, pool_match_key
from domain.screening.resume import ParsedResume
from ledger.event_store import EventStore
from ledger.outbox import Outbox
from ledger.stores.requisitions import RequisitionStore
from ledger.vault import SubjectVault

INVITATION_TEMPLATE = "talent_pool_invitation"
MATCH_WORKFLOW_ID = "talent-pool-match"
"""Events from ``pool match`` name this instead of a workflow (it runs in the CLI)."""


@dataclass(frozen=True)
class Match:
    candidate_id: str
    rank: int
    score: float
    above_line: bool
    unmet: list[str]
    from_requisition: str
    invited: bool
    """Invited to this requisition (now or by an earlier run)."""


@dataclass(frozen=True)
class MatchReport:
    requisition_id: str
    members: int
    considered: int
    """Members whose consent holds and whose parsed resume is in the vault."""
    matches: list[Match]
    invited_now: int
    model_version: str


def _events(store: EventStore, kind: str) -> list[RecordedEvent]:
    found: list[RecordedEvent] = []
    position = 0
    while True:
        page = store.since(position, types=[kind])
        if not page:
            return found
        found.extend(event for _, event in page)
        position = page[-1][0]


def match(
    engine: Engine,
    registry_root: Path,
    requisition_id: str,
    *,
    top: int = 20,
    invite: bool = False,
) -> MatchReport:
    stored = RequisitionStore(engine).get(requisition_id)
    requisition = stored.requisition
    store, vault = EventStore(engine), SubjectVault(engine)
    added: dict[str, RecordedEvent] = {}
    for event in _events(store, TALENT_POOL_ADDED):
        if event.payload.get("requisition_id") != requisition_id:
            added[event.stream] = event  # the latest pooling wins
    invited_before = {
        event.stream
        for event in _events(store, TALENT_POOL_MATCHED)
        if event.payload.get("requisition_id") == requisition_id
    }
    consenting = vault.consenting(added)
    documents = vault.documents(consenting, "parsed_resume")
    members = sorted(documents)
    resumes = [ParsedResume.model_validate_json(documents[cid]) for cid in members]
    scorer = FitScorer(registry_root)
    results = scorer.screen(resumes, requisition, analysis=stored.analysis)
    ranked = sorted(
        zip(members, results, strict=True), key=lambda pair: (-pair[1].fit.score, pair[0])
    )
    now = datetime.now(UTC)
    outbox = Outbox(engine)
    drafts: list[EventDraft] = []
    matches: list[Match] = []
    for rank, (cid, result) in enumerate(ranked[:top], start=1):
        source = added[cid]
        invited = cid in invited_before
        if invite and result.above_line and not invited:
            notification = outbox.enqueue(
                f"talent-pool/{requisition_id}/{cid}", cid, INVITATION_TEMPLATE, "candidate"
            )
            drafts.append(_matched(source, requisition_id, rank, result, notification, now))
            invited = True
        matches.append(
            Match(
                candidate_id=cid,
                rank=rank,
                score=result.fit.score,
                above_line=result.above_line,
                unmet=[u.requirement for u in result.unmet_requirements],
                from_requisition=str(source.payload.get("requisition_id")),
                invited=invited,
            )
        )
    store.append_many(drafts)
    return MatchReport(
        requisition_id=requisition_id,
        members=len(added),
        considered=len(members),
        matches=matches,
        invited_now=len(drafts),
        model_version=scorer.model_version,
    )


def _matched(
    source: RecordedEvent,
    requisition_id: str,
    rank: int,
    result: ScreeningResult,
    notification: str,
    at: datetime,
) -> EventDraft:
    payload = {
        "requisition_id": requisition_id,
        "from_requisition_id": source.payload.get("requisition_id"),
        "rank": rank,
        "score": result.fit.score,
        "threshold": result.pass_threshold,
        "model_version": result.fit.model_version,
        "features_version": result.fit.features_version,
        "input_hash": result.fit.input_sha256,
        "invitation": notification,
    }
    return EventDraft(
        key=pool_match_key(requisition_id, source.stream),
        stream=source.stream,
        type=TALENT_POOL_MATCHED,
        payload=payload,
        definition_id=source.definition_id,
        definition_version=source.definition_version,
        workflow_id=MATCH_WORKFLOW_ID,
        run_id=requisition_id,
        occurred_at=at,
    )
