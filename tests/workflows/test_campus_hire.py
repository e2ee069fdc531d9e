"""The default definition on the real dev server: the happy path and every
reject path, each checked live (the workflow's query) and rebuilt from the
ledger (the fold), which must agree."""

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from temporalio.testing import WorkflowEnvironment

from domain.process.stages import STAGE_ORDER
from domain.record.state import fold
from ledger.event_store import EventStore
from tests.conftest import Stack, _stack
from tests.workflows.driver import (
    HAPPY,
    STRONG_ANSWERS,
    STRONG_RESUME,
    WEAK_ANSWERS,
    WEAK_RESUME,
    Run,
    run_candidate,
)

SCENARIOS = {
    "hired": (STRONG_RESUME, HAPPY, STRONG_ANSWERS, None),
    "screening_to_pool": (WEAK_RESUME, HAPPY, STRONG_ANSWERS, None),
    "empty_resume_rejected": (b"", HAPPY, STRONG_ANSWERS, None),
    "empty_resume_advanced": (
        b"",
        {
            **HAPPY,
            "manual_resume_review": {"manual_decision": "advance"},
            "second_interview": {"second_interview_score": 1, "recommendation": "no_hire"},
        },
        STRONG_ANSWERS,
        None,
    ),
    "ai_interview_to_pool": (STRONG_RESUME, HAPPY, WEAK_ANSWERS, None),
    "second_interview_to_pool": (
        STRONG_RESUME,
        {**HAPPY, "second_interview": {"second_interview_score": 2, "recommendation": "no_hire"}},
        STRONG_ANSWERS,
        None,
    ),
    "offer_not_approved": (
        STRONG_RESUME,
        {**HAPPY, "approve_offer": {"offer_approved": False, "salary_band": "A"}},
        STRONG_ANSWERS,
        None,
    ),
    "offer_declined": (
        STRONG_RESUME,
        {**HAPPY, "offer_response": {"offer_accepted": False}},
        STRONG_ANSWERS,
        None,
    ),
    "probation_failed": (
        STRONG_RESUME,
        {
            **HAPPY,
            "probation_review": {
                "performance_rating": 1,
                "probation_passed": False,
                "leadership_potential": "low",
            },
        },
        STRONG_ANSWERS,
        None,
    ),
    "withdrawn": (STRONG_RESUME, HAPPY, STRONG_ANSWERS, "second_interview"),
}


@pytest.fixture(scope="module")
async def campus(
    dev_env: WorkflowEnvironment, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[tuple[Stack, dict[str, Run]]]:
    """Run every scenario at once (they are independent candidates)."""
    path: Path = tmp_path_factory.mktemp("campus")
    async for stack in _stack(dev_env, path):
        runs = await asyncio.gather(
            *(
                run_candidate(stack, resume, script, answers, withdraw_at=withdraw)
                for resume, script, answers, withdraw in SCENARIOS.values()
            )
        )
        yield stack, dict(zip(SCENARIOS, runs, strict=True))


EXPECTED = {
    "hired": ("hired", list(STAGE_ORDER)),
    "screening_to_pool": ("talent_pool", ["screening"]),
    "empty_resume_rejected": ("rejected", ["screening"]),
    "empty_resume_advanced": ("talent_pool", ["screening", "ai_interview", "second_interview"]),
    "ai_interview_to_pool": ("talent_pool", ["screening", "ai_interview"]),
    "second_interview_to_pool": ("talent_pool", ["screening", "ai_interview", "second_interview"]),
    "offer_not_approved": ("rejected", ["screening", "ai_interview", "second_interview", "offer"]),
    "offer_declined": (
        "offer_declined",
        ["screening", "ai_interview", "second_interview", "offer"],
    ),
    "probation_failed": ("probation_failed", list(STAGE_ORDER)),
    "withdrawn": ("withdrawn", ["screening", "ai_interview", "second_interview"]),
}


@pytest.mark.parametrize("scenario", list(SCENARIOS))
async def test_path_outcome_and_stages(campus: tuple[Stack, dict[str, Run]], scenario: str) -> None:
    _, runs = campus
    run = runs[scenario]
    outcome, stages = EXPECTED[scenario]
    assert run.result.outcome == outcome
    assert [str(s) for s in run.result.stages] == [str(s) for s in stages]


@pytest.mark.parametrize("scenario", list(SCENARIOS))
async def test_ledger_fold_equals_live_state(
    campus: tuple[Stack, dict[str, Run]], scenario: str
) -> None:
    stack, runs = campus
    run = runs[scenario]
    events = EventStore(stack.engine).stream(run.candidate_id)
    rebuilt = fold(run.candidate_id, events)
    assert rebuilt == run.live
    assert rebuilt.status == "completed"
    assert [e.sequence for e in events] == list(range(1, len(events) + 1))
    assert EventStore(stack.engine).verify(run.candidate_id) == []


async def test_hired_path_records_decisions_with_inputs_and_actors(
    campus: tuple[Stack, dict[str, Run]],
) -> None:
    stack, runs = campus
    events = EventStore(stack.engine).stream(runs["hired"].candidate_id)
    gates = {e.payload["node"]: e.payload for e in events if e.type == "gateway.decided"}
    assert gates["screening_gate"]["flow"] == "screening_pass"
    assert gates["screening_gate"]["inputs"]["screening_score"] >= 0.45
    assert gates["ai_gate"]["inputs"]["ai_status"] == "completed"
    completed = [e for e in events if e.type == "task.completed"]
    assert {e.payload["node"] for e in completed} >= {
        "second_interview",
        "probation_review",
    }
    assert all(e.actor.kind == "user" and e.actor.role for e in completed)
    scored = [
        e for e in events if e.type == "service.completed" and e.payload["node"] == "screen_resume"
    ]
    assert scored[0].payload["model_version"] == "keyword-screen/1"
    assert len(scored[0].payload["input_hash"]) == 64
    kinds = {e.type for e in events}
    assert {
        "interview.invited",
        "interview.consent_given",
        "interview.slot_booked",
        "interview.answer_submitted",
        "interview.scored",
        "interview.report_issued",
    } <= kinds
    fired = [e.payload["node"] for e in events if e.type == "timer.fired"]
    assert "probation_period" in fired
    assert runs["hired"].live.variables["employee_id"].startswith("emp_")


async def test_no_pii_in_events_or_workflow_ids(campus: tuple[Stack, dict[str, Run]]) -> None:
    stack, runs = campus
    store = EventStore(stack.engine)
    for run in runs.values():
        for event in store.stream(run.candidate_id):
            text = event.model_dump_json()
            assert "Test Person" not in text and "t@example.com" not in text
            assert "Test" not in event.workflow_id
