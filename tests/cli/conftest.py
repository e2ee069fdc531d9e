"""CLI fixtures: the real ``hireloop`` group against a fresh SQLite ledger per test."""

from pathlib import Path

import pytest

from tests.cli.cli_harness import Cli


@pytest.fixture
def bare_cli(tmp_path: Path) -> Cli:
    """A CLI whose ledger has not been migrated yet."""
    url = f"sqlite:///{tmp_path / 'ledger' / 'ledger.db'}"
    env = {
        "HIRELOOP_DATA_DIR": str(tmp_path / "data"),
        "HIRELOOP_LEDGER_URL": url,
        "COLUMNS": "250",  # rich tables: no wrapping inside the asserted text
    }
    return Cli(url, env)


@pytest.fixture
def cli(bare_cli: Cli) -> Cli:
    result = bare_cli("db", "upgrade")
    assert result.exit_code == 0, result.output
    return bare_cli
