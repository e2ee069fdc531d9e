"""The semantic checks over a parsed definition, each concern in its own module."""

from domain.process.definition import ProcessDefinition
from domain.process.validation.conditions import condition_problems
from domain.process.validation.graph import (
    closed_loop_problems,
    reachability_problems,
    wait_free_loop_problems,
)
from domain.process.validation.joins import join_problems
from domain.process.validation.nodes import flow_ref_problems, id_problems, node_problems
from domain.process.validation.problems import Problem
from domain.process.validation.salvage import Salvage
from domain.process.validation.variables import (
    default_problems,
    known_variables,
    variable_types,
)


def check(definition: ProcessDefinition, salvage: Salvage | None = None) -> list[Problem]:
    """Semantic checks over a parsed definition (``salvage``: what the elements
    that failed to parse still say, so they do not cause follow-on problems)."""
    salvage = salvage or Salvage()
    problems = id_problems(definition, salvage)
    node_ids = {n.id for n in definition.nodes} | set(salvage.node_types)
    problems += flow_ref_problems(definition, node_ids)
    for node in definition.nodes:
        problems += node_problems(definition, node, salvage)
    known = known_variables(definition) | salvage.variables
    problems += condition_problems(definition, known, variable_types(definition, salvage))
    problems += default_problems(definition)
    problems += reachability_problems(definition, salvage)
    problems += wait_free_loop_problems(definition)
    problems += closed_loop_problems(definition, salvage)
    problems += join_problems(definition, salvage)
    return problems
