"""Deploy-time validation: every malformed definition is rejected with precise,
complete problems, and the shipped campus-hire definition is valid and shaped
as HR described it."""

from datetime import timedelta
from pathlib import Path

import pytest
import yaml

from definitions.loader import BUILTIN_DIR, load_file, parse_text
from domain.interview.settings import InterviewSettings
from domain.process.definition import (
    BoundaryEvent,
    CallActivity,
    EndEvent,
    ExclusiveGateway,
    IntermediateCatchEvent,
    ParallelGateway,
    ProcessDefinition,
    UserTask,
)
from domain.process.durations import parse_cycle, parse_duration
from domain.process.stages import Outcome, Stage
from domain.process.validation import DefinitionError

BAD_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "bad_definitions"
BAD_FILES = sorted(BAD_DIR.glob("*.yaml"))

# The valid definition every fixture in bad_definitions/ starts from.
MINIMAL = """\
id: minimal
name: Minimal hire
nodes:
  - {id: applied, type: startEvent, stage: screening}
  - id: screen
    type: serviceTask
    stage: screening
    activity: keyword_screen
    parameters: {keywords: {python: 2, sql: 1}}
    outputs: {score: score}
  - {id: gate, type: exclusiveGateway, stage: screening, default: to_pool}
  - id: offer
    type: userTask
    stage: offer
    role: recruiter
    form:
      fields:
        - {id: offer_accepted, type: boolean}
  - id: offer_expiry
    type: boundaryEvent
    stage: offer
    attachedToRef: offer
    timerEventDefinition: {timeDuration: P7D}
  - {id: hired, type: endEvent, stage: offer, outcome: hired}
  - {id: expired, type: endEvent, stage: offer, outcome: offer_expired}
  - {id: pool, type: endEvent, stage: screening, outcome: talent_pool}
flows:
  - {id: f_start, sourceRef: applied, targetRef: screen}
  - {id: f_screened, sourceRef: screen, targetRef: gate}
  - {id: to_offer, sourceRef: gate, targetRef: offer, conditionExpression: 'score >= 0.5'}
  - {id: to_pool, sourceRef: gate, targetRef: pool}
  - {id: f_answered, sourceRef: offer, targetRef: hired}
  - {id: f_expired, sourceRef: offer_expiry, targetRef: expired}
"""


def _expectations(path: Path) -> list[str]:
    prefix = "# expect: "
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line[len(prefix) :].strip() for line in lines if line.startswith(prefix)]


def _problems(text: str) -> list[str]:
    with pytest.raises(DefinitionError) as caught:
        parse_text(text)
    return [str(problem) for problem in caught.value.problems]


def test_there_are_enough_bad_definitions() -> None:
    assert len(BAD_FILES) >= 14
    for path in BAD_FILES:
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("# expect: "), f"{path.name} must start with '# expect:'"


@pytest.mark.parametrize("path", BAD_FILES, ids=[p.stem for p in BAD_FILES])
def test_bad_definition_reports_exactly_its_problems(path: Path) -> None:
    expected = _expectations(path)
    problems = _problems(path.read_text(encoding="utf-8"))
    for substring in expected:
        assert any(substring in p for p in problems), (
            f"{path.name}: no problem contains {substring!r}; got {problems}"
        )
    for problem in problems:
        assert any(s in problem for s in expected), f"{path.name}: unexpected problem {problem!r}"
    assert len(problems) == len(expected), f"{path.name}: {problems}"


def test_minimal_definition_the_fixtures_derive_from_is_valid() -> None:
    definition = parse_text(MINIMAL)
    assert definition.id == "minimal"
    assert definition.start().id == "applied"


def test_many_defects_are_reported_in_one_error_message() -> None:
    error_text = ""
    try:
        parse_text((BAD_DIR / "many_defects.yaml").read_text(encoding="utf-8"))
    except DefinitionError as exc:
        error_text = str(exc)
    for substring in _expectations(BAD_DIR / "many_defects.yaml"):
        assert substring in error_text


