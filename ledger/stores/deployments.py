"""Deployed process definitions, versioned by content so running instances stay pinned.

A version is assigned per distinct source text (``content_hash``), counting
up from 1 per definition id. Redeploying the same file is a no-op that
returns the existing version, so deploy scripts can run on every release.
The compiled form is stored next to the YAML: an instance pinned to version
N gets exactly what was validated at deploy time, even after the validator
or the loader changes.
"""

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from domain.errors import UserError
from domain.process.definition import ProcessDefinition, content_hash
from domain.record.events import as_utc
from ledger.db import reader
from ledger.models import Deployment as DeploymentRow

_ATTEMPTS = 5
_HOW_TO_DEPLOY = "deploy it with `hireloop definitions deploy FILE`"


@dataclass(frozen=True)
class Deployment:
    definition_id: str
    version: int
    content_hash: str
    created: bool


@dataclass(frozen=True)
class DeploymentInfo:
    definition_id: str
    version: int
    content_hash: str
    deployed_at: datetime
    nodes: int


class DefinitionRegistry:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._reader = reader(engine)

    def deploy(self, definition: ProcessDefinition, source: str) -> Deployment:
        """Store a validated definition; identical source returns the existing version."""
        for _ in range(_ATTEMPTS - 1):
            try:
                return self._deploy_once(definition, source)
            except IntegrityError:  # a concurrent deploy took the version number
                continue
        return self._deploy_once(definition, source)

    def _deploy_once(self, definition: ProcessDefinition, source: str) -> Deployment:
        digest = content_hash(source)
        with Session(self._engine) as session, session.begin():
            existing = session.scalar(
                sa.select(DeploymentRow.version).where(
                    DeploymentRow.definition_id == definition.id,
                    DeploymentRow.content_hash == digest,
                )
            )
            if existing is not None:
                return Deployment(definition.id, existing, digest, created=False)
            last = session.scalar(
                sa.select(sa.func.max(DeploymentRow.version)).where(
                    DeploymentRow.definition_id == definition.id
                )
            )
            version = (last or 0) + 1
            session.add(
                DeploymentRow(
                    definition_id=definition.id,
                    version=version,
                    content_hash=digest,
                    source=source,
                    compiled=definition.model_dump(mode="json", by_alias=True),
                )
            )
        return Deployment(definition.id, version, digest, created=True)

    def latest(self, definition_id: str) -> ProcessDefinition:
        """The newest version: what new instances start on."""
        return _compiled(self._row(definition_id, None))

    def get(self, definition_id: str, version: int) -> ProcessDefinition:
        """A pinned version: what a running instance keeps using."""
        return _compiled(self._row(definition_id, version))

    def source(self, definition_id: str, version: int | None = None) -> str:
        """The YAML as deployed (the newest version unless one is named)."""
        return self._row(definition_id, version).source

    def _row(self, definition_id: str, version: int | None) -> DeploymentRow:
        query = sa.select(DeploymentRow).where(DeploymentRow.definition_id == definition_id)
        if version is None:
            query = query.order_by(DeploymentRow.version.desc()).limit(1)
        else:
            query = query.where(DeploymentRow.version == version)
        with Session(self._reader) as session:
            row = session.scalar(query)
            if row is not None:
                return row
            versions = list(
                session.scalars(
                    sa.select(DeploymentRow.version)
                    .where(DeploymentRow.definition_id == definition_id)
                    .order_by(DeploymentRow.version)
                )
            )
        if not versions:
            raise UserError(f"definition '{definition_id}' is not deployed; {_HOW_TO_DEPLOY}")
        known = ", ".join(str(v) for v in versions)
        raise UserError(
            f"definition '{definition_id}' has no version {version} (deployed versions: {known})"
        )

    def list(self) -> list[DeploymentInfo]:
        """Every deployed version, by id then version."""
        query = sa.select(DeploymentRow).order_by(
            DeploymentRow.definition_id, DeploymentRow.version
        )
        with Session(self._reader) as session:
            return [
                DeploymentInfo(
                    definition_id=row.definition_id,
                    version=row.version,
                    content_hash=row.content_hash,
                    deployed_at=as_utc(row.deployed_at),
                    nodes=len(row.compiled["nodes"]),
                )
                for row in session.scalars(query)
            ]


def _compiled(row: DeploymentRow) -> ProcessDefinition:
    definition = ProcessDefinition.model_validate(row.compiled)
    return definition.model_copy(update={"version": row.version})
