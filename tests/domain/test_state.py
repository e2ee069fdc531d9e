"""A candidate's state folded from the ledger alone, now or at any past instant."""

from datetime import UTC, datetime, timedelta
from typing import Any

from domain.record.chain import chain
from domain.record.events import GENESIS_HASH, SYSTEM, Actor, EventDraft
from domain.record.state import CandidateState, apply, fold

CANDIDATE = "cand-7f3a"
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
CANDIDATE_ACTOR = Actor(kind="user", user_id="cand-7f3a", role="candidate")


class _Stream:
    """Builds one candidate's events, one minute apart, as the lifecycle emits them."""

    def __init__(self) -> None:
        self.events: list[EventDraft] = []

    def add(self, kind: str, actor: Actor = SYSTEM, **payload: Any) -> datetime:
        at = T0 + timedelta(minutes=len(self.events))
        self.events.append(
            EventDraft(
                key=f"lifecycle-{CANDIDATE}/{len(self.events) + 1}",
                stream=CANDIDATE,
                type=kind,
                payload=payload,
                actor=actor,
                definition_id="campus_hire",
                definition_version=2,
                workflow_id=f"lifecycle-{CANDIDATE}",
                run_id="run-1",
                occurred_at=at,
            )
        )
        return at


def _campus_run() -> tuple[list[EventDraft], dict[str, datetime]]:
    s = _Stream()
    marks: dict[str, datetime] = {}
    s.add("process.started", time_scale=1.0, variables={"requisition_id": "REQ-9"})
    s.add("stage.entered", stage="screening")
    s.add("node.entered", token="t1", node="applied", type="startEvent")
    s.add("node.entered", token="t1", node="screen_resume", type="serviceTask")
    s.add(
        "service.completed",
        node="screen_resume",
        activity="keyword_screen",
        variables={"screening_score": 0.62, "resume_status": "ok"},
    )
    s.add("node.entered", token="t1", node="screening_gate", type="exclusiveGateway")
    s.add("gateway.decided", node="screening_gate", flow="screening_pass", inputs={"x": 1})
    s.add("stage.exited", stage="screening")
    s.add("stage.entered", stage="ai_interview")
    s.add("node.entered", token="t1", node="book_interview", type="userTask")
    marks["booking_open"] = s.add("task.created", node="book_interview", role="candidate")
    s.add("timer.fired", node="booking_reminder", interrupting=False)
    s.add("node.entered", token="t2", node="send_booking_reminder", type="serviceTask")
    marks["reminding"] = s.add("service.completed", node="send_booking_reminder", variables={})
    s.add("token.ended", token="t2", node="send_booking_reminder", reason="end")
    s.add(
        "task.completed",
        CANDIDATE_ACTOR,
        node="book_interview",
        values={"slot": "morning"},
        variables={"slot": "morning"},
    )
    s.add("node.entered", token="t1", node="ai_interview", type="callActivity")
    marks["interviewed"] = s.add(
        "call.completed",
        node="ai_interview",
        variables={"ai_status": "completed", "ai_score": 71.5},
    )
    s.add("stage.exited", stage="ai_interview")
    s.add("stage.entered", stage="training")
    s.add("gateway.forked", node="probation_fork", token="t3", flow="f_fork_training")
    s.add("node.entered", token="t1", node="probation_period", type="intermediateCatchEvent")
    s.add("node.entered", token="t3", node="training_completion", type="userTask")
    marks["forked"] = s.add("task.created", node="training_completion", role="new_employee")
    s.add("node.entered", token="t1", node="confirmed_hire", type="endEvent")
    s.add("process.completed", outcome="hired")
    return s.events, marks


EVENTS, MARKS = _campus_run()


def test_folding_the_whole_run_gives_the_final_state() -> None:
    state = fold(CANDIDATE, EVENTS)
    assert state == CandidateState(
        candidate_id=CANDIDATE,
        definition_id="campus_hire",
        definition_version=2,
        status="completed",
        outcome="hired",
        stage="training",
        stages=["screening", "ai_interview", "training"],
        tokens={},
        open_tasks=[],
        variables={
            "requisition_id": "REQ-9",
            "screening_score": 0.62,
            "resume_status": "ok",
            "slot": "morning",
            "ai_status": "completed",
            "ai_score": 71.5,
        },
    )


def test_nothing_folded_is_a_candidate_not_started() -> None:
    assert fold(CANDIDATE, []) == CandidateState(candidate_id=CANDIDATE)


def test_state_at_an_instant_in_the_middle_of_the_run() -> None:
    state = fold(CANDIDATE, EVENTS, at=MARKS["booking_open"] + timedelta(seconds=30))
    assert state.status == "running"
    assert state.outcome is None
    assert state.stage == "ai_interview"
    assert state.stages == ["screening", "ai_interview"]
    assert state.tokens == {"t1": "book_interview"}
    assert state.open_tasks == ["book_interview"]
    assert state.variables == {
        "requisition_id": "REQ-9",
        "screening_score": 0.62,
        "resume_status": "ok",
    }


