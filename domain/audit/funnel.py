"""The recruiting funnel, part two: running totals over candidates' facts, and
the report (no I/O).

``domain.audit.funnel_facts`` folds one candidate's stream into
``CandidateFacts`` and holds the counting rules; this module adds facts up
(``FunnelBuilder``) one candidate at a time, so a ledger of any size is read
once with one candidate in memory, and shapes the report.
"""

import itertools
import math
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from domain.audit.funnel_facts import (
    HIRED_OUTCOMES,
    STAGE_INDEX,
    TIME_BASIS,
    CandidateFacts,
    FunnelEvent,
    fold_candidate,
)
from domain.process.stages import STAGE_ORDER, Outcome


def quantile(ordered: Sequence[float], q: float) -> float | None:
    """Linear interpolation between closest ranks (numpy's default); ``None`` if empty."""
    if not ordered:
        return None
    position = q * (len(ordered) - 1)
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass(frozen=True)
class Durations:
    """A distribution of durations in seconds, summarised by median and p90."""

    count: int
    median_s: float | None
    p90_s: float | None

    @classmethod
    def of(cls, values: Iterable[float]) -> "Durations":
        ordered = sorted(values)
        return cls(len(ordered), quantile(ordered, 0.5), quantile(ordered, 0.9))

    def as_dict(self) -> dict[str, Any]:
        return {"count": self.count, "median_seconds": self.median_s, "p90_seconds": self.p90_s}


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True)
class StageFigures:
    """One stage of the funnel."""

    stage: str
    reached: int
    passed_on: int
    ended: Mapping[str, int]
    """Drops: candidates whose process ended at this stage, by outcome
    (not counting withdrawals and hires, which have their own fields)."""
    withdrawn: int
    hired: int
    running: int
    time: Durations

    @property
    def dropped(self) -> int:
        return sum(self.ended.values())

    @property
    def final(self) -> bool:
        """The last stage: nobody passes on from it, so it has no pass rate."""
        return self.stage == STAGE_ORDER[-1]

    @property
    def pass_rate(self) -> float | None:
        """Passed on / reached (still-running candidates count as not yet passed)."""
        return None if self.final else _rate(self.passed_on, self.reached)

    @property
    def decided_pass_rate(self) -> float | None:
        """Passed on / those no longer at this stage: the rate once everyone is decided."""
        return None if self.final else _rate(self.passed_on, self.reached - self.running)

    @property
    def drop_off_rate(self) -> float | None:
        """Dropped or withdrawn here / reached."""
        return _rate(self.dropped + self.withdrawn, self.reached)

    def as_dict(self) -> dict[str, Any]:
        return {
            "stage": self.stage,
            "reached": self.reached,
            "passed_on": self.passed_on,
            "pass_rate": self.pass_rate,
            "decided_pass_rate": self.decided_pass_rate,
            "dropped": self.dropped,
            "withdrawn": self.withdrawn,
            "drop_off_rate": self.drop_off_rate,
            "hired": self.hired,
            "running": self.running,
            "ended": dict(self.ended),
            "time_in_stage": self.time.as_dict(),
        }


@dataclass(frozen=True)
class FunnelReport:
    """The whole funnel: per-stage figures and the end-to-end rates."""

    candidates: int
    running: int
    stages: tuple[StageFigures, ...]
    outcomes: Mapping[str, int]
    """Ended processes by outcome, most common first."""
    hired: int
    ai_completed: int
    ai_passed: int
    hired_after_ai: int
    time_to_hire: Durations
    compressed: int
    """Candidates whose timers ran compressed (``time_scale`` != 1)."""
    bulk_screened: int
    definition_id: str | None = None
    since: datetime | None = None

    @property
    def reached(self) -> dict[str, int]:
        return {figures.stage: figures.reached for figures in self.stages}

    @property
    def hire_rate(self) -> float | None:
        """Hired / applicants (still-running applicants count as not hired)."""
        return _rate(self.hired, self.candidates)

    @property
    def ai_pass_rate(self) -> float | None:
        """Passed the AI interview gate / completed the AI interview."""
        return _rate(self.ai_passed, self.ai_completed)

    @property
    def hire_rate_after_ai(self) -> float | None:
        """Hired / passed the AI interview: how well the AI gate predicts hiring."""
        return _rate(self.hired_after_ai, self.ai_passed)

    def as_dict(self) -> dict[str, Any]:
        return {
            "definition_id": self.definition_id,
            "since": self.since.isoformat() if self.since else None,
            "time_basis": TIME_BASIS,
            "applicants": self.candidates,
            "running": self.running,
            "completed": self.candidates - self.running,
            "bulk_screened": self.bulk_screened,
            "compressed_time_candidates": self.compressed,
            "hired": self.hired,
            "hire_rate": self.hire_rate,
            "ai_interview": {
                "completed": self.ai_completed,
                "passed": self.ai_passed,
                "pass_rate": self.ai_pass_rate,
                "hired_after_pass": self.hired_after_ai,
                "hire_rate_after_pass": self.hire_rate_after_ai,
            },
            "time_to_hire": self.time_to_hire.as_dict(),
            "outcomes": dict(self.outcomes),
            "stages": [figures.as_dict() for figures in self.stages],
        }


