"""Reading requisition files (YAML) into validated ``domain.screening.requisition.Requisition``.

The only I/O around requisitions. Every problem in a file is reported at
once, each as ``field: what is wrong``, in a ``UserError`` (exit code 2 on
the command line, no traceback). Samples live in ``definitions/requisitions/``.
"""

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from definitions.loader import yaml_problem
from domain.errors import UserError
from domain.screening.requisition import Requisition

SAMPLES_DIR = Path(__file__).resolve().parent / "requisitions"


def _where(location: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in location) or "(file)"


def problems(exc: ValidationError) -> list[str]:
    """One line per pydantic error: the field path and the message."""
    lines: list[str] = []
    for error in exc.errors():
        message = str(error["msg"]).removeprefix("Value error, ")
        if error["type"] == "extra_forbidden":
            message = "unknown field (check the spelling)"
        elif error["type"] == "missing":
            message = "required field is missing"
        lines.append(f"{_where(tuple(error['loc']))}: {message}")
    return lines


def parse_requisition(data: Any, source: str = "requisition") -> Requisition:
    """Validate loaded YAML data; a UserError lists every problem."""
    if not isinstance(data, dict):
        raise UserError(
            f"{source}: expected a mapping of fields (id, title, jd, competencies, ...), "
            f"not {type(data).__name__}"
        )
    try:
        return Requisition.model_validate(data)
    except ValidationError as exc:
        found = problems(exc)
        listed = "\n".join(f"  - {line}" for line in found)
        raise UserError(f"{source} has {len(found)} problem(s):\n{listed}") from None


def parse_requisition_text(text: str, source: str = "requisition") -> Requisition:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        where, problem = yaml_problem(exc)
        raise UserError(f"{source}: YAML syntax error at {where}: {problem}") from None
    return parse_requisition(data, source)


def load_requisition_file(path: Path) -> Requisition:
    """Read and validate one requisition file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UserError(f"{path} is a directory, not a requisition file") from None
    except UnicodeDecodeError:
        raise UserError(f"{path} is not UTF-8 text; save it as UTF-8") from None
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror}") from None
    return parse_requisition_text(text, path.name)
