"""Hand-built candidate timelines in the shapes the lifecycle and the bulk
screening write (types and payloads as in ``workflows/lifecycle.py``), shared
by the pure-fold tests and the CLI tests (which append them to a real ledger).
Ids are pseudonymous and made up; no PII."""

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from domain.record.events import EventDraft

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
DEFINITION = "campus_hire"
LATER = ("ai_interview", "second_interview", "offer", "onboarding", "training", "promotion_review")

Step = tuple[float, str, dict[str, Any]]
"""(minutes after the candidate's start, event type, payload)"""


def drafts(
    stream: str,
    steps: Iterable[Step],
    start: datetime = T0,
    definition: str = DEFINITION,
) -> list[EventDraft]:
    return [
        EventDraft(
            key=f"{stream}#{index}",
            stream=stream,
            type=kind,
            payload=payload,
            definition_id=definition,
            definition_version=1,
            workflow_id=f"candidate-{stream}",
            run_id="run-1",
            occurred_at=start + timedelta(minutes=minutes),
        )
        for index, (minutes, kind, payload) in enumerate(steps)
    ]


def lifecycle(
    stages: Sequence[tuple[float, str]],
    outcome: str | None,
    end: float | None = None,
    ai_status: str | None = None,
    ai_at: float | None = None,
    time_scale: float = 1.0,
    begin: float = 0.0,
) -> list[Step]:
    """A lifecycle run: ``process.started`` at ``begin``, each stage entered at
    its minute (with the node chatter the real workflow writes), an AI
    interview result, and ``process.completed`` at ``end`` unless running."""
    steps: list[Step] = [
        (
            begin,
            "process.started",
            {"time_scale": time_scale, "variables": {"requisition_id": "R-1"}},
        )
    ]
    previous: str | None = None
    for minute, stage in stages:
        if previous is not None:
            steps.append((minute, "stage.exited", {"stage": previous}))
        steps.append((minute, "stage.entered", {"stage": stage}))
        steps.append(
            (minute, "node.entered", {"token": "t1", "node": f"{stage}_first", "type": "x"})
        )
        if stage == "ai_interview" and ai_status is not None:
            at = ai_at if ai_at is not None else minute + 1
            steps.append(
                (at - 0.5, "call.started", {"node": "ai_interview", "element": "AIInterview"})
            )
            steps.append(
                (
                    at,
                    "call.completed",
                    {
                        "node": "ai_interview",
                        "workflow_id": "w/ai_interview/1",
                        "variables": {
                            "ai_status": ai_status,
                            "ai_score": 72.5,
                            "ai_dimensions": {},
                        },
                    },
                )
            )
        previous = stage
    if outcome is not None:
        assert end is not None
        steps.append((end, "token.ended", {"token": "t1", "node": "x", "reason": "process_ended"}))
        steps.append((end, "process.completed", {"outcome": outcome}))
    return steps


def through(last: str, start: float = 0.0, step: float = 60.0) -> list[tuple[float, str]]:
    """Screening then every later stage up to ``last``, ``step`` minutes apart."""
    names = ["screening", *LATER]
    return [(start + i * step, name) for i, name in enumerate(names[: names.index(last) + 1])]


def bulk_screened(decision: str, score: float = 0.3, decided: float = 5.0) -> list[Step]:
    """What the bulk screening writes for one applicant (before any lifecycle)."""
    return [
        (0, "application.received", {"requisition_id": "R-1"}),
        (1, "resume.parsed", {"parser_version": "resume-rules/1"}),
        (
            2,
            "screening.scored",
            {"score": score, "threshold": 0.45, "passed": score >= 0.45, "model_version": "kw/1"},
        ),
        (decided, "screening.decided", {"outcome": decision}),
    ]


