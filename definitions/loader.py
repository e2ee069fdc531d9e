"""Reading definition files into validated ``domain`` objects.

The only I/O around definitions: YAML in, ``ProcessDefinition`` out, with YAML
syntax errors turned into the same ``Problem`` list as semantic ones.
"""

from pathlib import Path

import yaml

from domain.process.definition import ProcessDefinition
from domain.process.validation import DefinitionError, Problem, parse

BUILTIN_DIR = Path(__file__).resolve().parent


def parse_text(text: str, source: str = "definition") -> ProcessDefinition:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        where, problem = yaml_problem(exc)
        raise DefinitionError([Problem(source, where, f"YAML syntax error: {problem}")]) from None
    return parse(data)


def yaml_problem(exc: yaml.YAMLError) -> tuple[str, str]:
    """Where a YAML syntax error is (line and column, 1-based) and what it is."""
    mark = getattr(exc, "problem_mark", None)
    where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "?"
    return where, getattr(exc, "problem", None) or "invalid YAML"


def load_file(path: Path) -> tuple[ProcessDefinition, str]:
    """Parse a definition file; returns the definition and its source text."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DefinitionError(
            [Problem(str(path), "-", f"cannot read file: {exc.__class__.__name__}")]
        ) from None
    return parse_text(text, source=path.name), text
