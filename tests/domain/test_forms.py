"""Checking what a person submits for a human task against the task's form."""

from typing import Any

import pytest

from domain.process.definition import Form
from domain.process.forms import FormError, check_form

SCORECARD = Form.model_validate(
    {
        "fields": [
            {"id": "score", "type": "integer", "minimum": 1, "maximum": 5},
            {"id": "confidence", "type": "number", "minimum": 0, "maximum": 1},
            {"id": "recommendation", "type": "enum", "enum": ["hire", "no_hire"]},
            {"id": "hired_before", "type": "boolean"},
            {"id": "notes", "type": "string", "required": False, "maxLength": 20},
        ]
    }
)

GOOD: dict[str, Any] = {
    "score": 4,
    "confidence": 0.8,
    "recommendation": "hire",
    "hired_before": False,
}


def _problems(values: dict[str, Any]) -> str:
    with pytest.raises(FormError) as caught:
        check_form(SCORECARD, values)
    return str(caught.value)


def test_a_complete_submission_is_accepted_as_given() -> None:
    assert check_form(SCORECARD, GOOD) == GOOD


def test_optional_fields_may_be_left_out_and_are_kept_when_given() -> None:
    assert "notes" not in check_form(SCORECARD, GOOD)
    assert check_form(SCORECARD, {**GOOD, "notes": "strong SQL"})["notes"] == "strong SQL"


def test_an_optional_field_sent_as_null_is_dropped() -> None:
    assert "notes" not in check_form(SCORECARD, {**GOOD, "notes": None})


@pytest.mark.parametrize("missing", ["score", "recommendation", "hired_before"])
def test_a_missing_required_field_is_named(missing: str) -> None:
    values = {k: v for k, v in GOOD.items() if k != missing}
    assert _problems(values) == f"required field '{missing}' is missing"


def test_a_required_field_sent_as_null_counts_as_missing() -> None:
    assert _problems({**GOOD, "score": None}) == "required field 'score' is missing"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("score", "4", "field 'score' must be integer, got str"),
        ("score", 4.0, "field 'score' must be integer, got float"),
        ("confidence", "high", "field 'confidence' must be number, got str"),
        ("recommendation", 1, "field 'recommendation' must be enum, got int"),
        ("hired_before", "no", "field 'hired_before' must be boolean, got str"),
        ("hired_before", 0, "field 'hired_before' must be boolean, got int"),
        ("notes", 12, "field 'notes' must be string, got int"),
    ],
)
def test_a_value_of_the_wrong_type_is_rejected(field: str, value: Any, message: str) -> None:
    assert _problems({**GOOD, field: value}) == message


@pytest.mark.parametrize(("field", "kind"), [("score", "integer"), ("confidence", "number")])
def test_a_boolean_is_not_a_number_even_though_python_says_it_is_an_int(
    field: str, kind: str
) -> None:
    assert _problems({**GOOD, field: True}) == f"field '{field}' must be {kind}, got bool"


def test_a_number_field_accepts_integers() -> None:
    assert check_form(SCORECARD, {**GOOD, "confidence": 1})["confidence"] == 1


def test_an_enum_value_outside_the_list_is_rejected_with_the_choices() -> None:
    assert _problems({**GOOD, "recommendation": "maybe"}) == (
        "field 'recommendation' must be one of hire, no_hire, got 'maybe'"
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("score", 0, "field 'score' must be at least 1, got 0"),
        ("score", 6, "field 'score' must be at most 5, got 6"),
        ("confidence", -0.1, "field 'confidence' must be at least 0, got -0.1"),
        ("confidence", 1.5, "field 'confidence' must be at most 1, got 1.5"),
    ],
)
def test_numbers_outside_minimum_and_maximum_are_rejected(
    field: str, value: float, message: str
) -> None:
    assert _problems({**GOOD, field: value}) == message


@pytest.mark.parametrize(("field", "value"), [("score", 1), ("score", 5), ("confidence", 0)])
def test_the_bounds_themselves_are_allowed(field: str, value: float) -> None:
    assert check_form(SCORECARD, {**GOOD, field: value})[field] == value


def test_a_string_longer_than_max_length_is_rejected() -> None:
    assert check_form(SCORECARD, {**GOOD, "notes": "x" * 20})["notes"] == "x" * 20
    assert _problems({**GOOD, "notes": "x" * 21}) == ("field 'notes' is longer than 20 characters")


def test_an_unknown_field_is_rejected_with_the_expected_ones() -> None:
    assert _problems({**GOOD, "salary": 1}) == (
        "unknown field 'salary' (expected: confidence, hired_before, notes, recommendation, score)"
    )


def test_every_problem_is_reported_at_once() -> None:
    values = {"score": 9, "confidence": True, "recommendation": "maybe", "typo": 1}
    with pytest.raises(FormError) as caught:
        check_form(SCORECARD, values)
    assert caught.value.problems == [
        "unknown field 'typo' (expected: confidence, hired_before, notes, recommendation, score)",
        "field 'score' must be at most 5, got 9",
        "field 'confidence' must be number, got bool",
        "field 'recommendation' must be one of hire, no_hire, got 'maybe'",
        "required field 'hired_before' is missing",
    ]
    assert str(caught.value) == "; ".join(caught.value.problems)


def test_form_error_is_a_value_error_so_update_validators_reject_it() -> None:
    assert issubclass(FormError, ValueError)
