"""The append-only, hash-chained event store: the business record of every candidate.

Exactly-once from at-least-once: activities retry, so ``append`` skips drafts
whose idempotency key is already stored and returns them as stored. Ordering
is per stream: ``(stream, sequence)`` is unique, so two appenders that read
the same tail cannot both commit; the loser retries against the new tail.
On SQLite ``BEGIN IMMEDIATE`` serializes writers; on PostgreSQL a per-stream
advisory lock queues them, and the unique constraint plus a bounded retry
stay as the safety net.
"""

import itertools
import random
import time
from collections.abc import Collection, Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from pydantic import ValidationError
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from domain.record.chain import BrokenLink, chain, verify_stream
from domain.record.events import GENESIS_HASH, Actor, EventDraft, RecordedEvent, as_utc
from ledger.db import reader
from ledger.models import Event

MAX_ATTEMPTS = 20
_LIMITS = {"stream": 64, "key": 200, "type": 64, "definition_id": 64, "workflow_id": 255}


class EventStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._reader = reader(engine)

    def append(self, drafts: Sequence[EventDraft]) -> list[RecordedEvent]:
        """Record drafts of one stream, in order; returns them as stored (retries too)."""
        if not drafts:
            return []
        stream = _single_stream(drafts)
        for attempt in range(1, MAX_ATTEMPTS):
            try:
                return self._append_once(stream, drafts)
            except IntegrityError:  # another appender took our sequence: re-read the tail
                time.sleep(random.uniform(0, 0.005 * 2 ** min(attempt, 6)))
        return self._append_once(stream, drafts)

    def _append_once(self, stream: str, drafts: Sequence[EventDraft]) -> list[RecordedEvent]:
        keys = [draft.key for draft in drafts]
        with Session(self._engine) as session, session.begin():
            if session.get_bind().dialect.name == "postgresql":
                # Queue appenders of one stream instead of letting them race and retry.
                session.execute(sa.select(sa.func.pg_advisory_xact_lock(_lock_key(stream))))
            stored = {
                row.key: _recorded(row)
                for row in session.scalars(sa.select(Event).where(Event.key.in_(keys)))
            }
            for event in stored.values():
                if event.stream != stream:
                    raise ValueError(f"event key {event.key!r} is already used by another stream")
            new = [draft for draft in drafts if draft.key not in stored]
            if new:
                tail = session.execute(
                    sa.select(Event.sequence, Event.hash)
                    .where(Event.stream == stream)
                    .order_by(Event.sequence.desc())
                    .limit(1)
                ).first()
                last_sequence, last_hash = (tail[0], tail[1]) if tail else (0, GENESIS_HASH)
                recorded = chain(new, last_sequence, last_hash)
                # Core executemany: a cached statement, not the ORM's per-row bookkeeping.
                session.connection().execute(sa.insert(Event), [_row(e) for e in recorded])
                stored.update((event.key, event) for event in recorded)
        return [stored[key] for key in keys]

    def append_many(
        self, drafts: Sequence[EventDraft], legacy_keys: Mapping[str, str] | None = None
    ) -> int:
        """Record drafts of many streams in one transaction; returns how many were new.

        For batch screening: a chunk of a thousand applicants is a thousand
        streams, and one transaction per stream would cost a commit (an fsync)
        each. Each stream's drafts keep their order and chain from that
        stream's stored head, drafts whose key is stored are skipped (a retried
        chunk is a no-op), and a key stored under another stream is an error,
        as in ``append``. Writers serialise the same way: ``BEGIN IMMEDIATE``
        on SQLite; on PostgreSQL the per-stream advisory locks ``append`` takes,
        acquired in one statement in a fixed order so two bulk writers cannot
        deadlock. Callers bound the streams per call (advisory locks live in
        PostgreSQL's shared lock table until commit).

        ``legacy_keys`` maps a draft's key to the key an earlier version of its
        writer gave the same event (``domain.record.keys``): a draft whose
        legacy key is stored in its stream is stored too, so rerunning work
        over a ledger written before the key scheme changed writes nothing
        twice. The stored event keeps its old key (the key is hashed into
        the chain, so it cannot be rewritten)."""
        if not drafts:
            return 0
        groups: dict[str, list[EventDraft]] = {}
        for draft in drafts:
            groups.setdefault(draft.stream, []).append(draft)
        _check_drafts(drafts)
        aliases = dict(legacy_keys or {})
        for attempt in range(1, MAX_ATTEMPTS):
            try:
                return self._append_many_once(groups, aliases)
            except IntegrityError:  # a concurrent appender took a sequence: re-read heads
                time.sleep(random.uniform(0, 0.005 * 2 ** min(attempt, 6)))
        return self._append_many_once(groups, aliases)

    def _append_many_once(
        self, groups: dict[str, list[EventDraft]], legacy_keys: dict[str, str]
    ) -> int:
        streams = sorted(groups)
        with Session(self._engine) as session, session.begin():
            connection = session.connection()
            if connection.dialect.name == "postgresql":
                connection.execute(_LOCK_STREAMS, {"streams": streams})
            heads: dict[str, tuple[int, str]] = {}
            for part in _parts(streams):
                last = (
                    sa.select(Event.stream, sa.func.max(Event.sequence).label("last"))
                    .where(Event.stream.in_(part))
                    .group_by(Event.stream)
                    .subquery()
                )
                tails = sa.select(Event.stream, Event.sequence, Event.hash).join(
                    last, sa.and_(Event.stream == last.c.stream, Event.sequence == last.c.last)
                )
                for stream, sequence, digest in connection.execute(tails):
                    heads[stream] = (sequence, digest)
            stored: dict[str, str] = {}
            all_keys = [draft.key for group in groups.values() for draft in group]
            # Only a stream that has events can hold one under a legacy key: a
            # fresh import looks up no legacy keys at all.
            all_keys += [
                legacy_keys[draft.key]
                for stream in heads
                for draft in groups[stream]
                if draft.key in legacy_keys
            ]
            for part in _parts(all_keys):
                keyed = sa.select(Event.key, Event.stream).where(Event.key.in_(part))
                for key, stream in connection.execute(keyed):
                    stored[key] = stream
            rows: list[dict[str, Any]] = []
            for stream in streams:
                new: list[EventDraft] = []
                for draft in groups[stream]:
                    owner = stored.get(draft.key)
                    if owner is None and stored.get(legacy_keys.get(draft.key, "")) == stream:
                        continue  # written under its legacy key
                    if owner is None:
                        new.append(draft)
                    elif owner != stream:
                        raise ValueError(
                            f"event key {draft.key!r} is already used by another stream"
                        )
                if new:
                    sequence, digest = heads.get(stream, (0, GENESIS_HASH))
                    rows.extend(_row(event) for event in chain(new, sequence, digest))
            if rows:
                connection.execute(sa.insert(Event), rows)
        return len(rows)

    def stream(self, stream: str) -> list[RecordedEvent]:
        """One candidate's events in sequence order."""
        with Session(self._reader) as session:
            rows = session.scalars(
                sa.select(Event).where(Event.stream == stream).order_by(Event.sequence)
            )
            return [_recorded(row) for row in rows]

    def streams(self) -> list[str]:
        with Session(self._reader) as session:
            return list(session.scalars(sa.select(Event.stream).distinct().order_by(Event.stream)))

    def count(self, stream: str | None = None) -> int:
        query = sa.select(sa.func.count()).select_from(Event)
        if stream is not None:
            query = query.where(Event.stream == stream)
        with Session(self._reader) as session:
            return session.scalar(query) or 0

    def verify(self, stream: str | None = None) -> list[BrokenLink]:
        """The first broken link of every broken stream (all streams, or one), in one pass."""
        query = sa.select(Event).order_by(Event.stream, Event.sequence)
        if stream is not None:
            query = query.where(Event.stream == stream)
        broken: list[BrokenLink] = []
        with Session(self._reader) as session:
            rows = session.scalars(query.execution_options(yield_per=2000))
            for _, group in itertools.groupby(rows, key=lambda row: row.stream):
                link = _verify_rows(list(group))
                if link is not None:
                    broken.append(link)
        return broken

    def since(
        self, position: int, types: Collection[str] | None = None, limit: int = 5000
    ) -> list[tuple[int, RecordedEvent]]:
        """Events after a global position, oldest first, for projections that poll.

        On PostgreSQL positions come from a sequence and concurrent transactions
        may commit out of order, so a poller should re-read a short window
        behind its last position rather than trust it blindly.
        """
        query = sa.select(Event).where(Event.id > position).order_by(Event.id).limit(limit)
        if types is not None:
            query = query.where(Event.type.in_(list(types)))
        with Session(self._reader) as session:
            return [(row.id, _recorded(row)) for row in session.scalars(query)]


