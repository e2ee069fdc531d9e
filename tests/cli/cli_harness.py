"""The CLI under test, pointed at one test's own ledger (imported by conftest and tests)."""

from dataclasses import dataclass

from click.testing import CliRunner, Result

from hireloop.cli import main


@dataclass
class Cli:
    """Runs ``hireloop ...`` with settings pointing into the test's tmp directory."""

    url: str
    env: dict[str, str]

    def __call__(self, *args: str) -> Result:
        return CliRunner().invoke(main, list(args), env=self.env, catch_exceptions=False)
