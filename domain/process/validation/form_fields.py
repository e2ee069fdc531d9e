"""Human task forms: fields a person can fill in, with constraints some value can meet.

A field whose constraints no value meets (a minimum above its maximum, an
integer range with no whole number in it, an enumeration with no values)
leaves its task impossible to complete: every submission is rejected and the
candidate waits at that step forever. A constraint on a field type it does not
apply to is silently ignored at submission, so it is reported too.
"""

import math

from domain.process.definition import FormField, UserTask
from domain.process.validation.problems import Problem
from domain.process.validation.timers import duration_problem

_NUMERIC = ("integer", "number")


def user_task_problems(where: str, node: UserTask) -> list[Problem]:
    """A user task's due date, its form's fields, and the outputs it maps."""
    problems = duration_problem(where, "dueDuration", node.due_duration)
    if not node.form.fields:
        problems.append(Problem(where, "form", "a userTask needs at least one form field"))
    ids = [f.id for f in node.form.fields]
    for name in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(Problem(where, "form", f"duplicate form field '{name}'"))
    for form_field in node.form.fields:
        problems += [Problem(where, f"form.{form_field.id}", m) for m in field_problems(form_field)]
    for name in sorted(set(node.outputs) - set(ids)):
        problems.append(Problem(where, "outputs", f"no form field '{name}' to map"))
    return problems


def field_problems(field: FormField) -> list[str]:
    """What is wrong with one field's constraints, as messages."""
    problems = []
    if field.type == "enum" and not field.enum:
        problems.append("an enum field needs a list of values")
    if field.type != "enum" and field.enum is not None:
        problems.append(f"values apply only to an enum field, not to a {field.type} field")
    bounded = field.minimum is not None or field.maximum is not None
    if field.type not in _NUMERIC and bounded:
        problems.append(
            f"minimum and maximum apply only to integer and number fields, not to {field.type}"
        )
    low, high = field.minimum, field.maximum
    if field.type in _NUMERIC and low is not None and high is not None:
        if low > high:
            problems.append(f"minimum {low:g} is above maximum {high:g}: no value can meet both")
        elif field.type == "integer" and math.ceil(low) > math.floor(high):
            problems.append(f"no whole number lies between minimum {low:g} and maximum {high:g}")
    return problems
