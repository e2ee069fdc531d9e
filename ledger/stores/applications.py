"""Applications screened in bulk: which candidate id a resume got for a requisition,
which batch and chunk it was queued in, its fit score and its outcome.

This table is what makes ``hireloop screen import`` resumable. An application
is named by ``(requisition_id, document_sha256)``: the first import mints the
candidate id (random, like the vault's), every later import of the same file
for the same job finds it again, so its events, vault rows and lifecycle keep
the same id and every write is an idempotent no-op. ``outcome`` is set only
after the applicant's ``screening.decided`` event is in the ledger, so an
application without one is still owed work, whatever stopped the last run.
No PII: files are named by their hash; their names stay out of the ledger.
"""

import secrets
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from ledger.db import reader
from ledger.models import Application

_PART = 900


def new_candidate_id() -> str:
    """Same shape as ``SubjectVault.register``'s ids: pseudonymous, not derived."""
    return "cand_" + secrets.token_hex(10)


@dataclass(frozen=True)
class Queued:
    """An application owed screening work in a batch."""

    candidate_id: str
    document_sha256: str
    chunk: int


@dataclass(frozen=True)
class Scored:
    """One application of a chunk as scored, waiting for the talent-pool line."""

    candidate_id: str
    score: float


class ApplicationStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._reader = reader(engine)

    def register(
        self,
        requisition_id: str,
        batch_id: str,
        documents: Sequence[str],
        chunk_size: int,
        *,
        first_chunk: int = 0,
    ) -> list[Queued]:
        """Queue the documents (sha256s, in import order) in ``batch_id``'s chunks,
        numbered from ``first_chunk`` (a large import registers in parts).
        Known undecided applications move to this batch with their candidate id;
        decided ones (a concurrent import may just have decided them) are left alone."""
        unique = list(dict.fromkeys(documents))
        known: dict[str, tuple[str, str | None]] = {}
        with Session(self._engine) as session, session.begin():
            connection = session.connection()
            for start in range(0, len(unique), _PART):
                query = sa.select(
                    Application.document_sha256, Application.candidate_id, Application.outcome
                ).where(
                    Application.requisition_id == requisition_id,
                    Application.document_sha256.in_(unique[start : start + _PART]),
                )
                for digest, stored_id, stored_outcome in connection.execute(query):
                    known[digest] = (stored_id, stored_outcome)
            queued: list[Queued] = []
            for digest in unique:
                candidate_id, outcome = known.get(digest, (None, None))
                if outcome is not None:
                    continue
                queued.append(
                    Queued(
                        candidate_id or new_candidate_id(),
                        digest,
                        first_chunk + len(queued) // chunk_size,
                    )
                )
            fresh = [q for q in queued if q.document_sha256 not in known]
            moved = [q for q in queued if q.document_sha256 in known]
            if fresh:
                connection.execute(
                    sa.insert(Application),
                    [
                        {
                            "candidate_id": q.candidate_id,
                            "requisition_id": requisition_id,
                            "document_sha256": q.document_sha256,
                            "batch_id": batch_id,
                            "chunk": q.chunk,
                        }
                        for q in fresh
                    ],
                )
            if moved:
                connection.execute(
                    sa.update(Application)
                    .where(Application.candidate_id == sa.bindparam("cid"))
                    .values(batch_id=batch_id, chunk=sa.bindparam("new_chunk")),
                    [{"cid": q.candidate_id, "new_chunk": q.chunk} for q in moved],
                )
        return queued

    def known(
        self, requisition_id: str, documents: Sequence[str]
    ) -> dict[str, tuple[str, str | None]]:
        """``sha256 -> (batch_id, outcome)`` for the documents already registered."""
        found: dict[str, tuple[str, str | None]] = {}
        with Session(self._reader) as session:
            for start in range(0, len(documents), _PART):
                query = sa.select(
                    Application.document_sha256, Application.batch_id, Application.outcome
                ).where(
                    Application.requisition_id == requisition_id,
                    Application.document_sha256.in_(documents[start : start + _PART]),
                )
                for digest, batch_id, outcome in session.execute(query):
                    found[digest] = (batch_id, outcome)
        return found

    def record(self, scores: Iterable[tuple[str, float | None, str | None]]) -> None:
        """Store ``(candidate_id, score, outcome)`` for scored or decided applicants."""
        rows = [
            {"cid": cid, "new_score": score, "new_outcome": outcome}
            for cid, score, outcome in scores
        ]
        if not rows:
            return
        with Session(self._engine) as session, session.begin():
            session.connection().execute(
                sa.update(Application)
                .where(Application.candidate_id == sa.bindparam("cid"))
                .values(score=sa.bindparam("new_score"), outcome=sa.bindparam("new_outcome")),
                rows,
            )

    def undecided(self, batch_id: str, chunk: int) -> list[Scored]:
        """A chunk's scored applicants still waiting for a decision."""
        query = (
            sa.select(Application.candidate_id, Application.score)
            .where(
                Application.batch_id == batch_id,
                Application.chunk == chunk,
                Application.outcome.is_(None),
                Application.score.is_not(None),
            )
            .order_by(Application.candidate_id)
        )
        with Session(self._reader) as session:
            return [Scored(cid, score or 0.0) for cid, score in session.execute(query)]

    def scores(self, requisition_id: str) -> list[float]:
        """Every fit score recorded for the requisition (the talent-pool population)."""
        query = sa.select(Application.score).where(
            Application.requisition_id == requisition_id, Application.score.is_not(None)
        )
        with Session(self._reader) as session:
            return [score for score in session.scalars(query) if score is not None]

    def outcomes(self, batch_id: str) -> Counter[str]:
        """Decided applicants of a batch by outcome (``pending`` for the rest)."""
        query = (
            sa.select(Application.outcome, sa.func.count())
            .where(Application.batch_id == batch_id)
            .group_by(Application.outcome)
        )
        with Session(self._reader) as session:
            return Counter({outcome or "pending": int(n) for outcome, n in session.execute(query)})
