"""Definitions that validate must be able to finish: the checks that find a
join that waits forever or a condition that can never hold do not reject
the sound shapes HR writes, and the shipped definitions stay valid.

(The bad shapes, one per fixture, are in tests/fixtures/bad_definitions and
pinned by test_definition_validation.py.)
"""

from pathlib import Path

import pytest

from definitions.loader import BUILTIN_DIR, load_file, parse_text
from domain.process.validation import DefinitionError

SHIPPED = sorted(BUILTIN_DIR.glob("*.yaml"))

# A screening that forks into an offer and a background check joined before
# the hire; each test swaps one part of it.
HEAD = """\
id: soundness
name: Soundness
variables: {applied_via: string, tags: list}
nodes:
  - {id: applied, type: startEvent, stage: screening}
  - id: screen
    type: serviceTask
    stage: screening
    activity: keyword_screen
    parameters: {keywords: {python: 2, sql: 1}}
    outputs: {score: score, matched_keywords: matched, resume_status: resume_status}
  - {id: gate, type: exclusiveGateway, stage: screening, default: to_pool}
  - {id: fork, type: parallelGateway, stage: offer}
  - id: offer
    type: userTask
    stage: offer
    role: recruiter
    form:
      fields:
        - {id: offer_accepted, type: boolean}
        - {id: grade, type: integer, minimum: 1, maximum: 5}
  - id: check
    type: userTask
    stage: offer
    role: recruiter
    form:
      fields:
        - {id: references, type: enum, enum: [good, poor]}
  - {id: join, type: parallelGateway, stage: offer}
  - {id: hired, type: endEvent, stage: offer, outcome: hired}
  - {id: pool, type: endEvent, stage: screening, outcome: talent_pool}
"""
FLOWS = """\
flows:
  - {id: f_start, sourceRef: applied, targetRef: screen}
  - {id: f_screened, sourceRef: screen, targetRef: gate}
  - {id: to_fork, sourceRef: gate, targetRef: fork, conditionExpression: 'score >= 0.5'}
  - {id: to_pool, sourceRef: gate, targetRef: pool}
  - {id: fork_offer, sourceRef: fork, targetRef: offer}
  - {id: f_joined, sourceRef: join, targetRef: hired}
"""


def _definition(nodes: str = "", flows: str = "") -> str:
    return HEAD + nodes + FLOWS + flows


def _problems(text: str) -> list[str]:
    with pytest.raises(DefinitionError) as caught:
        parse_text(text)
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_every_shipped_definition_validates_cleanly(path: Path) -> None:
    definition, _ = load_file(path)
    assert definition.nodes


PLAIN_BRANCHES = """\
  - {id: fork_check, sourceRef: fork, targetRef: check}
  - {id: f_offered, sourceRef: offer, targetRef: join}
  - {id: f_checked, sourceRef: check, targetRef: join}
"""


def test_a_fork_joined_branch_for_branch_is_sound() -> None:
    assert parse_text(_definition(flows=PLAIN_BRANCHES)).node("join").type == "parallelGateway"


def test_a_branch_that_can_end_the_whole_process_leaves_nothing_waiting() -> None:
    # An end event with an outcome terminates the process: the join is not left waiting.
    text = _definition(
        nodes="  - {id: check_gate, type: exclusiveGateway, stage: offer, default: f_ok}\n"
        "  - {id: rejected, type: endEvent, stage: offer, outcome: rejected}\n",
        flows="  - {id: fork_check, sourceRef: fork, targetRef: check}\n"
        "  - {id: f_offered, sourceRef: offer, targetRef: join}\n"
        "  - {id: f_checked, sourceRef: check, targetRef: check_gate}\n"
        "  - {id: f_poor, sourceRef: check_gate, targetRef: rejected,"
        " conditionExpression: 'references == \"poor\"'}\n"
        "  - {id: f_ok, sourceRef: check_gate, targetRef: join}\n",
    )
    assert parse_text(text).node("check_gate").type == "exclusiveGateway"


