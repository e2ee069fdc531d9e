"""The schema exists only through migrations, and they match the models exactly."""

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from ledger.db import engine_for
from ledger.models import Base
from migrations.runner import alembic_config, current_revision, head_revision, upgrade


def test_migrations_match_the_models(db_url: str) -> None:
    with engine_for(db_url).connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []


def test_upgrade_is_repeatable_and_reaches_head(db_url: str) -> None:
    upgrade(db_url)
    assert current_revision(db_url) == head_revision() == "0004"


def test_a_fresh_sqlite_file_has_no_revision_until_upgraded(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'nested' / 'ledger.db'}"
    assert current_revision(url) is None
    upgrade(url)
    assert current_revision(url) == "0004"
    engine_for(url).dispose()


def test_the_start_up_revision_check_agrees_with_alembic(db_url: str) -> None:
    """Commands check the revisions without importing Alembic; Alembic must agree."""
    upgrade(db_url)
    with engine_for(db_url).connect() as connection:
        at = MigrationContext.configure(connection).get_current_revision()
    assert current_revision(db_url) == at
    assert head_revision() == ScriptDirectory.from_config(alembic_config()).get_current_head()