def test_problems_are_sorted_by_element() -> None:
    text = (BAD_DIR / "many_defects.yaml").read_text(encoding="utf-8")
    with pytest.raises(DefinitionError) as caught:
        parse_text(text)
    problems = caught.value.problems
    assert problems == sorted(problems)


@pytest.mark.parametrize("text", ["", "- just\n- a list\n", "42\n"])
def test_a_document_that_is_not_a_mapping_is_one_problem(text: str) -> None:
    assert _problems(text) == ["definition [-]: must be a mapping with id, name, nodes, flows"]


def test_missing_nodes_and_flows_are_reported_together() -> None:
    problems = _problems("id: empty\nname: Empty\n")
    assert "definition [nodes]: 'nodes' must be a non-empty list" in problems
    assert "definition [flows]: 'flows' must be a non-empty list" in problems


def test_unreadable_file_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    with pytest.raises(DefinitionError, match="cannot read file"):
        load_file(tmp_path / "missing.yaml")


def test_cel_macros_and_builtin_functions_are_not_unknown_variables() -> None:
    text = MINIMAL.replace(
        "outputs: {score: score}", "outputs: {score: score, matched_keywords: matched_keywords}"
    ).replace(
        "conditionExpression: 'score >= 0.5'",
        "conditionExpression: 'score >= 0.5 && size(matched_keywords) > 0"
        ' && matched_keywords.exists(k, k == "python")\'',
    )
    (to_offer,) = [f for f in parse_text(text).flows if f.id == "to_offer"]
    assert to_offer.condition is not None
    assert "exists(k" in to_offer.condition


def test_retry_loop_through_a_boundary_timer_is_not_a_busy_loop() -> None:
    # An interrupting timer on a service task that loops back to retry it waits
    # for the timer on every turn, so it cannot spin.
    text = MINIMAL.replace(
        "  - {id: hired, type",
        "  - id: screen_timeout\n"
        "    type: boundaryEvent\n"
        "    stage: screening\n"
        "    attachedToRef: screen\n"
        "    timerEventDefinition: {timeDuration: PT10M}\n"
        "  - {id: hired, type",
    ).replace(
        "  - {id: f_answered",
        "  - {id: f_retry, sourceRef: screen_timeout, targetRef: screen}\n  - {id: f_answered",
    )
    assert parse_text(text).boundaries("screen")[0].id == "screen_timeout"


# ---- the shipped definition ------------------------------------------------


@pytest.fixture(scope="module")
def campus() -> ProcessDefinition:
    definition, _ = load_file(BUILTIN_DIR / "campus_hire.yaml")
    return definition


def test_campus_hire_is_valid_and_covers_all_seven_stages(campus: ProcessDefinition) -> None:
    assert campus.id == "campus_hire"
    assert {node.stage for node in campus.nodes} == set(Stage)
    assert campus.start().stage == Stage.SCREENING


def test_campus_hire_ai_interview_books_reminds_and_weighs_as_hr_set_it(
    campus: ProcessDefinition,
) -> None:
    call = campus.node("ai_interview")
    assert isinstance(call, CallActivity) and call.called_element == "AIInterview"
    settings = InterviewSettings.model_validate(call.parameters)
    assert parse_cycle(settings.booking_reminder or "").interval == timedelta(hours=24)
    assert parse_duration(settings.slot_reminder or "") == timedelta(hours=1)
    assert {q.kind for q in settings.questions} == {
        "self_introduction",
        "structured",
        "situational",
        "technical",
    }
    assert sum(settings.weights.values()) == pytest.approx(1.0)
    assert settings.weights["communication"] == 0.3


