"""Type-checking a gateway condition against what its variables can hold.

A condition that compares a variable with a value it can never have is
accepted by CEL's parser and fails, or never holds, only on a live candidate:
``applied_via >= 3`` (a string) raises and opens an incident at the gateway;
``manual_decision == "approve"`` (an enum of advance/reject) is never true,
so every candidate silently takes the default flow. This walks cel-python's
parse tree for the comparisons whose sides are a variable and a literal (or
two variables), membership tests (``x in [..]``, ``"a" in xs``) and bare
variables used as true/false, and reports each one no value could satisfy.
"""

from dataclasses import dataclass
from typing import Any

import celpy
from celpy import celtypes
from celpy.evaluation import CELEvalError
from lark import Token, Tree

from domain.process import expressions
from domain.process.validation.variables import VarType

# Rules that wrap a single operand on its way down to an identifier or literal.
_WRAPPERS = frozenset(
    {
        "expr",
        "conditionalor",
        "conditionaland",
        "relation",
        "addition",
        "multiplication",
        "unary",
        "member",
        "primary",
    }
)
_OPERATORS = {
    "relation_lt": "<",
    "relation_le": "<=",
    "relation_gt": ">",
    "relation_ge": ">=",
    "relation_eq": "==",
    "relation_ne": "!=",
    "relation_in": "in",
}
_MIRRORED = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
_LITERAL_KINDS = {
    "INT_LIT": "int",
    "UINT_LIT": "int",
    "FLOAT_LIT": "double",
    "STRING_LIT": "string",
    "BYTES_LIT": "bytes",
    "BOOL_LIT": "bool",
    "NULL_LIT": "null",
}
# Which literals a variable of each kind can equal or be ordered against
# (CEL compares int and double by value, see ``expressions._numeric``).
_FITS = {
    "string": {"string"},
    "integer": {"int", "double"},
    "number": {"int", "double"},
    "boolean": {"bool"},
    "list": {"list"},
    "map": set(),
}
_GROUPS = {"string": "s", "integer": "n", "number": "n", "boolean": "b", "list": "l", "map": "m"}
_ENV = celpy.Environment()


@dataclass(frozen=True)
class _Ident:
    name: str


@dataclass(frozen=True)
class _Literal:
    text: str  # as written, for messages
    kind: str  # int, double, string, bytes, bool, null, list
    value: Any  # a number or string as Python has it, a list's items, else None


_Atom = _Ident | _Literal


def _literal(token: Token) -> _Literal:
    kind = _LITERAL_KINDS.get(token.type, "other")
    value: str | float | None = None
    if kind in ("int", "double", "string"):
        # CEL's own evaluation reads escapes, raw strings and unsigned ints exactly.
        try:
            result = _ENV.program(_ENV.compile(str(token))).evaluate({})
        except CELEvalError:
            return _Literal(str(token), "invalid", None)  # e.g. beyond 64 bits
        if isinstance(result, celtypes.StringType):
            value = str(result)
        elif isinstance(result, celtypes.IntType | celtypes.UintType | celtypes.DoubleType):
            value = float(result)
    return _Literal(str(token), kind, value)


def _atom(tree: Any) -> _Atom | None:
    """The identifier or literal an operand is, or None for anything else
    (arithmetic, a field, a call, a list with non-literal items)."""
    while isinstance(tree, Tree) and tree.data in _WRAPPERS and len(tree.children) == 1:
        tree = tree.children[0]
    if not isinstance(tree, Tree):
        return None
    if tree.data == "ident" and tree.children:
        return _Ident(str(tree.children[0]))
    if tree.data == "literal" and tree.children and isinstance(tree.children[0], Token):
        return _literal(tree.children[0])
    if tree.data == "list_lit":
        items = tree.children[0].children if tree.children else []
        atoms = [_atom(item) for item in items]
        if all(isinstance(a, _Literal) for a in atoms):
            return _Literal("[...]", "list", tuple(a for a in atoms if isinstance(a, _Literal)))
    return None


def type_problems(source: str, types: dict[str, VarType]) -> list[str]:
    """What in ``source`` can never hold given the variables' types, as messages."""
    tree, loop_variables = expressions.syntax_tree(source)
    known = {name: t for name, t in types.items() if name not in loop_variables}
    literals = [_atom(subtree) for subtree in tree.iter_subtrees() if subtree.data == "literal"]
    messages = [
        f"{literal.text} is beyond the range of a CEL number"
        for literal in literals
        if isinstance(literal, _Literal) and literal.kind == "invalid"
    ]
    messages += _truth_problems(tree, known)
    for subtree in tree.iter_subtrees():
        if subtree.data != "relation" or len(subtree.children) != 2:
            continue
        operator_tree = subtree.children[0]
        if not isinstance(operator_tree, Tree) or operator_tree.data not in _OPERATORS:
            continue
        op = _OPERATORS[str(operator_tree.data)]
        left, right = _atom(operator_tree.children[0]), _atom(subtree.children[1])
        if op == "in":
            messages += _membership(left, right, known)
        elif isinstance(left, _Ident) and isinstance(right, _Ident):
            messages += _two_variables(left, right, known)
        elif isinstance(left, _Ident) and isinstance(right, _Literal):
            messages += _against_literal(left, op, right, known)
        elif isinstance(left, _Literal) and isinstance(right, _Ident):
            messages += _against_literal(right, _MIRRORED[op], left, known)
    return list(dict.fromkeys(messages))


