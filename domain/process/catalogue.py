"""What a definition may call: the service activities and child processes.

The validator checks definitions against this catalogue at deploy time; the
worker registers an implementation for every entry (a test pins that the two
agree), so an unknown or misspelt activity never reaches a running process.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ServiceSpec:
    """A service activity: its inputs from variables, its outputs, its settings."""

    name: str
    summary: str
    inputs: frozenset[str] = frozenset()
    outputs: frozenset[str] = frozenset()
    required_parameters: frozenset[str] = frozenset()


SERVICES: dict[str, ServiceSpec] = {
    spec.name: spec
    for spec in (
        ServiceSpec(
            name="keyword_screen",
            summary="Score the candidate's resume with the definition's keyword weights",
            outputs=frozenset({"score", "matched_keywords", "resume_status"}),
            required_parameters=frozenset({"keywords"}),
        ),
        ServiceSpec(
            name="send_notification",
            summary="Queue a notification to the candidate or staff in the outbox",
            outputs=frozenset({"notification_id"}),
            required_parameters=frozenset({"template"}),
        ),
        ServiceSpec(
            name="merge_assessment",
            summary="Merge the AI interview score with the interviewers' scorecard",
            inputs=frozenset({"ai_score", "human_score"}),
            outputs=frozenset({"combined_score"}),
            required_parameters=frozenset({"ai_weight"}),
        ),
        ServiceSpec(
            name="create_employee_file",
            summary="Turn the candidate file into the employee file, without re-typing",
            outputs=frozenset({"employee_id"}),
        ),
        ServiceSpec(
            name="plan_training",
            summary="Derive a personal training plan from weak interview dimensions",
            inputs=frozenset({"dimension_scores"}),
            outputs=frozenset({"training_plan", "weak_dimensions"}),
            required_parameters=frozenset({"threshold", "courses"}),
        ),
    )
}


@dataclass(frozen=True)
class CallableSpec:
    """A child process a ``callActivity`` can start."""

    name: str
    outputs: frozenset[str]
    required_parameters: frozenset[str]


CALLABLES: dict[str, CallableSpec] = {
    "AIInterview": CallableSpec(
        name="AIInterview",
        outputs=frozenset(
            {"status", "overall_score", "dimension_scores", "recommendation", "review_reasons"}
        ),
        required_parameters=frozenset(
            {"role", "questions", "weights", "passScore", "slots", "bookingExpiry", "expiry"}
        ),
    )
}
