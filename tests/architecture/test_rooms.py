"""The rules between the rooms that import-linter cannot see.

import-linter checks packages (pyproject.toml); ``worker.py`` is a module at
the top level, and module size is not an import. Both rules are in
docs/ARCHITECTURE.md.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ("domain", "definitions", "workflows", "activities", "ledger", "adapters", "hireloop")
ROOMS = (*PRODUCT, "simulation", "migrations", "bench")
MAX_LINES = 400
SIZE_REASON = "Size:"


def imported_roots(path: Path) -> set[str]:
    """Top-level names of every absolute import in a file, at any depth."""
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def modules(*rooms: str) -> list[Path]:
    return sorted(p for room in rooms for p in (ROOT / room).rglob("*.py"))


def test_the_worker_composes_the_product_without_the_simulations() -> None:
    assert not imported_roots(ROOT / "worker.py") & {"simulation", "bench", "tests"}


def test_nothing_in_the_product_imports_the_worker() -> None:
    offenders = [
        str(p.relative_to(ROOT)) for p in modules(*PRODUCT) if "worker" in imported_roots(p)
    ]
    assert offenders == []


@pytest.mark.parametrize("room", ROOMS)
def test_long_modules_say_why_at_their_top(room: str) -> None:
    """A module over 400 lines is split by concern, or its docstring gives the
    reason it is one piece in a paragraph starting with "Size:"."""
    unexplained = []
    for path in modules(room):
        text = path.read_text(encoding="utf-8")
        if text.count("\n") <= MAX_LINES:
            continue
        docstring = ast.get_docstring(ast.parse(text)) or ""
        if SIZE_REASON not in docstring:
            unexplained.append(f"{path.relative_to(ROOT)} ({text.count(chr(10))} lines)")
    assert unexplained == []
