"""Interview invitation links and the per-role population of issued reports.

A link is ``<public url>/interview/<token>``: 256 random bits, no PII. Only
the token's sha256 is stored, so a copy of the database cannot be turned into
working links; the token itself exists in one other place, the queued
invitation in the outbox, which is what delivers it to the candidate.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from domain.errors import UserError
from domain.record.events import as_utc
from ledger.db import insert_for, reader
from ledger.models import InterviewLink, InterviewReport, Notification

LINK_PATH = "/interview/"


def token_sha256(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def link_id(token_hash: str) -> str:
    """The short, non-secret name of a link that events and logs may carry."""
    return token_hash[:16]


class LinkError(UserError):
    """A link that is unknown, malformed or past its expiry (no detail on which,
    so a guesser learns nothing)."""


@dataclass(frozen=True)
class ResolvedLink:
    workflow_id: str
    candidate_id: str
    expires_at: datetime


class InterviewLinks:
    def __init__(self, engine: Engine, public_url: str = "") -> None:
        self._engine = engine
        self._reader = reader(engine)
        self._public_url = public_url.rstrip("/")

    def issue(
        self, workflow_id: str, candidate_id: str, expires_at: datetime, template: str
    ) -> str:
        """Create the interview's link and queue its invitation, once per interview.

        Both rows go in one transaction, so a retried activity either finds
        the link (and its queued invitation) or creates both; the token is
        never returned, so it never reaches Temporal's history."""
        with Session(self._engine) as session, session.begin():
            existing = session.scalar(
                sa.select(InterviewLink.token_sha256).where(
                    InterviewLink.workflow_id == workflow_id
                )
            )
            if existing is not None:
                return link_id(existing)
            token = secrets.token_urlsafe(32)
            digest = token_sha256(token)
            session.add(
                InterviewLink(
                    token_sha256=digest,
                    workflow_id=workflow_id,
                    candidate_id=candidate_id,
                    expires_at=expires_at,
                )
            )
            session.execute(
                insert_for(session, Notification)
                .values(
                    id=f"{workflow_id}#invitation",
                    candidate_id=candidate_id,
                    template=template,
                    channel="candidate",
                    link=f"{self._public_url}{LINK_PATH}{token}",
                )
                .on_conflict_do_nothing(index_elements=["id"])
            )
        return link_id(digest)

    def resolve(self, link_or_token: str, now: datetime | None = None) -> ResolvedLink:
        """The interview a link (or its bare token) opens; ``LinkError`` if none."""
        token = link_or_token.rsplit(LINK_PATH, 1)[-1].strip()
        if not token or len(token) > 200:
            raise LinkError("this interview link is not valid; use the link from your invitation")
        with Session(self._reader) as session:
            row = session.get(InterviewLink, token_sha256(token))
            if row is None:
                raise LinkError(
                    "this interview link is not valid; use the link from your invitation"
                )
            expires_at = as_utc(row.expires_at)
            if expires_at <= (now or datetime.now(UTC)):
                raise LinkError("this interview link has expired; contact the recruiter")
            return ResolvedLink(row.workflow_id, row.candidate_id, expires_at)

    def latest_for(self, candidate_id: str) -> str | None:
        """The workflow id of the candidate's most recent interview (for HR, who
        know the pseudonymous candidate id, not the link)."""
        query = (
            sa.select(InterviewLink.workflow_id)
            .where(InterviewLink.candidate_id == candidate_id)
            .order_by(InterviewLink.created_at.desc(), InterviewLink.workflow_id.desc())
            .limit(1)
        )
        with Session(self._reader) as session:
            return session.scalar(query)


class ReportPopulation:
    """Overall scores of issued reports per role, for percentiles."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._reader = reader(engine)

    def others(self, role: str, workflow_id: str) -> list[float]:
        query = sa.select(InterviewReport.overall).where(
            InterviewReport.role == role, InterviewReport.workflow_id != workflow_id
        )
        with Session(self._reader) as session:
            return [float(v) for v in session.scalars(query)]

    def record(self, workflow_id: str, candidate_id: str, role: str, overall: float) -> None:
        with Session(self._engine) as session, session.begin():
            session.execute(
                insert_for(session, InterviewReport)
                .values(
                    workflow_id=workflow_id, candidate_id=candidate_id, role=role, overall=overall
                )
                .on_conflict_do_update(index_elements=["workflow_id"], set_={"overall": overall})
            )
