"""The subject vault: the only place a candidate's PII and documents live.

Events name candidates by the pseudonymous id minted here, so honouring an
erasure request is deleting this candidate's rows: the event chain is not
touched and still verifies.
"""

import hashlib
import secrets
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from domain.errors import UserError
from domain.record.events import as_utc
from ledger.db import insert_for, reader
from ledger.models import Document, Subject


@dataclass(frozen=True)
class SubjectRecord:
    candidate_id: str
    name: str | None
    email: str | None
    phone: str | None
    national_id: str | None
    created_at: datetime
    pool_consent: bool = False


@dataclass(frozen=True)
class StoredDocument:
    kind: str
    content: bytes
    media_type: str


@dataclass(frozen=True)
class NewSubject:
    """An applicant registered in bulk under an id minted by the caller."""

    candidate_id: str
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    national_id: str | None = None
    pool_consent: bool = False
    documents: Sequence[StoredDocument] = field(default_factory=tuple)


_WIDTHS = {"name": 200, "email": 320, "phone": 50, "national_id": 64}
"""Column widths: parsed contact details are clipped, never a failed batch."""


def _clip(value: str | None, width: int) -> str | None:
    return value[:width] if value else None


class SubjectVault:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._reader = reader(engine)

    def register(
        self,
        name: str | None = None,
        email: str | None = None,
        phone: str | None = None,
        national_id: str | None = None,
    ) -> str:
        """Store a person's PII; returns the pseudonymous id everything else uses."""
        candidate_id = "cand_" + secrets.token_hex(10)
        with Session(self._engine) as session, session.begin():
            session.add(
                Subject(
                    candidate_id=candidate_id,
                    name=name,
                    email=email,
                    phone=phone,
                    national_id=national_id,
                )
            )
        return candidate_id

    def get(self, candidate_id: str) -> SubjectRecord | None:
        with Session(self._reader) as session:
            row = session.get(Subject, candidate_id)
            if row is None:
                return None
            return SubjectRecord(
                candidate_id=row.candidate_id,
                name=row.name,
                email=row.email,
                phone=row.phone,
                national_id=row.national_id,
                created_at=as_utc(row.created_at),
                pool_consent=row.pool_consent,
            )

    def store_many(self, subjects: Sequence[NewSubject]) -> None:
        """Register many applicants and their documents in one transaction.
        Idempotent (a retried chunk): rows already there are left as they are."""
        if not subjects:
            return
        people = [
            {
                "candidate_id": subject.candidate_id,
                "pool_consent": subject.pool_consent,
                **{key: _clip(getattr(subject, key), width) for key, width in _WIDTHS.items()},
            }
            for subject in subjects
        ]
        documents = [
            {
                "candidate_id": subject.candidate_id,
                "kind": document.kind,
                "sha256": hashlib.sha256(document.content).hexdigest(),
                "content": document.content,
                "media_type": document.media_type,
                "size": len(document.content),
            }
            for subject in subjects
            for document in subject.documents
        ]
        with Session(self._engine) as session, session.begin():
            connection = session.connection()  # Core executemany, no ORM bookkeeping
            connection.execute(insert_for(session, Subject).on_conflict_do_nothing(), people)
            if documents:
                connection.execute(
                    insert_for(session, Document).on_conflict_do_nothing(), documents
                )

    def consenting(self, candidate_ids: Collection[str]) -> set[str]:
        """Those of ``candidate_ids`` still in the vault who agreed to the talent pool."""
        ids = list(candidate_ids)
        found: set[str] = set()
        with Session(self._reader) as session:
            for start in range(0, len(ids), 900):
                found.update(
                    session.scalars(
                        sa.select(Subject.candidate_id).where(
                            Subject.candidate_id.in_(ids[start : start + 900]),
                            Subject.pool_consent.is_(True),
                        )
                    )
                )
        return found

    def set_pool_consent(self, candidate_id: str, consent: bool) -> bool:
        """Record a candidate giving or withdrawing talent-pool consent; False if
        there is no such subject (erased or never registered)."""
        with Session(self._engine) as session, session.begin():
            found = session.get(Subject, candidate_id)
            if found is None:
                return False
            found.pool_consent = consent
            return True

    def store_document(self, candidate_id: str, kind: str, content: bytes, media_type: str) -> str:
        """Store (or replace) a candidate's document of ``kind``; returns its sha256."""
        digest = hashlib.sha256(content).hexdigest()
        values = {
            "candidate_id": candidate_id,
            "kind": kind,
            "sha256": digest,
            "content": content,
            "media_type": media_type,
            "size": len(content),
        }
        with Session(self._engine) as session, session.begin():
            if session.get(Subject, candidate_id) is None:
                raise UserError(
                    f"no subject {candidate_id} in the vault (erased or never registered)"
                )
            session.execute(
                insert_for(session, Document)
                .values(values)
                .on_conflict_do_update(
                    index_elements=["candidate_id", "kind"],
                    set_={k: v for k, v in values.items() if k not in ("candidate_id", "kind")},
                )
            )
        return digest

    def document(self, candidate_id: str, kind: str) -> bytes | None:
        with Session(self._reader) as session:
            return session.scalar(
                sa.select(Document.content).where(
                    Document.candidate_id == candidate_id, Document.kind == kind
                )
            )

    def documents(self, candidate_ids: Collection[str], kind: str) -> dict[str, bytes]:
        """One kind of document for many candidates (those erased are simply absent)."""
        ids = list(candidate_ids)
        found: dict[str, bytes] = {}
        with Session(self._reader) as session:
            for start in range(0, len(ids), 900):
                query = sa.select(Document.candidate_id, Document.content).where(
                    Document.candidate_id.in_(ids[start : start + 900]), Document.kind == kind
                )
                found.update((cid, content) for cid, content in session.execute(query))
        return found

    def erase(self, candidate_id: str) -> bool:
        """Delete the person's PII and documents; returns whether there was anything."""
        with Session(self._engine) as session, session.begin():
            existed = session.get(Subject, candidate_id) is not None
            session.execute(sa.delete(Document).where(Document.candidate_id == candidate_id))
            session.execute(sa.delete(Subject).where(Subject.candidate_id == candidate_id))
        return existed
