"""What a definition may call: the service activities and child processes.

The validator checks definitions against this catalogue at deploy time; the
worker registers an implementation for every entry (a test pins that the two
agree), so an unknown or misspelt activity never reaches a running process.
Outputs carry what they hold (``Value``) so that a gateway condition reading
one is type-checked at deploy time too: ``resume_status == "unredable"`` or
``screening_score >= 45`` (a 0-1 score) would otherwise never hold and route
every candidate down the default flow without anyone noticing.
"""

import types
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Union, get_args, get_origin

from domain.interview.settings import InterviewResult

ValueKind = Literal["string", "integer", "number", "boolean", "list", "map"]


@dataclass(frozen=True)
class Value:
    """What an output holds: its kind, the strings it is always one of (an
    enumeration), and the range a number stays in, where those are known."""

    kind: ValueKind
    values: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None


@dataclass(frozen=True)
class ServiceSpec:
    """A service activity: its inputs from variables, its outputs, its settings."""

    name: str
    summary: str
    inputs: frozenset[str] = frozenset()
    outputs: Mapping[str, Value] = field(default_factory=dict)
    required_parameters: frozenset[str] = frozenset()


SERVICES: dict[str, ServiceSpec] = {
    spec.name: spec
    for spec in (
        ServiceSpec(
            name="keyword_screen",
            summary="Score the candidate's resume with the definition's keyword weights",
            outputs={
                "score": Value("number", minimum=0.0, maximum=1.0),
                "matched_keywords": Value("list"),
                # activities.services.keyword_screen sets exactly these statuses.
                "resume_status": Value("string", values=("ok", "empty", "oversized", "unreadable")),
            },
            required_parameters=frozenset({"keywords"}),
        ),
        ServiceSpec(
            name="send_notification",
            summary="Queue a notification to the candidate or staff in the outbox",
            outputs={"notification_id": Value("string")},
            required_parameters=frozenset({"template"}),
        ),
        ServiceSpec(
            name="merge_assessment",
            summary="Merge the AI interview score with the interviewers' scorecard",
            inputs=frozenset({"ai_score", "human_score"}),
            outputs={"combined_score": Value("number")},
            required_parameters=frozenset({"ai_weight"}),
        ),
        ServiceSpec(
            name="create_employee_file",
            summary="Turn the candidate file into the employee file, without re-typing",
            outputs={"employee_id": Value("string")},
        ),
        ServiceSpec(
            name="plan_training",
            summary="Derive a personal training plan from weak interview dimensions",
            inputs=frozenset({"dimension_scores"}),
            outputs={"training_plan": Value("list"), "weak_dimensions": Value("list")},
            required_parameters=frozenset({"threshold", "courses"}),
        ),
    )
}


def _value_of(annotation: Any) -> Value:
    """The ``Value`` of a result model's field, so a child process's outputs are
    typed from the model it really returns and cannot drift from it."""
    origin = get_origin(annotation)
    if origin is Literal:
        return Value("string", values=tuple(str(v) for v in get_args(annotation)))
    if origin in (Union, types.UnionType):  # ``X | None``: the value when set
        (inner,) = [a for a in get_args(annotation) if a is not type(None)]
        return _value_of(inner)
    plain: dict[Any, ValueKind] = {
        str: "string",
        bool: "boolean",
        int: "integer",
        float: "number",
        list: "list",
        dict: "map",
    }
    return Value(plain[origin or annotation])


@dataclass(frozen=True)
class CallableSpec:
    """A child process a ``callActivity`` can start."""

    name: str
    outputs: Mapping[str, Value]
    required_parameters: frozenset[str]


CALLABLES: dict[str, CallableSpec] = {
    "AIInterview": CallableSpec(
        name="AIInterview",
        outputs={
            name: _value_of(info.annotation) for name, info in InterviewResult.model_fields.items()
        },
        required_parameters=frozenset(
            {"role", "questions", "weights", "passScore", "slots", "bookingExpiry", "expiry"}
        ),
    )
}
