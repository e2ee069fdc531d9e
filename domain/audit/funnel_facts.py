"""The recruiting funnel, part one: each candidate's stream folded into facts (no I/O).

Every figure in the funnel (who reached a stage, who passed on, where and how
each candidate ended, how long they spent in each stage, how the AI interview
compares with final hiring) is a fact about one candidate's stream. So the
projection folds each stream into a small ``CandidateFacts`` and keeps only
running totals (``FunnelBuilder``): a ledger of any size is read once, in
stream order, with one candidate's events in memory at a time.

Counting rules (they are what the report means, so they live here):

* A candidate counts from ``process.started`` or ``application.received``,
  whichever comes first; that instant is their application time, the one
  ``since`` filters on and time-to-hire starts from.
* Screened in bulk: ``application.received`` enters the screening stage. A
  ``screening.decided`` of ``talent_pool`` / ``rejected`` (anything but
  ``advance`` or ``manual_review``) ends the candidate there with that
  outcome; ``manual_review`` leaves them running at screening; those who
  advance go on in the lifecycle on the same stream (its ``stage.entered
  screening`` continues the same visit).
* A candidate *reached* a stage on its ``stage.entered``; *passed on* from it
  if they reached any later stage (in ``STAGE_ORDER``); otherwise they ended
  there (``process.completed``: hired, withdrawn, or another outcome, which
  is a drop) or are still running there.
* Time in a stage runs from its ``stage.entered`` to the next stage's
  ``stage.entered`` or to ``process.completed``, in ledger time
  (``occurred_at``). A lifecycle may run with compressed timers
  (``time_scale`` on ``process.started``, used by demos); times are not
  rescaled, and the report counts the compressed candidates so a reader knows.
  A stage the candidate is still in has no time yet (it is censored).
* The AI interview counts as completed when a ``call.completed`` sets
  ``ai_status`` to ``completed``; it is passed when the candidate then reached
  ``second_interview`` or any later stage. Hired means the process ended
  ``hired`` (or ``promoted``).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from domain.process.stages import STAGE_ORDER, Outcome, Stage

FUNNEL_EVENT_TYPES: frozenset[str] = frozenset(
    {
        "application.received",
        "screening.decided",
        "process.started",
        "stage.entered",
        "call.completed",
        "process.completed",
    }
)
"""The only event types the fold reads: a reader may filter on them."""

COUNTED_FROM: frozenset[str] = frozenset({"process.started", "application.received"})
HIRED_OUTCOMES: frozenset[str] = frozenset({Outcome.HIRED, Outcome.PROMOTED})
AI_STATUS_VARIABLE = "ai_status"
SCREENING_ADVANCE = "advance"
SCREENING_PENDING = "manual_review"
ENDED_WITHOUT_OUTCOME = "ended"
TIME_BASIS = "times are ledger time (occurred_at), not rescaled for compressed timers (time_scale)"

STAGE_INDEX: dict[str, int] = {str(stage): index for index, stage in enumerate(STAGE_ORDER)}
_AFTER_AI = STAGE_INDEX[Stage.AI_INTERVIEW]


class FunnelEvent(Protocol):
    """What the fold reads of an event: ``RecordedEvent`` fits, and so does a
    lighter row a reader builds from only these columns (no hashes, no actor)."""

    @property
    def stream(self) -> str: ...

    @property
    def type(self) -> str: ...

    @property
    def payload(self) -> Mapping[str, Any]: ...

    @property
    def occurred_at(self) -> datetime: ...

    @property
    def definition_id(self) -> str: ...


@dataclass(frozen=True)
class CandidateFacts:
    """One candidate, reduced to what the funnel counts (no ids, no PII)."""

    definition_id: str
    applied_at: datetime
    stages: tuple[str, ...]
    """Distinct stages reached, in the order first reached."""
    stage_seconds: Mapping[str, float]
    """Time spent in each stage the candidate has left (summed over visits)."""
    last_stage: str | None
    outcome: str | None
    """How the process ended; ``None`` while it runs."""
    ended_at: datetime | None
    time_scale: float
    ai_completed: bool
    bulk_screened: bool

    @property
    def running(self) -> bool:
        return self.outcome is None

    @property
    def hired(self) -> bool:
        return self.outcome in HIRED_OUTCOMES

    @property
    def furthest(self) -> int:
        """Index in ``STAGE_ORDER`` of the furthest stage reached (-1: none)."""
        return max((STAGE_INDEX[s] for s in self.stages if s in STAGE_INDEX), default=-1)

    @property
    def ai_passed(self) -> bool:
        return self.ai_completed and self.furthest > _AFTER_AI


@dataclass
class _Fold:
    """The mutable state of one candidate's fold."""

    definition_id: str = ""
    applied_at: datetime | None = None
    started: bool = False
    stages: list[str] = field(default_factory=list)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    stage: str | None = None
    entered_at: datetime | None = None
    outcome: str | None = None
    ended_at: datetime | None = None
    time_scale: float = 1.0
    ai_completed: bool = False
    bulk_screened: bool = False

    def enter(self, stage: str, at: datetime) -> None:
        if stage == self.stage:
            return  # a bulk-screened candidate's lifecycle re-enters screening
        self.leave(at)
        self.stage, self.entered_at = stage, at
        if stage not in self.stages:
            self.stages.append(stage)

    def leave(self, at: datetime) -> None:
        if self.stage is not None and self.entered_at is not None:
            spent = max(0.0, (at - self.entered_at).total_seconds())
            self.stage_seconds[self.stage] = self.stage_seconds.get(self.stage, 0.0) + spent
        self.entered_at = None

    def end(self, outcome: str, at: datetime) -> None:
        self.leave(at)
        self.outcome, self.ended_at = outcome, at


