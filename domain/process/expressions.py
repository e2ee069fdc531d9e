"""Gateway conditions as CEL expressions: safe, side-effect free, deterministic.

Conditions are compiled once at deploy time (syntax errors and unknown
variables are reported there) and evaluated by the workflow against process
variables. Compiled programs are cached by source text, which is sound
because CEL compilation is a pure function of that text.
"""

import operator
from collections.abc import Callable
from functools import lru_cache
from typing import Any, NamedTuple

import celpy
from celpy import celtypes
from celpy.adapter import json_to_cel
from celpy.celparser import CELParseError
from celpy.evaluation import CELEvalError, base_functions
from lark import Token, Tree


class ExpressionError(ValueError):
    """A condition that does not parse, or cannot be evaluated on these variables."""


_ENV = celpy.Environment()

# Global functions (``size(x)``, ``has(m.f)``, ``int(x)``) are called, never
# read as variables; a call to anything else is an error at deploy time.
_FUNCTIONS = frozenset(name for name in base_functions if name.isidentifier()) | {"has", "dyn"}
# Macros whose first argument binds a loop variable: ``xs.exists(x, x > 1)``.
_MACROS = frozenset({"all", "exists", "exists_one", "map", "filter"})

_NUMBERS = (celtypes.IntType, celtypes.UintType, celtypes.DoubleType)


def _numeric(name: str, op: Callable[[Any, Any], bool]) -> Callable[[Any, Any], Any]:
    """CEL compares int, uint and double with each other by value (cel-spec,
    "Numeric values"); cel-python 0.5 predates that and fails ``72 >= 60.0``,
    which would send a scored candidate down a gateway's default flow."""
    standard = base_functions[name]

    def compare(left: Any, right: Any) -> Any:
        if isinstance(left, _NUMBERS) and isinstance(right, _NUMBERS):
            plain = [
                float(v) if isinstance(v, celtypes.DoubleType) else int(v) for v in (left, right)
            ]
            return celtypes.BoolType(op(plain[0], plain[1]))  # exact for int vs float
        return standard(left, right)

    return compare


_COMPARISONS = {
    name: _numeric(name, op)
    for name, op in (
        ("_<_", operator.lt),
        ("_<=_", operator.le),
        ("_>_", operator.gt),
        ("_>=_", operator.ge),
        ("_==_", operator.eq),
        ("_!=_", operator.ne),
    )
}


def _bound_variable(call: Any) -> str | None:
    """The loop variable a macro call (``member_dot_arg`` subtree) binds, if any."""
    args = next((c for c in call.children if getattr(c, "data", None) == "exprlist"), None)
    if args is None or not args.children:
        return None
    idents = [t for t in args.children[0].iter_subtrees() if t.data == "ident"]
    return str(idents[0].children[0]) if len(idents) == 1 else None


class _Compiled(NamedTuple):
    program: Any
    tree: Tree[Token]
    names: frozenset[str]  # variables read
    bound: frozenset[str]  # loop variables of macros


@lru_cache(maxsize=1024)
def _compile(source: str) -> _Compiled:
    try:
        ast = _ENV.compile(source)
    except CELParseError as exc:
        # The parser's own text only repeats the source with a caret under it.
        line, column = getattr(exc, "line", None), getattr(exc, "column", None)
        at = f" at column {column}" if column else ""
        if line and line > 1:
            at = f" at line {line}{', column ' + str(column) if column else ''}"
        raise ExpressionError(f"CEL syntax error in {source!r}{at}") from None
    names: set[str] = set()
    bound: set[str] = set()
    for subtree in ast.iter_subtrees():
        if subtree.data == "ident" and subtree.children:
            names.add(str(subtree.children[0]))
        elif subtree.data == "ident_arg" and subtree.children:
            function = str(subtree.children[0])
            if function not in _FUNCTIONS:
                raise ExpressionError(f"unknown function '{function}' in {source!r}")
        elif subtree.data == "member_dot_arg" and str(subtree.children[1]) in _MACROS:
            variable = _bound_variable(subtree)
            if variable is not None:
                bound.add(variable)
    program = _ENV.program(ast, functions=_COMPARISONS)
    return _Compiled(program, ast, frozenset(names - bound), frozenset(bound))


def identifiers(source: str) -> frozenset[str]:
    """The variable names a condition reads (for validation and audit inputs)."""
    return _compile(source).names


def syntax_tree(source: str) -> tuple[Tree[Token], frozenset[str]]:
    """The parsed condition (cel-python's lark tree) and the loop variables its
    macros bind, so deploy-time checks can type its comparisons."""
    compiled = _compile(source)
    return compiled.tree, compiled.bound


def check(source: str) -> None:
    """Raise ``ExpressionError`` if ``source`` is not valid CEL."""
    _compile(source)


def evaluate(source: str, variables: dict[str, Any]) -> bool:
    """Evaluate a condition to a boolean; anything else is an ``ExpressionError``."""
    program, _, names, _ = _compile(source)
    missing = sorted(name for name in names if name not in variables)
    if missing:
        raise ExpressionError(f"condition {source!r} reads unset variable(s): {', '.join(missing)}")
    activation = {name: json_to_cel(variables[name]) for name in names}
    try:
        result = program.evaluate(activation)
    except CELEvalError as exc:
        raise ExpressionError(f"condition {source!r} failed: {exc.args[0]}") from None
    if isinstance(result, CELEvalError):
        raise ExpressionError(f"condition {source!r} failed: {result.args[0]}")
    if not isinstance(result, celtypes.BoolType):
        raise ExpressionError(f"condition {source!r} gave {result!r}, not true/false")
    return bool(result)
