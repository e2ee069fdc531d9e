"""Gateway conditions as CEL expressions: safe, side-effect free, deterministic.

Conditions are compiled once at deploy time (syntax errors and unknown
variables are reported there) and evaluated by the workflow against process
variables. Compiled programs are cached by source text, which is sound
because CEL compilation is a pure function of that text.
"""

from functools import lru_cache
from typing import Any

import celpy
from celpy import celtypes


class ExpressionError(ValueError):
    """A condition that does not parse, or cannot be evaluated on these variables."""


_ENV = celpy.Environment()


@lru_cache(maxsize=1024)
def _compile(source: str) -> tuple[Any, frozenset[str]]:
    try:
        ast = _ENV.compile(source)
    except celpy.CELParseError as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else "syntax error"
        raise ExpressionError(f"CEL syntax error in {source!r}: {first_line}") from None
    names: set[str] = set()
    for subtree in ast.iter_subtrees():
        if subtree.data in ("ident", "ident_arg") and subtree.children:
            names.add(str(subtree.children[0]))
    return _ENV.program(ast), frozenset(names)


def identifiers(source: str) -> frozenset[str]:
    """The variable names a condition reads (for validation and audit inputs)."""
    return _compile(source)[1]


def check(source: str) -> None:
    """Raise ``ExpressionError`` if ``source`` is not valid CEL."""
    _compile(source)


def evaluate(source: str, variables: dict[str, Any]) -> bool:
    """Evaluate a condition to a boolean; anything else is an ``ExpressionError``."""
    program, names = _compile(source)
    missing = sorted(name for name in names if name not in variables and not _is_builtin(name))
    if missing:
        raise ExpressionError(f"condition {source!r} reads unset variable(s): {', '.join(missing)}")
    activation = {name: celpy.json_to_cel(variables[name]) for name in names if name in variables}
    try:
        result = program.evaluate(activation)
    except celpy.CELEvalError as exc:
        raise ExpressionError(f"condition {source!r} failed: {exc.args[0]}") from None
    if isinstance(result, celpy.CELEvalError):
        raise ExpressionError(f"condition {source!r} failed: {result.args[0]}")
    if not isinstance(result, celtypes.BoolType):
        raise ExpressionError(f"condition {source!r} gave {result!r}, not true/false")
    return bool(result)


_BUILTINS = frozenset({"true", "false", "null", "size", "int", "double", "string", "bool"})


def _is_builtin(name: str) -> bool:
    return name in _BUILTINS