def _campus_with(**changes: object) -> str:
    data = yaml.safe_load((BUILTIN_DIR / "campus_hire.yaml").read_text())
    call = next(n for n in data["nodes"] if n["id"] == "ai_interview")
    call["parameters"].update(changes)
    return yaml.safe_dump(data)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"weights": {"communication": 0.5, "logical_reasoning": 0.5}},
            "parameters",
            "weights must name exactly the questions' dimensions",
        ),
        (
            {
                "weights": {
                    "communication": 0.5,
                    "logical_reasoning": 0.5,
                    "job_knowledge": 0.5,
                    "teamwork": 0.5,
                }
            },
            "parameters",
            "weights must add up to 1",
        ),
        ({"slots": ["PT24H", "P1M"]}, "parameters.slots", "years and months are not allowed"),
        ({"bookingReminder": "every day"}, "parameters.bookingReminder", "not an ISO-8601"),
        ({"passScore": 120}, "parameters.passScore", "less than or equal to 100"),
        ({"slots": ["P9D"]}, "parameters", "bookingExpiry must end after the last slot opens"),
        ({"colour": "blue"}, "parameters.colour", "Extra inputs are not permitted"),
    ],
)
def test_a_bad_interview_plan_is_reported_at_deploy_time(
    changes: dict[str, object], field: str, message: str
) -> None:
    with pytest.raises(DefinitionError) as caught:
        parse_text(_campus_with(**changes))
    problems = [p for p in caught.value.problems if "ai_interview" in p.where]
    assert any(p.field == field and message in p.message for p in problems), problems


def test_a_question_with_an_over_long_time_limit_is_named() -> None:
    data = yaml.safe_load((BUILTIN_DIR / "campus_hire.yaml").read_text())
    call = next(n for n in data["nodes"] if n["id"] == "ai_interview")
    call["parameters"]["questions"][1]["timeLimit"] = "PT1H"
    with pytest.raises(DefinitionError) as caught:
        parse_text(yaml.safe_dump(data))
    assert any(
        p.field == "parameters.questions.1.timeLimit" and "15-minute maximum" in p.message
        for p in caught.value.problems
    ), caught.value.problems


def test_campus_hire_offer_expires_after_seven_days(campus: ProcessDefinition) -> None:
    expiries = [b for b in campus.boundaries("offer_response") if b.cancel_activity]
    assert len(expiries) == 1
    expiry = expiries[0]
    assert expiry.timer.time_duration is not None
    assert parse_duration(expiry.timer.time_duration) == timedelta(days=7)
    (flow,) = campus.outgoing(expiry.id)
    end = campus.node(flow.target)
    assert isinstance(end, EndEvent)
    assert end.outcome == Outcome.OFFER_EXPIRED


def test_campus_hire_waits_ninety_days_of_probation_before_the_review(
    campus: ProcessDefinition,
) -> None:
    timers = [n for n in campus.nodes if isinstance(n, IntermediateCatchEvent)]
    probation = [
        t
        for t in timers
        if t.timer.time_duration and parse_duration(t.timer.time_duration) == timedelta(days=90)
    ]
    assert len(probation) == 1
    (to_join,) = campus.outgoing(probation[0].id)
    join = campus.node(to_join.target)
    # A join waits for every branch, so the review cannot start before day 90.
    assert isinstance(join, ParallelGateway)
    assert len(campus.incoming(join.id)) >= 2
    (to_review,) = campus.outgoing(join.id)
    review = campus.node(to_review.target)
    assert isinstance(review, UserTask)
    assert review.stage == Stage.PROMOTION_REVIEW


def test_campus_hire_keeps_near_misses_in_the_talent_pool(campus: ProcessDefinition) -> None:
    pools = [n for n in campus.nodes if isinstance(n, EndEvent) and n.outcome == "talent_pool"]
    assert {p.stage for p in pools} >= {
        Stage.SCREENING,
        Stage.AI_INTERVIEW,
        Stage.SECOND_INTERVIEW,
    }
    for pool in pools:
        for flow in campus.incoming(pool.id):
            gateway = campus.node(flow.source)
            # Falling short of every condition lands in the pool, never nowhere.
            assert isinstance(gateway, ExclusiveGateway)
            assert gateway.default == flow.id


def test_campus_hire_boundary_events_are_timers_on_tasks(campus: ProcessDefinition) -> None:
    boundaries = [n for n in campus.nodes if isinstance(n, BoundaryEvent)]
    assert boundaries
    for boundary in boundaries:
        assert campus.node(boundary.attached_to).type in {"userTask", "serviceTask", "callActivity"}
