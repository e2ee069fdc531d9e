"""Side effects recorded before they happen: the notification outbox and employee files.

Activities are retried, so each write here is keyed by something the retry
repeats (the caller's idempotency key, or the candidate id) and a second
attempt finds the first one's row instead of adding another.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from domain.record.events import as_utc
from ledger.db import insert_for, reader
from ledger.models import Employee, Notification


@dataclass(frozen=True)
class QueuedNotification:
    id: str
    candidate_id: str
    template: str
    channel: str
    status: str
    created_at: datetime
    link: str | None = None


class Outbox:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._reader = reader(engine)

    def enqueue(self, key: str, candidate_id: str, template: str, channel: str) -> str:
        """Queue a notification once per ``key``; returns its id (the key)."""
        with Session(self._engine) as session, session.begin():
            session.execute(
                insert_for(session, Notification)
                .values(id=key, candidate_id=candidate_id, template=template, channel=channel)
                .on_conflict_do_nothing(index_elements=["id"])
            )
        return key

    def for_candidate(self, candidate_id: str) -> list[QueuedNotification]:
        query = (
            sa.select(Notification)
            .where(Notification.candidate_id == candidate_id)
            .order_by(Notification.created_at, Notification.id)
        )
        with Session(self._reader) as session:
            return [
                QueuedNotification(
                    id=row.id,
                    candidate_id=row.candidate_id,
                    template=row.template,
                    channel=row.channel,
                    status=row.status,
                    created_at=as_utc(row.created_at),
                    link=row.link,
                )
                for row in session.scalars(query)
            ]


def employee_id_for(candidate_id: str) -> str:
    """Derived, not random, so a retried onboarding step names the same employee."""
    return "emp_" + hashlib.sha256(candidate_id.encode("utf-8")).hexdigest()[:16]


class Employees:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def create(self, candidate_id: str) -> str:
        """Open the employee file for a hired candidate ("interview over = file created")."""
        employee_id = employee_id_for(candidate_id)
        with Session(self._engine) as session, session.begin():
            session.execute(
                insert_for(session, Employee)
                .values(employee_id=employee_id, candidate_id=candidate_id)
                .on_conflict_do_nothing()
            )
        return employee_id
