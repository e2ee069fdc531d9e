"""Checking a human task's submitted form against the definition's fields.

Runs in the Update validator, so a malformed submission is rejected before it
touches workflow history; every problem is reported at once.
"""

from typing import Any

from domain.process.definition import Form, FormField


class FormError(ValueError):
    """A submitted form that does not match the task's fields; ``problems``
    lists every problem (the message joins them with ``; ``)."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def _check_field(field: FormField, value: Any) -> str | None:
    if field.type == "boolean":
        ok = isinstance(value, bool)
    elif field.type == "integer":
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif field.type == "number":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
    else:
        ok = isinstance(value, str)
    if not ok:
        return f"field '{field.id}' must be {field.type}, got {type(value).__name__}"
    if field.type == "enum" and field.enum is not None and value not in field.enum:
        return f"field '{field.id}' must be one of {', '.join(field.enum)}, got {value!r}"
    if field.type in ("integer", "number"):
        if field.minimum is not None and value < field.minimum:
            return f"field '{field.id}' must be at least {field.minimum:g}, got {value}"
        if field.maximum is not None and value > field.maximum:
            return f"field '{field.id}' must be at most {field.maximum:g}, got {value}"
    if field.type == "string" and len(value) > field.max_length:
        return f"field '{field.id}' is longer than {field.max_length} characters"
    return None


def check_form(form: Form, values: dict[str, Any]) -> dict[str, Any]:
    """Return the accepted values, or raise ``FormError`` listing every problem."""
    problems: list[str] = []
    known = {field.id for field in form.fields}
    for name in sorted(set(values) - known):
        problems.append(f"unknown field '{name}' (expected: {', '.join(sorted(known))})")
    accepted: dict[str, Any] = {}
    for field in form.fields:
        if field.id not in values or values[field.id] is None:
            if field.required:
                problems.append(f"required field '{field.id}' is missing")
            continue
        problem = _check_field(field, values[field.id])
        if problem:
            problems.append(problem)
        else:
            accepted[field.id] = values[field.id]
    if problems:
        raise FormError(problems)
    return accepted