def fold_candidate(events: Iterable[FunnelEvent]) -> CandidateFacts | None:
    """Fold one candidate's events (in stream order) into funnel facts; ``None``
    if the stream never applied (no ``process.started`` nor ``application.received``)."""
    state = _Fold()
    for event in events:
        kind, payload, at = event.type, event.payload, event.occurred_at
        if kind in COUNTED_FROM and state.applied_at is None:
            state.applied_at = at
        if kind == "application.received":
            state.bulk_screened = True
            if not state.started:
                state.definition_id = event.definition_id
            if state.stage is None:
                state.enter(Stage.SCREENING, at)
        elif kind == "screening.decided":
            decision = str(payload.get("outcome") or SCREENING_PENDING)
            if not state.started and decision not in (SCREENING_ADVANCE, SCREENING_PENDING):
                state.end(decision, at)
        elif kind == "process.started":
            state.started = True
            state.definition_id = event.definition_id
            state.outcome = state.ended_at = None  # a screening end is superseded
            scale = payload.get("time_scale")
            state.time_scale = float(scale) if isinstance(scale, int | float) else 1.0
            if state.stage is not None and state.entered_at is None:
                state.entered_at = at  # resumes from where screening ended
        elif kind == "stage.entered" and state.applied_at is not None:
            stage = payload.get("stage")
            if isinstance(stage, str):
                state.enter(stage, at)
        elif kind == "call.completed":
            variables = payload.get("variables")
            if isinstance(variables, Mapping) and AI_STATUS_VARIABLE in variables:
                state.ai_completed = variables[AI_STATUS_VARIABLE] == "completed"
        elif kind == "process.completed" and state.started:
            state.end(str(payload.get("outcome") or ENDED_WITHOUT_OUTCOME), at)
    if state.applied_at is None:
        return None
    return CandidateFacts(
        definition_id=state.definition_id,
        applied_at=state.applied_at,
        stages=tuple(state.stages),
        stage_seconds=dict(state.stage_seconds),
        last_stage=state.stage,
        outcome=state.outcome,
        ended_at=state.ended_at,
        time_scale=state.time_scale,
        ai_completed=state.ai_completed,
        bulk_screened=state.bulk_screened,
    )