def _lock_key(stream: str) -> sa.ColumnElement[int]:
    return sa.func.hashtextextended(stream, 0)


_LOCK_STREAMS = sa.text(
    "SELECT count(pg_advisory_xact_lock(hashtextextended(s, 0))) "
    "FROM (SELECT unnest(CAST(:streams AS text[])) AS s ORDER BY 1) AS ordered"
)
"""The per-stream locks of ``append`` (same key function), taken in sorted order."""

_PART = 900
"""Values per ``IN (...)`` list: well under SQLite's bound-parameter limit."""


def _parts(values: Sequence[str]) -> list[Sequence[str]]:
    return [values[i : i + _PART] for i in range(0, len(values), _PART)]


def _single_stream(drafts: Sequence[EventDraft]) -> str:
    streams = {draft.stream for draft in drafts}
    if len(streams) != 1:
        raise ValueError(f"one append must target one stream, got {len(streams)}")
    _check_drafts(drafts)
    return streams.pop()


def _check_drafts(drafts: Sequence[EventDraft]) -> None:
    if len({draft.key for draft in drafts}) != len(drafts):
        raise ValueError("idempotency keys must be unique within one append")
    for draft in drafts:
        for field, limit in _LIMITS.items():
            if len(getattr(draft, field)) > limit:
                raise ValueError(f"event {field} is longer than {limit} characters")


