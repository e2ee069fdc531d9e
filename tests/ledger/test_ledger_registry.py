"""Definition deployments: versions per content, pinned versions stay readable."""

import pytest
from sqlalchemy.engine import Engine

from definitions.loader import BUILTIN_DIR, parse_text
from domain.errors import UserError
from domain.process.definition import content_hash
from ledger.stores.deployments import DefinitionRegistry

SOURCE = (BUILTIN_DIR / "campus_hire.yaml").read_text(encoding="utf-8")
CHANGED = SOURCE.replace("name: Campus hire (graduate programme)", "name: Campus hire 2026")


def test_same_content_same_version_changed_content_next_version(engine: Engine) -> None:
    registry = DefinitionRegistry(engine)
    first = registry.deploy(parse_text(SOURCE), SOURCE)
    again = registry.deploy(parse_text(SOURCE), SOURCE)
    second = registry.deploy(parse_text(CHANGED), CHANGED)

    assert (first.version, first.created, first.content_hash) == (1, True, content_hash(SOURCE))
    assert (again.version, again.created) == (1, False)
    assert (second.version, second.created) == (2, True)


def test_latest_moves_on_while_pinned_versions_stay(engine: Engine) -> None:
    registry = DefinitionRegistry(engine)
    registry.deploy(parse_text(SOURCE), SOURCE)
    registry.deploy(parse_text(CHANGED), CHANGED)

    latest, pinned = registry.latest("campus_hire"), registry.get("campus_hire", 1)
    assert (latest.version, latest.name) == (2, "Campus hire 2026")
    assert (pinned.version, pinned.name) == (1, "Campus hire (graduate programme)")
    assert pinned.model_copy(update={"version": 0}) == parse_text(SOURCE)
    assert registry.source("campus_hire", 1) == SOURCE
    assert registry.source("campus_hire") == CHANGED


def test_list_describes_every_version(engine: Engine) -> None:
    registry = DefinitionRegistry(engine)
    registry.deploy(parse_text(SOURCE), SOURCE)
    registry.deploy(parse_text(CHANGED), CHANGED)

    infos = registry.list()
    assert [(i.definition_id, i.version) for i in infos] == [("campus_hire", 1), ("campus_hire", 2)]
    assert infos[0].nodes == len(parse_text(SOURCE).nodes)
    assert infos[0].deployed_at.tzinfo is not None


def test_unknown_definition_or_version_says_how_to_fix(engine: Engine) -> None:
    registry = DefinitionRegistry(engine)
    with pytest.raises(UserError, match="hireloop definitions deploy FILE"):
        registry.latest("campus_hire")
    registry.deploy(parse_text(SOURCE), SOURCE)
    with pytest.raises(UserError, match=r"no version 7 \(deployed versions: 1\)"):
        registry.get("campus_hire", 7)
