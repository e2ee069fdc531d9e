"""Deploy-time validation of process definitions, reporting every problem at once.

Each ``Problem`` names the element (node, flow, form field) that has it and
the field to change, so HR can fix the YAML without reading a traceback.
The checks live one concern to a module: ``document`` (parsing element by
element), ``nodes`` (ids, flows per node type, the catalogue), ``form_fields``,
``timers``, ``variables`` (names, types, defaults), ``conditions`` and
``cel_types`` (CEL placement, names, type checks), ``graph`` (reachability,
loops), ``joins`` (parallel joins against their forks).
"""

from domain.process.validation.checks import check
from domain.process.validation.document import parse
from domain.process.validation.problems import DefinitionError, Problem

__all__ = ["DefinitionError", "Problem", "check", "parse"]
