"""The subject vault: the only place a candidate's PII and documents live.

Events name candidates by the pseudonymous id minted here, so honouring an
erasure request is deleting this candidate's rows: the event chain is not
touched and still verifies.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from domain.events import as_utc
from hireloop.errors import UserError
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
            )

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

    def erase(self, candidate_id: str) -> bool:
        """Delete the person's PII and documents; returns whether there was anything."""
        with Session(self._engine) as session, session.begin():
            existed = session.get(Subject, candidate_id) is not None
            session.execute(sa.delete(Document).where(Document.candidate_id == candidate_id))
            session.execute(sa.delete(Subject).where(Subject.candidate_id == candidate_id))
        return existed
