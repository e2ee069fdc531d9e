"""The interview service layer: what the candidate does through their link,
and what HR does by candidate id.

A candidate is known only by the link's token: it resolves to the interview
workflow and the pseudonymous candidate id, which becomes the actor of every
Update. Recordings go to the blob store and typed answers to the vault
before the workflow hears of them, so the workflow only ever holds hashes.
"""

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy.engine import Engine
from temporalio.client import Client

from domain.errors import UserError
from domain.interview.settings import (
    REPORT_KIND,
    AnswerSubmission,
    ConsentDecision,
    InterviewProgress,
    ReviewRequest,
    SlotBooking,
    StaffAction,
    answer_kind,
)
from domain.record.events import Actor
from hireloop.services.applications import human_update
from ledger.blobs import BlobStore
from ledger.event_store import EventStore
from ledger.stores.interviews import InterviewLinks
from ledger.vault import SubjectVault
from workflows.interview import AIInterview

MAX_TYPED_ANSWER_BYTES = 20_000


@dataclass(frozen=True)
class CandidateSession:
    """The candidate behind a link, acting on their interview."""

    client: Client
    workflow_id: str
    candidate_id: str
    _size_limits: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def actor(self) -> Actor:
        return Actor(kind="user", user_id=self.candidate_id, role="candidate")

    async def progress(self) -> InterviewProgress:
        handle = self.client.get_workflow_handle(self.workflow_id)
        async with human_update():
            return await handle.query(AIInterview.progress)

    async def consent(self, *, recording: bool, ai_scoring: bool) -> InterviewProgress:
        decision = ConsentDecision(recording=recording, ai_scoring=ai_scoring, actor=self.actor)
        return await self._update(AIInterview.consent, decision)

    async def book(self, slot_id: str) -> InterviewProgress:
        return await self._update(AIInterview.book, SlotBooking(slot_id=slot_id, actor=self.actor))

    async def answer_audio(
        self, blobs: BlobStore, question_id: str, audio: bytes
    ) -> InterviewProgress:
        """Store the recording (content-addressed), then hand the workflow its hash.

        The size limit is checked by the workflow too; checking here first
        keeps an oversized upload out of the blob store."""
        await self._check_size(question_id, len(audio))
        return await self._submit(question_id, "audio", blobs.put(audio), len(audio))

    async def answer_text(
        self, vault: SubjectVault, question_id: str, text: str
    ) -> InterviewProgress:
        """A typed answer (an accessibility accommodation), stored in the vault."""
        content = text.strip().encode("utf-8")
        if not content:
            raise UserError("the typed answer is empty; type your answer or record it instead")
        if len(content) > MAX_TYPED_ANSWER_BYTES:
            raise UserError(
                f"the typed answer is {len(content)} bytes; the limit is {MAX_TYPED_ANSWER_BYTES}"
            )
        if len(question_id) > 20:
            raise UserError(f"unknown question '{question_id[:40]}'")
        ref = vault.store_document(
            self.candidate_id, answer_kind(question_id), content, "text/plain"
        )
        return await self._submit(question_id, "text", ref, len(content))

    async def _submit(
        self, question_id: str, kind: Literal["audio", "text"], ref: str, size: int
    ) -> InterviewProgress:
        """Hand the workflow a stored answer's reference."""
        answer = AnswerSubmission(
            question_id=question_id, kind=kind, ref=ref, size_bytes=size, actor=self.actor
        )
        return await self._update(AIInterview.submit_answer, answer)

    async def request_review(
        self,
        reason: Literal["disagree_with_result", "technical_problem", "accessibility", "other"],
    ) -> InterviewProgress:
        return await self._update(
            AIInterview.request_human_review, ReviewRequest(actor=self.actor, reason=reason)
        )

    async def size_limits(self) -> dict[str, int]:
        """The largest recording accepted per question, in bytes. Asked once
        per session, as the limits are fixed for the interview: a query waits
        for the workflow's task in flight, so one per answer queued each of a
        candidate's answers behind it (seconds on a busy worker)."""
        if not self._size_limits:
            handle = self.client.get_workflow_handle(self.workflow_id)
            async with human_update():
                self._size_limits.update(await handle.query(AIInterview.size_limits))
        return dict(self._size_limits)

    async def _check_size(self, question_id: str, size: int) -> None:
        """Refuse an oversized recording before it is stored (the workflow checks
        again); the first check also raises a clear error if the interview is gone."""
        limits = await self.size_limits()
        if question_id in limits and size > limits[question_id]:
            raise UserError(
                f"the recording is {size} bytes; the limit for '{question_id}' is "
                f"{limits[question_id]} bytes"
            )

    async def _update(self, update: object, argument: object) -> InterviewProgress:
        handle = self.client.get_workflow_handle(self.workflow_id)
        async with human_update():
            result: InterviewProgress = await handle.execute_update(update, argument)  # type: ignore[call-overload]
            return result