def test_a_non_interrupting_reminder_runs_beside_the_open_task() -> None:
    state = fold(CANDIDATE, EVENTS, at=MARKS["reminding"])
    assert state.tokens == {"t1": "book_interview", "t2": "send_booking_reminder"}
    assert state.open_tasks == ["book_interview"]


def test_parallel_branches_hold_one_token_each() -> None:
    state = fold(CANDIDATE, EVENTS, at=MARKS["forked"])
    assert state.tokens == {"t1": "probation_period", "t3": "training_completion"}
    assert state.open_tasks == ["training_completion"]
    assert state.variables["ai_score"] == 71.5


def test_the_cut_off_includes_an_event_at_exactly_that_instant() -> None:
    at = MARKS["interviewed"]
    assert "ai_score" in fold(CANDIDATE, EVENTS, at=at).variables
    assert "ai_score" not in fold(CANDIDATE, EVENTS, at=at - timedelta(microseconds=1)).variables


def test_a_naive_cut_off_is_read_as_utc() -> None:
    aware = MARKS["booking_open"]
    naive = aware.replace(tzinfo=None)
    assert fold(CANDIDATE, EVENTS, at=naive) == fold(CANDIDATE, EVENTS, at=aware)


def test_a_cut_off_before_the_first_event_is_not_started() -> None:
    state = fold(CANDIDATE, EVENTS, at=T0 - timedelta(seconds=1))
    assert state.status == "not_started"
    assert state.definition_id is None


def test_later_variables_overwrite_earlier_ones_and_others_are_kept() -> None:
    s = _Stream()
    s.add("process.started", variables={"a": 1, "b": "x"})
    s.add("task.completed", node="n", values={}, variables={"a": 2, "c": [1, 2]})
    s.add("call.completed", node="m", variables={"c": {"k": True}})
    assert fold(CANDIDATE, s.events).variables == {"a": 2, "b": "x", "c": {"k": True}}


def test_a_variables_entry_that_is_not_a_mapping_is_ignored() -> None:
    s = _Stream()
    s.add("process.started", variables={"a": 1})
    s.add("service.completed", node="n", variables=["a", 2])
    assert fold(CANDIDATE, s.events).variables == {"a": 1}


def test_process_completed_clears_tokens_and_open_tasks_left_behind() -> None:
    # A withdrawal ends the process while a task is open on one branch and a
    # timer runs on another: nothing may look pending afterwards.
    s = _Stream()
    s.add("process.started", variables={})
    s.add("node.entered", token="t1", node="offer_response", type="userTask")
    s.add("task.created", node="offer_response", role="candidate")
    s.add("node.entered", token="t2", node="probation_period", type="intermediateCatchEvent")
    before = fold(CANDIDATE, s.events)
    assert before.tokens and before.open_tasks
    s.add("process.completed", CANDIDATE_ACTOR, outcome="withdrawn")
    after = fold(CANDIDATE, s.events)
    assert after.status == "completed"
    assert after.outcome == "withdrawn"
    assert after.tokens == {}
    assert after.open_tasks == []


def test_tasks_are_listed_once_sorted_and_leave_when_completed_or_cancelled() -> None:
    s = _Stream()
    s.add("task.created", node="second_interview")
    s.add("task.created", node="approve_offer")
    s.add("task.created", node="second_interview")
    assert fold(CANDIDATE, s.events).open_tasks == ["approve_offer", "second_interview"]
    s.add("task.cancelled", node="second_interview", reason="timer")
    assert fold(CANDIDATE, s.events).open_tasks == ["approve_offer"]
    s.add("task.completed", node="approve_offer", values={}, variables={})
    assert fold(CANDIDATE, s.events).open_tasks == []


def test_a_stage_entered_again_is_recorded_again() -> None:
    s = _Stream()
    for stage in ("screening", "ai_interview", "screening"):
        s.add("stage.entered", stage=stage)
    state = fold(CANDIDATE, s.events)
    assert state.stage == "screening"
    assert state.stages == ["screening", "ai_interview", "screening"]


def test_events_the_fold_does_not_track_change_nothing() -> None:
    running = fold(CANDIDATE, EVENTS, at=MARKS["booking_open"])
    s = _Stream()
    s.add("gateway.decided", node="g", flow="f")
    s.add("task.overdue", node="book_interview", role="candidate")
    s.add("audit.note", text="checked")
    assert fold(CANDIDATE, [*EVENTS[:11], *s.events]) == running


def test_apply_returns_a_new_state_and_leaves_the_old_one_alone() -> None:
    before = fold(CANDIDATE, EVENTS, at=MARKS["booking_open"])
    snapshot = before.model_copy(deep=True)
    after = apply(before, EVENTS[-1])
    assert after.status == "completed"
    assert before == snapshot


def test_recorded_events_fold_like_the_drafts_they_came_from() -> None:
    recorded = chain(EVENTS, last_sequence=0, last_hash=GENESIS_HASH)
    assert fold(CANDIDATE, recorded) == fold(CANDIDATE, EVENTS)
