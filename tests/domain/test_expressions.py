"""Gateway conditions in CEL: how they decide, and how they fail."""

import re
from typing import Any

import pytest

from domain.process.expressions import ExpressionError, check, evaluate, identifiers

VARIABLES: dict[str, Any] = {
    "screening_score": 0.62,
    "resume_status": "ok",
    "ai_status": "completed",
    "ai_score": 71.5,
    "matched_keywords": ["python", "sql"],
    "ai_dimensions": {"communication": 80.0, "teamwork": 55.0},
    "offer_approved": True,
    "courses_completed": 3,
    "manager_note": None,
}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("screening_score >= 0.45", True),
        ("screening_score >= 0.7", False),
        ('resume_status != "ok"', False),
        ('ai_status == "completed" && ai_score >= 60.0', True),
        ('ai_status == "expired" || ai_score < 50.0', False),
        ("offer_approved", True),
        ("!offer_approved", False),
        ('"python" in matched_keywords', True),
        ('"java" in matched_keywords', False),
        ("size(matched_keywords) >= 2", True),
        ('matched_keywords.exists(k, k == "sql")', True),
        ("matched_keywords.all(k, size(k) > 3)", False),
        ("ai_dimensions.teamwork < 60.0", True),
        ('ai_dimensions["communication"] >= 75.0', True),
        ("has(ai_dimensions.communication)", True),
        ("manager_note == null", True),
        ("courses_completed >= 3 ? true : false", True),
    ],
)
def test_conditions_decide_on_process_variables(source: str, expected: bool) -> None:
    assert evaluate(source, VARIABLES) is expected


@pytest.mark.parametrize(
    ("source", "variables", "expected"),
    [
        # An integer score against a decimal threshold (and the other way round)
        # compares by value, as the CEL spec says, instead of failing.
        ("score >= 60.0", {"score": 72}, True),
        ("score >= 60.0", {"score": 59}, False),
        ("rating >= 3", {"rating": 3.5}, True),
        ("60.0 <= score", {"score": 60}, True),
        ("score == 4.0", {"score": 4}, True),
        ("score != 4.0", {"score": 4}, False),
        ("score > 0.5", {"score": 1}, True),
        ("score < 1.0", {"score": 0}, True),
    ],
)
def test_integers_and_decimals_compare_by_value(
    source: str, variables: dict[str, Any], expected: bool
) -> None:
    assert evaluate(source, variables) is expected


def test_variables_the_condition_does_not_read_need_not_be_set() -> None:
    assert evaluate("x > 1", {"x": 2}) is True


def test_reading_an_unset_variable_names_every_missing_one() -> None:
    with pytest.raises(ExpressionError, match=r"reads unset variable\(s\): ai_score, ai_status"):
        evaluate('ai_status == "completed" && ai_score >= 60.0', {"screening_score": 1.0})


@pytest.mark.parametrize(
    ("source", "result"),
    [
        ("ai_score", "DoubleType(71.5)"),
        ("resume_status", "StringType('ok')"),
        ("1 + 1", "IntType(2)"),
    ],
)
def test_a_condition_must_give_true_or_false(source: str, result: str) -> None:
    with pytest.raises(ExpressionError, match="not true/false") as caught:
        evaluate(source, VARIABLES)
    assert result in str(caught.value)


@pytest.mark.parametrize(
    "source",
    [
        'ai_score == "high"',
        "resume_status > 3",
        'resume_status + 1 == "ok1"',
        "matched_keywords < 2",
    ],
)
def test_comparing_values_of_different_types_is_an_error(source: str) -> None:
    with pytest.raises(ExpressionError, match=re.escape(f"condition {source!r} failed")):
        evaluate(source, VARIABLES)


def test_runtime_errors_such_as_division_by_zero_are_expression_errors() -> None:
    with pytest.raises(ExpressionError, match="divide by zero"):
        evaluate("courses_completed / 0 > 1", VARIABLES)


def test_missing_map_key_is_an_expression_error() -> None:
    with pytest.raises(ExpressionError, match="failed"):
        evaluate("ai_dimensions.job_knowledge > 50.0", VARIABLES)


def test_evaluation_does_not_change_the_variables() -> None:
    variables = {"xs": [1, 2], "m": {"a": 1}}
    evaluate("xs.map(x, x * 2).size() == 2 && m.a == 1", variables)
    assert variables == {"xs": [1, 2], "m": {"a": 1}}


@pytest.mark.parametrize(
    ("source", "names"),
    [
        ("screening_score >= 0.45", {"screening_score"}),
        ('ai_status == "completed" && ai_score >= 60.0', {"ai_status", "ai_score"}),
        ("true", set()),
        ("ai_dimensions.teamwork < 60.0", {"ai_dimensions"}),
        ('m["key"] == 1', {"m"}),
        ("size(matched_keywords) > 0", {"matched_keywords"}),
        ("int(rating) >= 3", {"rating"}),
        ("has(profile.degree)", {"profile"}),
        ('matched_keywords.exists(k, k == "sql")', {"matched_keywords"}),
        ("xs.all(x, x > limit)", {"xs", "limit"}),
        ("xs.filter(x, x > 1).map(y, y * 2).size() > n", {"xs", "n"}),
    ],
)
def test_identifiers_are_the_variables_a_condition_reads(source: str, names: set[str]) -> None:
    # Function names and macro loop variables are not variables.
    assert identifiers(source) == frozenset(names)


@pytest.mark.parametrize(
    ("source", "where"),
    [
        ("score >= ", "at column 7"),
        ("score >>= 0.5", "at column 8"),
        ("a && && b", "at column 6"),
        ("a &&\n&& b", "at line 2, column 1"),
        ('name == "unterminated', "at column 9"),
    ],
)
def test_syntax_errors_say_where(source: str, where: str) -> None:
    with pytest.raises(ExpressionError) as caught:
        check(source)
    assert str(caught.value) == f"CEL syntax error in {source!r} {where}"


def test_calling_a_function_cel_does_not_have_is_an_error_before_evaluation() -> None:
    with pytest.raises(ExpressionError, match=r"unknown function 'round' in 'round\(x\) > 1'"):
        check("round(x) > 1")
    with pytest.raises(ExpressionError, match="unknown function 'round'"):
        identifiers("round(x) > 1")


def test_expression_error_is_a_value_error() -> None:
    assert issubclass(ExpressionError, ValueError)