def open_link(client: Client, engine: Engine, link: str) -> CandidateSession:
    """The session a link opens, or a ``LinkError`` that reveals nothing."""
    resolved = InterviewLinks(engine).resolve(link)
    return CandidateSession(client, resolved.workflow_id, resolved.candidate_id)


def interview_of(engine: Engine, candidate_id: str) -> str:
    """The candidate's latest interview workflow id (for HR)."""
    workflow_id = InterviewLinks(engine).latest_for(candidate_id)
    if workflow_id is None:
        raise UserError(f"candidate {candidate_id} has not been invited to an AI interview")
    return workflow_id


async def staff_action(
    client: Client,
    engine: Engine,
    candidate_id: str,
    action: Literal["pause", "resume"],
    actor: Actor,
    reason: Literal["technical_problem", "candidate_request", "accessibility", "other"] = "other",
) -> InterviewProgress:
    handle = client.get_workflow_handle(interview_of(engine, candidate_id))
    update = AIInterview.pause if action == "pause" else AIInterview.resume
    async with human_update():
        return await handle.execute_update(update, StaffAction(actor=actor, reason=reason))


def load_report(engine: Engine, candidate_id: str) -> dict[str, Any]:
    """The candidate's latest interview report: the ledger's record of it, and
    the full report from the vault (conclusions, quotes) when there is one.

    The ledger says what was decided and by which models; the vault document
    is checked against the hash the ledger recorded, so a report that was
    changed after the fact is refused rather than shown."""
    events = EventStore(engine).stream(candidate_id)
    issued = [e for e in events if e.type == "interview.report_issued"]
    if not issued:
        invited = any(e.type == "interview.invited" for e in events)
        raise UserError(
            f"candidate {candidate_id} has no interview report yet"
            + (" (the interview is still running)" if invited else " (never interviewed)")
        )
    event = issued[-1]
    reviews = [
        e.payload["reasons"]
        for e in events
        if e.type == "interview.human_review_required" and e.workflow_id == event.workflow_id
    ]
    summary = dict(event.payload)
    if reviews:
        summary["status"] = "human_review"
        summary["review_reasons"] = reviews[-1]
    report: dict[str, Any] = {
        "candidate_id": candidate_id,
        "interview": event.workflow_id,
        "issued_at": event.occurred_at.isoformat(),
        **summary,
        "details": None,
    }
    ref = event.payload.get("report_ref")
    if ref:
        content = SubjectVault(engine).document(candidate_id, REPORT_KIND)
        if content is None:
            report["details_note"] = "the full report was erased with the candidate's data"
        elif hashlib.sha256(content).hexdigest() != ref:
            raise UserError(
                f"the stored report of {candidate_id} does not match the ledger's hash; "
                "it was changed after it was issued (run `hireloop verify`)"
            )
        else:
            report["details"] = json.loads(content)
    return report