def _verify_rows(rows: list[Event]) -> BrokenLink | None:
    """Like ``verify_stream``, but a row too mangled to rebuild is a broken link too."""
    events: list[RecordedEvent] = []
    for row in rows:
        try:
            events.append(_recorded(row))
        except ValidationError:
            expected = len(events) + 1
            reason = (
                "stored event is malformed"
                if row.sequence == expected
                else f"sequence {expected} is missing"
            )
            return verify_stream(events) or BrokenLink(row.stream, expected, reason)
    return verify_stream(events)


def _row(event: RecordedEvent) -> dict[str, Any]:
    return {
        "stream": event.stream,
        "sequence": event.sequence,
        "key": event.key,
        "type": event.type,
        "payload": event.payload,
        "actor": event.actor.model_dump(),
        "definition_id": event.definition_id,
        "definition_version": event.definition_version,
        "workflow_id": event.workflow_id,
        "run_id": event.run_id,
        "occurred_at": as_utc(event.occurred_at),
        "prev_hash": event.prev_hash,
        "hash": event.hash,
    }


def _recorded(row: Event) -> RecordedEvent:
    """Rebuild exactly the content that was hashed (naive SQLite times are UTC)."""
    return RecordedEvent(
        key=row.key,
        stream=row.stream,
        sequence=row.sequence,
        type=row.type,
        payload=row.payload,
        actor=Actor.model_validate(row.actor),
        definition_id=row.definition_id,
        definition_version=row.definition_version,
        workflow_id=row.workflow_id,
        run_id=row.run_id,
        occurred_at=as_utc(row.occurred_at),
        prev_hash=row.prev_hash,
        hash=row.hash,
    )