def _truth_problems(tree: Tree[Token], known: dict[str, VarType]) -> list[str]:
    """Variables used where CEL needs true/false: the whole condition, either
    side of ``&&`` and ``||``, the operand of ``!``, a ``? :`` test."""
    operands: list[Any] = [tree]
    for subtree in tree.iter_subtrees():
        if subtree.data in ("conditionalor", "conditionaland") and len(subtree.children) == 2:
            operands += subtree.children
        elif subtree.data == "unary" and len(subtree.children) == 2:
            first = subtree.children[0]
            if isinstance(first, Tree) and first.data == "unary_not":
                operands.append(subtree.children[1])
        elif subtree.data == "expr" and len(subtree.children) == 3:
            operands.append(subtree.children[0])
    messages = []
    for operand in operands:
        atom = _atom(operand)
        if isinstance(atom, _Ident) and atom.name in known:
            var = known[atom.name]
            if "boolean" not in var.kinds:
                messages.append(
                    f"'{atom.name}' is {var.describe()}, not true/false; "
                    "compare it with a value to make a condition"
                )
    return messages


def _against_literal(
    ident: _Ident, op: str, literal: _Literal, known: dict[str, VarType]
) -> list[str]:
    var = known.get(ident.name)
    if var is None or literal.kind in ("other", "invalid"):
        return []
    if literal.kind == "null" and op in ("==", "!="):
        return []  # an output may be unset (null), whatever its type
    if not any(literal.kind in _FITS[kind] for kind in var.kinds):
        return [f"'{ident.name}' is {var.describe()}, so it cannot be compared with {literal.text}"]
    values = var.values if var.kinds == {"string"} else None
    equality = op in ("==", "!=") and literal.kind == "string"
    if equality and values is not None and literal.value not in values:
        return [f"'{ident.name}' is never {literal.text} (it is {var.describe()})"]
    if literal.kind in ("int", "double") and not var.kinds - {"integer", "number"}:
        return _out_of_range(ident.name, op, literal, var)
    return []


def _out_of_range(name: str, op: str, literal: _Literal, var: VarType) -> list[str]:
    """A comparison with a number outside every value the variable can take."""
    value, low, high = float(literal.value), var.minimum, var.maximum
    never = {
        ">=": high is not None and high < value,
        ">": high is not None and high <= value,
        "<=": low is not None and low > value,
        "<": low is not None and low >= value,
        "==": (low is not None and value < low)
        or (high is not None and value > high)
        or (var.kinds == {"integer"} and not value.is_integer()),
    }
    if not never.get(op, False):
        return []
    if var.kinds == {"integer"} and not value.is_integer() and op == "==":
        return [f"'{name}' is a whole number, so '{op} {literal.text}' never holds"]
    bounds = []
    if low is not None and op in ("<", "<=", "=="):
        bounds.append(f"at least {low:g}")
    if high is not None and op in (">", ">=", "=="):
        bounds.append(f"at most {high:g}")
    return [f"'{name}' is {' and '.join(bounds)}, so '{op} {literal.text}' never holds"]


def _membership(left: _Atom | None, right: _Atom | None, known: dict[str, VarType]) -> list[str]:
    """``x in [..]`` is an equality test per item; ``v in xs`` needs a list or map."""
    if isinstance(left, _Ident) and isinstance(right, _Literal) and right.kind == "list":
        messages: list[str] = []
        for item in right.value:
            messages += _against_literal(left, "==", item, known)
        return messages
    if isinstance(right, _Ident) and right.name in known:
        var = known[right.name]
        if not var.kinds & {"list", "map"}:
            return [f"'{right.name}' is {var.describe()}; 'in' needs a list or a map"]
    return []


def _two_variables(left: _Ident, right: _Ident, known: dict[str, VarType]) -> list[str]:
    first, second = known.get(left.name), known.get(right.name)
    if first is None or second is None:
        return []
    if {_GROUPS[k] for k in first.kinds} & {_GROUPS[k] for k in second.kinds}:
        return []
    return [
        f"'{left.name}' is {first.describe()} and '{right.name}' is {second.describe()}, "
        "so they cannot be compared"
    ]