def population() -> dict[str, tuple[list[Step], str]]:
    """Sixteen campus-hire candidates covering every way through the funnel,
    plus one on another definition; candidate ``i`` applies ``i`` days after T0.
    The expected figures are worked out by hand in ``test_funnel_fold``."""
    ai = "completed"
    return {
        "c01_hired": (lifecycle(through("promotion_review"), "hired", 480, ai), DEFINITION),
        "c02_hired_slow": (
            lifecycle(through("promotion_review", step=120), "hired", 900, ai),
            DEFINITION,
        ),
        "c03_screen_pool": (lifecycle(through("screening"), "talent_pool", 30), DEFINITION),
        "c04_screen_rejected": (lifecycle(through("screening"), "rejected", 50), DEFINITION),
        "c05_ai_pool": (lifecycle(through("ai_interview"), "talent_pool", 95, ai, 90), DEFINITION),
        "c06_ai_expired": (
            lifecycle(through("ai_interview"), "withdrawn", 200, "expired", 200),
            DEFINITION,
        ),
        "c07_second_pool": (
            lifecycle(through("second_interview"), "talent_pool", 200, ai),
            DEFINITION,
        ),
        "c08_second_withdrawn": (
            lifecycle(through("second_interview"), "withdrawn", 150, ai),
            DEFINITION,
        ),
        "c09_offer_declined": (lifecycle(through("offer"), "offer_declined", 250, ai), DEFINITION),
        "c10_offer_running": (lifecycle(through("offer"), None, None, ai), DEFINITION),
        "c11_probation_failed": (
            lifecycle(through("promotion_review"), "probation_failed", 420, ai),
            DEFINITION,
        ),
        "c12_screen_running_fast": (
            lifecycle(through("screening"), None, time_scale=0.001),
            DEFINITION,
        ),
        "b13_bulk_rejected": (bulk_screened("rejected"), DEFINITION),
        "b14_bulk_pool": (bulk_screened("talent_pool"), DEFINITION),
        "b15_bulk_manual": (bulk_screened("manual_review"), DEFINITION),
        "b16_bulk_advanced": (
            bulk_screened("advance", score=0.8)
            + lifecycle(
                [(10, "screening"), (70, "ai_interview")], "talent_pool", 100, ai, 80, begin=10
            ),
            DEFINITION,
        ),
        "o17_other_definition": (lifecycle(through("screening"), "rejected", 20), "intern_hire"),
    }


def population_drafts() -> list[EventDraft]:
    """The population as ledger drafts, candidate after candidate."""
    out: list[EventDraft] = []
    for day, (stream, (steps, definition)) in enumerate(population().items()):
        out += drafts(stream, steps, T0 + timedelta(days=day), definition)
    return out


MINUTE = 60.0
EXPECTED_STAGES: dict[str, dict[str, Any]] = {
    # stage: reached, passed_on, ended (drops by outcome), withdrawn, hired, running,
    # time in stage (count, median s, p90 s)
    "screening": {
        "reached": 16, "passed_on": 10, "ended": {"rejected": 2, "talent_pool": 2},
        "withdrawn": 0, "hired": 0, "running": 2, "time": (14, 60 * MINUTE, 67 * MINUTE),
    },
    "ai_interview": {
        "reached": 10, "passed_on": 7, "ended": {"talent_pool": 2},
        "withdrawn": 1, "hired": 0, "running": 0, "time": (10, 60 * MINUTE, 122 * MINUTE),
    },
    "second_interview": {
        "reached": 7, "passed_on": 5, "ended": {"talent_pool": 1},
        "withdrawn": 1, "hired": 0, "running": 0, "time": (7, 60 * MINUTE, 96 * MINUTE),
    },
    "offer": {
        "reached": 5, "passed_on": 3, "ended": {"offer_declined": 1},
        "withdrawn": 0, "hired": 0, "running": 1, "time": (4, 65 * MINUTE, 105 * MINUTE),
    },
    "onboarding": {
        "reached": 3, "passed_on": 3, "ended": {},
        "withdrawn": 0, "hired": 0, "running": 0, "time": (3, 60 * MINUTE, 108 * MINUTE),
    },
    "training": {
        "reached": 3, "passed_on": 3, "ended": {},
        "withdrawn": 0, "hired": 0, "running": 0, "time": (3, 60 * MINUTE, 108 * MINUTE),
    },
    "promotion_review": {
        "reached": 3, "passed_on": 0, "ended": {"probation_failed": 1},
        "withdrawn": 0, "hired": 2, "running": 0, "time": (3, 120 * MINUTE, 168 * MINUTE),
    },
}  # fmt: skip
