"""Job requisitions in the ledger: create once, read many times, never rewrite.

A requisition is stored as validated (``domain.screening.requisition.Requisition``)
together with its JD analysis, so ``show`` and every screening batch see the
keywords and recommended dimensions that were computed when it was created,
even after the analysis rules change (the analysis names its version).

Creating is idempotent on content: the same requisition again (same
canonical content hash, whatever the YAML layout) returns the stored one, so
a deploy script can run on every release; a *different* requisition under an
existing id is refused with a message, because screening results already
recorded against that id must keep meaning the job they were scored for.
Requisitions describe jobs and hold no PII.
"""

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from domain.errors import UserError
from domain.record.events import as_utc
from domain.screening.jd_analysis import JdAnalysis, analyse
from domain.screening.requisition import Requisition, content_hash
from ledger.db import reader
from ledger.models import RequisitionRow


@dataclass(frozen=True)
class StoredRequisition:
    """A requisition as the ledger holds it; ``created`` is True only for the
    call that inserted it."""

    requisition: Requisition
    analysis: JdAnalysis
    content_hash: str
    created_at: datetime
    created: bool = False


class RequisitionConflict(UserError):
    """An id already holds a different requisition."""


class RequisitionStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._reader = reader(engine)

    def create(self, requisition: Requisition) -> StoredRequisition:
        """Store a validated requisition; identical content returns the stored one."""
        digest = content_hash(requisition)
        existing = self._find(requisition.id)
        if existing is None:
            analysis = analyse(requisition)
            try:
                with Session(self._engine) as session, session.begin():
                    session.add(
                        RequisitionRow(
                            id=requisition.id,
                            title=requisition.title,
                            content_hash=digest,
                            definition=requisition.model_dump(mode="json"),
                            analysis=analysis.model_dump(mode="json"),
                        )
                    )
            except IntegrityError:  # a concurrent create of the same id won
                pass
            else:
                stored = self.get(requisition.id)
                return StoredRequisition(
                    stored.requisition, stored.analysis, digest, stored.created_at, created=True
                )
            existing = self.get(requisition.id)
        if existing.content_hash != digest:
            raise RequisitionConflict(
                f"requisition '{requisition.id}' already exists with different content "
                f"(stored sha256 {existing.content_hash[:12]}..., this one {digest[:12]}...); "
                "requisitions are immutable once created: give the changed job a new id "
                f"(e.g. {requisition.id}-v2)"
            )
        return existing

    def _find(self, requisition_id: str) -> StoredRequisition | None:
        with Session(self._reader) as session:
            row = session.get(RequisitionRow, requisition_id)
            return None if row is None else _stored(row)

    def get(self, requisition_id: str) -> StoredRequisition:
        """The stored requisition, or a UserError that says how to find the ids."""
        found = self._find(requisition_id)
        if found is None:
            raise UserError(
                f"no requisition '{requisition_id}'; `hireloop requisitions list` shows them"
            )
        return found

    def list(self) -> list[StoredRequisition]:
        """Every requisition, by id."""
        with Session(self._reader) as session:
            rows = session.scalars(sa.select(RequisitionRow).order_by(RequisitionRow.id))
            return [_stored(row) for row in rows]


def _stored(row: RequisitionRow) -> StoredRequisition:
    return StoredRequisition(
        requisition=Requisition.model_validate(row.definition),
        analysis=JdAnalysis.model_validate(row.analysis),
        content_hash=row.content_hash,
        created_at=as_utc(row.created_at),
    )
