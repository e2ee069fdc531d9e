"""The ledger schema as typed SQLAlchemy models (created only by migrations).

``events`` is the audit record and never holds PII; ``subjects`` and
``documents`` are the vault that erasure deletes from. JSON columns use the
generic ``JSON`` type (``json``, not ``jsonb``, on PostgreSQL) so what was
hashed comes back exactly as written.
"""

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

Position = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
"""Global event position; SQLite needs INTEGER to alias the rowid."""

Timestamp = sa.DateTime(timezone=True)


class Base(DeclarativeBase):
    metadata = sa.MetaData(
        naming_convention={
            "ix": "ix_%(table_name)s_%(column_0_N_name)s",
            "uq": "uq_%(table_name)s_%(column_0_N_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


def _now() -> sa.ColumnElement[datetime]:
    return sa.func.now()


class Event(Base):
    __tablename__ = "events"
    __table_args__ = (
        sa.UniqueConstraint("stream", "sequence"),
        sa.Index("ix_events_type", "type"),
        sa.Index("ix_events_occurred_at", "occurred_at"),
    )

    id: Mapped[int] = mapped_column(Position, primary_key=True, autoincrement=True)
    stream: Mapped[str] = mapped_column(sa.String(64))
    sequence: Mapped[int] = mapped_column(sa.Integer)
    key: Mapped[str] = mapped_column(sa.String(200), unique=True)
    type: Mapped[str] = mapped_column(sa.String(64))
    payload: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    actor: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    definition_id: Mapped[str] = mapped_column(sa.String(64))
    definition_version: Mapped[int] = mapped_column(sa.Integer)
    workflow_id: Mapped[str] = mapped_column(sa.String(255))
    run_id: Mapped[str] = mapped_column(sa.String(64))
    occurred_at: Mapped[datetime] = mapped_column(Timestamp)
    prev_hash: Mapped[str] = mapped_column(sa.String(64))
    hash: Mapped[str] = mapped_column(sa.String(64))
    recorded_at: Mapped[datetime] = mapped_column(Timestamp, server_default=_now())


class Subject(Base):
    """The PII of one candidate, keyed by the pseudonymous id the events use."""

    __tablename__ = "subjects"

    candidate_id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    name: Mapped[str | None] = mapped_column(sa.String(200))
    email: Mapped[str | None] = mapped_column(sa.String(320))
    phone: Mapped[str | None] = mapped_column(sa.String(50))
    national_id: Mapped[str | None] = mapped_column(sa.String(64))
    pool_consent: Mapped[bool] = mapped_column(sa.Boolean, server_default=sa.false())
    """Agreed, when applying, to be kept in the talent pool for later jobs."""
    created_at: Mapped[datetime] = mapped_column(Timestamp, server_default=_now())


class Document(Base):
    __tablename__ = "documents"

    candidate_id: Mapped[str] = mapped_column(
        sa.String(64),
        sa.ForeignKey("subjects.candidate_id", ondelete="CASCADE"),
        primary_key=True,
    )
    kind: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    sha256: Mapped[str] = mapped_column(sa.String(64))
    content: Mapped[bytes] = mapped_column(sa.LargeBinary)
    media_type: Mapped[str] = mapped_column(sa.String(100))
    size: Mapped[int] = mapped_column(sa.Integer)
    created_at: Mapped[datetime] = mapped_column(Timestamp, server_default=_now())


class Deployment(Base):
    """One deployed version of a definition: its YAML and its compiled form."""

    __tablename__ = "deployments"
    __table_args__ = (sa.UniqueConstraint("definition_id", "content_hash"),)

    definition_id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    version: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=False)
    content_hash: Mapped[str] = mapped_column(sa.String(64))
    source: Mapped[str] = mapped_column(sa.Text)
    compiled: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    deployed_at: Mapped[datetime] = mapped_column(Timestamp, server_default=_now())


class Notification(Base):
    """The outbox: a notification to send, keyed by the caller's idempotency key."""

    __tablename__ = "notifications"

    id: Mapped[str] = mapped_column(sa.String(200), primary_key=True)
    candidate_id: Mapped[str] = mapped_column(sa.String(64), index=True)
    template: Mapped[str] = mapped_column(sa.String(64))
    channel: Mapped[str] = mapped_column(sa.String(32))
    status: Mapped[str] = mapped_column(sa.String(16), server_default="queued")
    created_at: Mapped[datetime] = mapped_column(Timestamp, server_default=_now())
    link: Mapped[str | None] = mapped_column(sa.Text, nullable=True)


class Employee(Base):
    __tablename__ = "employees"

    employee_id: Mapped[str] = mapped_column(sa.String(20), primary_key=True)
    candidate_id: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(Timestamp, server_default=_now())


class InterviewLink(Base):
    """An interview invitation: only the sha256 of its token is kept, so the
    table cannot be used to forge a link; one link per interview workflow."""

    __tablename__ = "interview_links"

    token_sha256: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    workflow_id: Mapped[str] = mapped_column(sa.String(255), unique=True)
    candidate_id: Mapped[str] = mapped_column(sa.String(64), index=True)
    expires_at: Mapped[datetime] = mapped_column(Timestamp)
    created_at: Mapped[datetime] = mapped_column(Timestamp, server_default=_now())


class InterviewReport(Base):
    """One issued AI-interview report's overall score, per role: the population
    a new report's percentile is computed against. No PII, no transcript."""

    __tablename__ = "interview_reports"
    __table_args__ = (sa.Index("ix_interview_reports_role", "role", "overall"),)

    workflow_id: Mapped[str] = mapped_column(sa.String(255), primary_key=True)
    candidate_id: Mapped[str] = mapped_column(sa.String(64), index=True)
    role: Mapped[str] = mapped_column(sa.String(64))
    overall: Mapped[float] = mapped_column(sa.Float)
    issued_at: Mapped[datetime] = mapped_column(Timestamp, server_default=_now())


class RequisitionRow(Base):
    """One job requisition as validated, with its JD analysis. Immutable: the id
    names exactly one content (``content_hash``). Describes a job, holds no PII."""

    __tablename__ = "requisitions"

    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    content_hash: Mapped[str] = mapped_column(sa.String(64))
    definition: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    analysis: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    created_at: Mapped[datetime] = mapped_column(Timestamp, server_default=_now())


class Application(Base):
    """One resume screened for one requisition: the idempotency record of batch
    screening. ``(requisition_id, document_sha256)`` names the application, so a
    rerun of an import finds the candidate id it minted before. No PII: the
    document is named by its hash, its file name stays out of the ledger."""

    __tablename__ = "applications"
    __table_args__ = (
        sa.UniqueConstraint("requisition_id", "document_sha256"),
        sa.Index("ix_applications_batch_id_chunk", "batch_id", "chunk"),
    )

    candidate_id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    requisition_id: Mapped[str] = mapped_column(sa.String(64))
    document_sha256: Mapped[str] = mapped_column(sa.String(64))
    batch_id: Mapped[str] = mapped_column(sa.String(64))
    chunk: Mapped[int] = mapped_column(sa.Integer)
    score: Mapped[float | None] = mapped_column(sa.Float, nullable=True)
    """The fit score, once scored; None until then or when the resume was unreadable."""
    outcome: Mapped[str | None] = mapped_column(sa.String(32), nullable=True)
    """``screening.decided`` outcome once recorded; None while the batch runs."""
    created_at: Mapped[datetime] = mapped_column(Timestamp, server_default=_now())
