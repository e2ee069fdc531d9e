"""The one shape every deploy-time problem takes, and the error that carries them."""

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a definition: where (element id), which field, what."""

    where: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.where} [{self.field}]: {self.message}"


class DefinitionError(ValueError):
    """A definition with problems; ``problems`` lists all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


def node_at(node_id: str) -> str:
    """How a problem names a node, the same everywhere."""
    return f"node '{node_id}'"


def flow_at(flow_id: str) -> str:
    """How a problem names a sequence flow, the same everywhere."""
    return f"flow '{flow_id}'"


def quoted(ids: list[str] | set[str] | frozenset[str]) -> str:
    """``'a', 'b' and 'c'``: element ids in a sentence, sorted so messages are stable."""
    names = [f"'{i}'" for i in sorted(ids)]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