CHASER = """\
  - {id: check_gate, type: exclusiveGateway, stage: offer, default: f_plain}
  - id: notify
    type: serviceTask
    stage: offer
    activity: send_notification
    parameters: {template: reference_chaser}
  - id: check_timeout
    type: boundaryEvent
    stage: offer
    attachedToRef: check
    timerEventDefinition: {timeDuration: P3D}
"""
CHASER_FLOWS = """\
  - {id: fork_check, sourceRef: fork, targetRef: check}
  - {id: f_retry, sourceRef: check_timeout, targetRef: check}
  - {id: f_checked, sourceRef: check, targetRef: check_gate}
  - {id: f_chase, sourceRef: check_gate, targetRef: notify,
     conditionExpression: 'references == "poor"'}
  - {id: f_offered, sourceRef: offer, targetRef: join}
"""


def test_a_choice_that_merges_again_inside_a_branch_and_a_retry_loop_are_sound() -> None:
    text = _definition(
        nodes=CHASER + "  - {id: merge, type: exclusiveGateway, stage: offer, default: f_merged}\n",
        flows=CHASER_FLOWS + "  - {id: f_plain, sourceRef: check_gate, targetRef: merge}\n"
        "  - {id: f_chased, sourceRef: notify, targetRef: merge}\n"
        "  - {id: f_merged, sourceRef: merge, targetRef: join}\n",
    )
    assert parse_text(text).node("merge").type == "exclusiveGateway"


def test_a_choice_inside_a_branch_that_feeds_the_join_twice_is_named() -> None:
    text = _definition(
        nodes=CHASER,
        flows=CHASER_FLOWS + "  - {id: f_plain, sourceRef: check_gate, targetRef: join}\n"
        "  - {id: f_chased, sourceRef: notify, targetRef: join}\n",
    )
    assert _problems(text) == [
        "node 'join' [incoming]: its incoming flows 'f_chased' and 'f_plain' come out of "
        "exclusiveGateway 'check_gate', which takes only one of them, so the join would wait "
        "forever"
    ]


def test_a_nested_fork_joined_inside_a_branch_is_sound() -> None:
    text = _definition(
        nodes="  - {id: inner_fork, type: parallelGateway, stage: offer}\n"
        "  - id: medical\n    type: userTask\n    stage: offer\n    role: recruiter\n"
        "    form: {fields: [{id: fit, type: boolean}]}\n"
        "  - {id: inner_join, type: parallelGateway, stage: offer}\n",
        flows="  - {id: fork_checks, sourceRef: fork, targetRef: inner_fork}\n"
        "  - {id: inner_check, sourceRef: inner_fork, targetRef: check}\n"
        "  - {id: inner_medical, sourceRef: inner_fork, targetRef: medical}\n"
        "  - {id: f_checked, sourceRef: check, targetRef: inner_join}\n"
        "  - {id: f_medical, sourceRef: medical, targetRef: inner_join}\n"
        "  - {id: f_checks_done, sourceRef: inner_join, targetRef: join}\n"
        "  - {id: f_offered, sourceRef: offer, targetRef: join}\n",
    )
    assert parse_text(text).node("inner_join").type == "parallelGateway"


def test_a_timer_that_ends_only_its_path_inside_a_branch_is_named() -> None:
    text = _definition(
        nodes="  - id: check_timeout\n    type: boundaryEvent\n    stage: offer\n"
        "    attachedToRef: check\n    timerEventDefinition: {timeDuration: P3D}\n"
        "  - {id: gave_up, type: endEvent, stage: offer}\n",
        flows=PLAIN_BRANCHES
        + "  - {id: f_gave_up, sourceRef: check_timeout, targetRef: gave_up}\n",
    )
    assert _problems(text) == [
        "node 'join' [incoming]: flow 'f_checked' may never be taken: on branch 'fork_check' "
        "of fork 'fork', boundaryEvent 'check_timeout' can interrupt 'check', so the join would "
        "wait forever"
    ]


