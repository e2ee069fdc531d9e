"""Process variables: which names exist, what each can hold, and their defaults.

A variable is declared (``variables``), set by a user task's form field, or
set by a service task's or child process's output (typed in the catalogue).
Its type is the union over every place that sets it, so a condition is only
reported when no value any of them can produce would make it hold.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from domain.process.catalogue import CALLABLES, SERVICES, Value
from domain.process.definition import (
    CallActivity,
    FormField,
    ProcessDefinition,
    ServiceTask,
    UserTask,
)
from domain.process.validation.problems import Problem
from domain.process.validation.salvage import Salvage

_T = TypeVar("_T")

_ARTICLES = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true/false",
    "list": "a list",
    "map": "a map",
}


@dataclass(frozen=True)
class VarType:
    """What a variable can hold: its kinds (string, integer, number, boolean,
    list, map); the strings it is always one of, when every source enumerates
    them; the range its numbers stay in, when every source bounds it."""

    kinds: frozenset[str]
    values: frozenset[str] | None = None
    minimum: float | None = None
    maximum: float | None = None

    def union(self, other: "VarType") -> "VarType":
        """What a variable set in both ways can hold; a side that cannot be a
        string (or a number) does not widen the other's values (or range)."""
        strings = "string" in self.kinds, "string" in other.kinds
        values = _either(self.values, other.values, *strings, frozenset.union)
        numeric = {"integer", "number"}
        self_numeric, other_numeric = bool(self.kinds & numeric), bool(other.kinds & numeric)
        low = _either(self.minimum, other.minimum, self_numeric, other_numeric, min)
        high = _either(self.maximum, other.maximum, self_numeric, other_numeric, max)
        return VarType(self.kinds | other.kinds, values, low, high)

    def describe(self) -> str:
        if self.kinds == {"string"} and self.values is not None:
            return f"one of {', '.join(sorted(self.values))}"
        return " or ".join(_ARTICLES[k] for k in sorted(self.kinds))


def _either(
    mine: _T | None,
    theirs: _T | None,
    i_can: bool,
    they_can: bool,
    both: Callable[[_T, _T], _T],
) -> _T | None:
    """Union of one bound (or value set) from two sources: unbounded if either
    source that can hold such a value leaves it unbounded."""
    if not i_can:
        return theirs
    if not they_can:
        return mine
    return None if mine is None or theirs is None else both(mine, theirs)


def _from_value(value: Value) -> VarType:
    values = frozenset(value.values) if value.values is not None else None
    return VarType(frozenset({value.kind}), values, value.minimum, value.maximum)


def _from_field(field: FormField) -> VarType:
    if field.type == "enum":
        return VarType(frozenset({"string"}), frozenset(field.enum or ()))
    if field.type in ("integer", "number"):
        return VarType(frozenset({field.type}), None, field.minimum, field.maximum)
    return VarType(frozenset({field.type}))


def known_variables(definition: ProcessDefinition) -> set[str]:
    """Every variable name a condition or a service input may read."""
    names = set(definition.variables)
    for node in definition.nodes:
        if isinstance(node, ServiceTask | CallActivity):
            names |= set(node.outputs.values())
        elif isinstance(node, UserTask):
            names |= {node.outputs.get(f.id, f.id) for f in node.form.fields}
    return names


def variable_types(definition: ProcessDefinition, salvage: Salvage) -> dict[str, VarType]:
    """The type of each variable whose every source is known; a variable also
    set by a malformed element or an unknown catalogue entry is left out, so
    it is never blamed for what the element that failed to parse would set."""
    sources: dict[str, list[VarType | None]] = {
        name: [VarType(frozenset({kind}))] for name, kind in definition.variables.items()
    }
    for node in definition.nodes:
        if isinstance(node, UserTask):
            for field in node.form.fields:
                sources.setdefault(node.outputs.get(field.id, field.id), []).append(
                    _from_field(field)
                )
        elif isinstance(node, ServiceTask | CallActivity):
            spec = (
                SERVICES.get(node.activity)
                if isinstance(node, ServiceTask)
                else CALLABLES.get(node.called_element)
            )
            for output, name in node.outputs.items():
                value = spec.outputs.get(output) if spec is not None else None
                sources.setdefault(name, []).append(_from_value(value) if value else None)
    types = {}
    for name, kinds in sources.items():
        if name in salvage.variables or any(k is None for k in kinds):
            continue
        known = [k for k in kinds if k is not None]
        merged = known[0]
        for other in known[1:]:
            merged = merged.union(other)
        types[name] = merged
    return types


_DEFAULT_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "boolean": (bool,),
    "integer": (int,),
    "number": (int, float),
}


def default_problems(definition: ProcessDefinition) -> list[Problem]:
    """A default names a declared variable and has the declared type."""
    problems = []
    for name, value in sorted(definition.defaults.items()):
        declared = definition.variables.get(name)
        if declared is None:
            problems.append(Problem("definition", f"defaults.{name}", "not a declared variable"))
            continue
        types = _DEFAULT_TYPES.get(declared)
        fits = types is not None and isinstance(value, types)
        if not fits or (declared != "boolean" and isinstance(value, bool)):
            problems.append(
                Problem("definition", f"defaults.{name}", f"must be a {declared} value")
            )
    return problems