class FunnelBuilder:
    """Running totals over candidates: memory grows with the number of stage
    durations kept for the percentiles (8 bytes each), not with events."""

    def __init__(self, definition_id: str | None = None, since: datetime | None = None) -> None:
        self._definition_id = definition_id
        self._since = since
        self._candidates = 0
        self._running = 0
        self._reached: Counter[str] = Counter()
        self._passed_on: Counter[str] = Counter()
        self._ended: dict[str, Counter[str]] = {str(stage): Counter() for stage in STAGE_ORDER}
        self._running_at: Counter[str] = Counter()
        self._seconds: dict[str, array[float]] = {str(s): array("d") for s in STAGE_ORDER}
        self._outcomes: Counter[str] = Counter()
        self._hired = 0
        self._ai_completed = 0
        self._ai_passed = 0
        self._hired_after_ai = 0
        self._to_hire: array[float] = array("d")
        self._compressed = 0
        self._bulk = 0

    def wants(self, facts: CandidateFacts) -> bool:
        """Whether a candidate is in the report's cohort (definition, applied since)."""
        if self._definition_id is not None and facts.definition_id != self._definition_id:
            return False
        return self._since is None or facts.applied_at >= self._since

    def add(self, facts: CandidateFacts) -> bool:
        """Count one candidate; ``False`` if the cohort filters leave them out."""
        if not self.wants(facts):
            return False
        self._candidates += 1
        self._compressed += facts.time_scale != 1.0
        self._bulk += facts.bulk_screened
        furthest = facts.furthest
        for stage in facts.stages:
            if stage not in STAGE_INDEX:
                continue
            self._reached[stage] += 1
            if STAGE_INDEX[stage] < furthest:
                self._passed_on[stage] += 1
        for stage, seconds in facts.stage_seconds.items():
            if stage in self._seconds:
                self._seconds[stage].append(seconds)
        last = facts.last_stage if facts.last_stage in STAGE_INDEX else None
        if facts.outcome is None:
            self._running += 1
            if last is not None:
                self._running_at[last] += 1
        else:
            self._outcomes[facts.outcome] += 1
            if last is not None:
                self._ended[last][facts.outcome] += 1
        if facts.ai_completed:
            self._ai_completed += 1
        if facts.ai_passed:
            self._ai_passed += 1
        if facts.hired:
            self._hired += 1
            self._hired_after_ai += facts.ai_passed
            if facts.ended_at is not None:
                self._to_hire.append(max(0.0, (facts.ended_at - facts.applied_at).total_seconds()))
        return True

    def build(self) -> FunnelReport:
        stages = []
        for stage in map(str, STAGE_ORDER):
            ended = self._ended[stage]
            stages.append(
                StageFigures(
                    stage=stage,
                    reached=self._reached[stage],
                    passed_on=self._passed_on[stage],
                    ended={
                        outcome: count
                        for outcome, count in ended.most_common()
                        if outcome != Outcome.WITHDRAWN and outcome not in HIRED_OUTCOMES
                    },
                    withdrawn=ended[Outcome.WITHDRAWN],
                    hired=sum(ended[outcome] for outcome in HIRED_OUTCOMES),
                    running=self._running_at[stage],
                    time=Durations.of(self._seconds[stage]),
                )
            )
        return FunnelReport(
            candidates=self._candidates,
            running=self._running,
            stages=tuple(stages),
            outcomes=dict(self._outcomes.most_common()),
            hired=self._hired,
            ai_completed=self._ai_completed,
            ai_passed=self._ai_passed,
            hired_after_ai=self._hired_after_ai,
            time_to_hire=Durations.of(self._to_hire),
            compressed=self._compressed,
            bulk_screened=self._bulk,
            definition_id=self._definition_id,
            since=self._since,
        )


def funnel(
    events: Iterable[FunnelEvent],
    definition_id: str | None = None,
    since: datetime | None = None,
) -> FunnelReport:
    """The funnel over events grouped by stream, each stream in sequence order
    (``ORDER BY stream, sequence``, or one candidate's events after another).
    Interleaved streams would be counted twice, so they are refused."""
    builder = FunnelBuilder(definition_id, since)
    seen: set[str] = set()
    for stream, group in itertools.groupby(events, key=lambda event: event.stream):
        if stream in seen:
            raise ValueError(
                "funnel events must be grouped by stream (ORDER BY stream, sequence); "
                "a stream came back after another"
            )
        seen.add(stream)
        facts = fold_candidate(group)
        if facts is not None:
            builder.add(facts)
    return builder.build()