def test_a_join_fed_by_two_forks_is_named() -> None:
    text = _definition(
        nodes="  - {id: fork2, type: parallelGateway, stage: offer}\n"
        "  - {id: side, type: endEvent, stage: offer}\n",
        flows="  - {id: fork_check, sourceRef: fork, targetRef: fork2}\n"
        "  - {id: fork2_check, sourceRef: fork2, targetRef: check}\n"
        "  - {id: fork2_side, sourceRef: fork2, targetRef: side}\n"
        "  - {id: f_offered, sourceRef: offer, targetRef: join}\n"
        "  - {id: f_checked, sourceRef: check, targetRef: join}\n",
    )
    assert _problems(text) == [
        "node 'join' [incoming]: its incoming flows come from different forks ('f_checked' "
        "from 'fork2', 'f_offered' from 'fork'); a join waits for every incoming flow, so they "
        "must be the branches of one parallelGateway fork"
    ]


def test_a_loop_from_after_the_join_back_into_one_branch_is_named() -> None:
    # A second pass re-runs the offer only: the join would wait for a check that never comes.
    text = _definition(
        nodes="  - {id: again_gate, type: exclusiveGateway, stage: offer, default: f_done}\n",
        flows=PLAIN_BRANCHES + "  - {id: f_again, sourceRef: again_gate, targetRef: offer,"
        " conditionExpression: 'grade < 3'}\n"
        "  - {id: f_done, sourceRef: again_gate, targetRef: hired}\n",
    ).replace(
        "{id: f_joined, sourceRef: join, targetRef: hired}",
        "{id: f_joined, sourceRef: join, targetRef: again_gate}",
    )
    assert _problems(text) == [
        "node 'join' [incoming]: flow 'f_offered' is also reached again from after the join: "
        "a second pass arrives on only some of its incoming flows, so the join would wait "
        "forever"
    ]


@pytest.mark.parametrize(
    "condition",
    [
        'score >= 0.5 && resume_status == "ok"',
        'resume_status in ["ok", "empty"] || resume_status != "oversized"',
        '"python" in matched && size(matched) > 1 && matched.exists(k, k == "sql")',
        "grade >= 4.5 || grade == 5 || 3 <= grade",
        'applied_via == "referral" || applied_via > "m"',
        "offer_accepted && !(grade < 2) && tags.exists(t, t == 3)",
        "offer_accepted == null || score < 1.0 ? offer_accepted : false",
        'references == "good" || references in tags',
    ],
)
def test_conditions_that_can_hold_are_accepted(condition: str) -> None:
    text = _definition(
        flows=PLAIN_BRANCHES.replace("targetRef: join}", "targetRef: decide}", 1)
        + "  - {id: to_join, sourceRef: decide, targetRef: join, conditionExpression: "
        + repr(condition)
        + "}\n  - {id: default_join, sourceRef: decide, targetRef: pool}\n",
        nodes="  - {id: decide, type: exclusiveGateway, stage: offer, default: default_join}\n",
    )
    assert parse_text(text).node("decide").type == "exclusiveGateway"


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        ("grade == 2.5", "'grade' is a whole number, so '== 2.5' never holds"),
        ("grade > 5", "'grade' is at most 5, so '> 5' never holds"),
        ("0 > grade", "'grade' is at least 1, so '< 0' never holds"),
        ("grade == 9", "'grade' is at least 1 and at most 5, so '== 9' never holds"),
        ('"x" in applied_via', "'applied_via' is a string; 'in' needs a list or a map"),
        ("score == applied_via", "'score' is a number and 'applied_via' is a string"),
        ("!applied_via", "'applied_via' is a string, not true/false"),
        ("offer_accepted == 1", "'offer_accepted' is true/false, so it cannot be compared with 1"),
        ("matched > 2", "'matched' is a list, so it cannot be compared with 2"),
        (
            'references != "excellent"',
            "'references' is never \"excellent\" (it is one of good, poor)",
        ),
    ],
)
def test_conditions_that_can_never_hold_name_their_flow(condition: str, message: str) -> None:
    text = _definition(
        flows=PLAIN_BRANCHES.replace("targetRef: join}", "targetRef: decide}", 1)
        + "  - {id: to_join, sourceRef: decide, targetRef: join, conditionExpression: "
        + repr(condition)
        + "}\n  - {id: default_join, sourceRef: decide, targetRef: pool}\n",
        nodes="  - {id: decide, type: exclusiveGateway, stage: offer, default: default_join}\n",
    )
    (problem,) = _problems(text)
    assert problem.startswith("flow 'to_join' [conditionExpression]: ")
    assert message in problem
