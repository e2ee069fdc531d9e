"""``hireloop history / replay / verify`` over a realistic timeline written to the ledger."""

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from domain.record.events import Actor, EventDraft
from ledger.db import engine_for
from ledger.event_store import EventStore
from tests.cli.cli_harness import Cli

CANDIDATE = "cand_0123456789abcdef0123"
T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
RECRUITER = Actor(kind="user", user_id="u_recruiter_7", role="recruiter")
TIMELINE: list[tuple[int, str, dict[str, Any], Actor]] = [
    (0, "process.started", {"variables": {"requisition_id": "REQ-42"}}, Actor()),
    (0, "stage.entered", {"stage": "screening"}, Actor()),
    (1, "node.entered", {"token": "t0", "node": "manual_resume_review"}, Actor()),
    (1, "task.created", {"node": "manual_resume_review", "role": "recruiter"}, Actor()),
    (
        90,
        "task.completed",
        {"node": "manual_resume_review", "variables": {"manual_decision": "advance"}},
        RECRUITER,
    ),
    (91, "stage.entered", {"stage": "ai_interview"}, Actor()),
    (91, "node.entered", {"token": "t0", "node": "book_interview"}, Actor()),
    (91, "task.created", {"node": "book_interview", "role": "candidate"}, Actor()),
    (
        200,
        "task.completed",
        {"node": "book_interview", "variables": {"slot": "morning"}},
        Actor(kind="user", user_id=CANDIDATE, role="candidate"),
    ),
    (300, "process.completed", {"outcome": "withdrawn"}, Actor()),
]


@pytest.fixture
def timeline(cli: Cli) -> Cli:
    drafts = [
        EventDraft(
            key=f"{CANDIDATE}:{index}",
            stream=CANDIDATE,
            type=kind,
            payload=payload,
            actor=actor,
            definition_id="campus_hire",
            definition_version=1,
            workflow_id=f"candidate-{CANDIDATE}",
            run_id="run-1",
            occurred_at=T0 + timedelta(minutes=minutes),
        )
        for index, (minutes, kind, payload, actor) in enumerate(TIMELINE)
    ]
    EventStore(engine_for(cli.url)).append(drafts)
    return cli


def test_history_table_shows_who_did_what_where(timeline: Cli) -> None:
    result = timeline("history", CANDIDATE)

    assert result.exit_code == 0
    out = result.stdout
    assert "task.completed" in out and "process.completed" in out
    assert "u_recruiter_7 (recruiter)" in out
    assert "node=manual_resume_review variables: manual_decision=advance" in out
    assert "outcome=withdrawn" in out
    assert "2025-03-01T09:00:00Z" in out


def test_history_json_is_every_event_in_full(timeline: Cli) -> None:
    events = json.loads(timeline("history", CANDIDATE, "--json").stdout)

    assert [e["sequence"] for e in events] == list(range(1, len(TIMELINE) + 1))
    assert events[4]["actor"] == RECRUITER.model_dump()
    assert len(events[-1]["hash"]) == 64


def test_unknown_candidate_exits_2(cli: Cli) -> None:
    for command in ("history", "replay", "verify"):
        result = cli(command, "cand_nobody")
        assert result.exit_code == 2, command
        assert "no events for candidate cand_nobody" in result.stderr


def test_replay_now_is_the_final_state(timeline: Cli) -> None:
    replayed = json.loads(timeline("replay", CANDIDATE, "--json").stdout)

    state = replayed["state"]
    assert replayed["events_applied"] == len(TIMELINE) and replayed["as_of"] is None
    assert (state["status"], state["outcome"], state["stage"]) == (
        "completed",
        "withdrawn",
        "ai_interview",
    )
    assert state["open_tasks"] == [] and state["tokens"] == {}
    assert state["variables"] == {
        "requisition_id": "REQ-42",
        "manual_decision": "advance",
        "slot": "morning",
    }


def test_replay_at_an_instant_in_the_middle(timeline: Cli) -> None:
    at = "2025-03-01T11:00:00"  # naive means UTC: after booking opened, before it was done
    replayed = json.loads(timeline("replay", CANDIDATE, "--at", at, "--json").stdout)

    state = replayed["state"]
    assert replayed["events_applied"] == 8
    assert (state["status"], state["stage"], state["outcome"]) == ("running", "ai_interview", None)
    assert state["open_tasks"] == ["book_interview"]
    assert state["tokens"] == {"t0": "book_interview"}
    assert "slot" not in state["variables"]

    table = timeline("replay", CANDIDATE, "--at", "2025-03-01T12:00:00+02:00").stdout
    assert "manual_resume_review" in table and "book_interview" not in table


def test_replay_rejects_a_bad_timestamp_with_an_example(timeline: Cli) -> None:
    result = timeline("replay", CANDIDATE, "--at", "yesterday")

    assert result.exit_code == 2
    assert "2025-03-01T09:30:00Z" in result.stderr
    assert "Traceback" not in result.output


def test_verify_ok_then_broken_after_tampering(timeline: Cli) -> None:
    ok = timeline("verify")
    assert ok.exit_code == 0
    assert "checked 1 stream(s), 10 event(s): OK" in ok.stdout

    with engine_for(timeline.url).begin() as connection:
        connection.execute(
            sa.text("UPDATE events SET actor = :actor WHERE stream = :stream AND sequence = 5"),
            {
                "actor": json.dumps({"kind": "user", "user_id": "u_other", "role": "recruiter"}),
                "stream": CANDIDATE,
            },
        )

    broken = timeline("verify", CANDIDATE)
    assert broken.exit_code == 1
    assert f"BROKEN {CANDIDATE} at sequence 5: content does not match its hash" in broken.stdout
    report = json.loads(timeline("verify", "--json").stdout)
    assert report["ok"] is False and report["events_checked"] == 10
    assert report["broken"] == [
        {"stream": CANDIDATE, "sequence": 5, "reason": "content does not match its hash"}
    ]
