"""Batch-screening fixtures: one seeded corpus of real resume files (PDF, DOCX,
TXT, MD in English and Chinese, plus unreadable ones) per session, and
requisitions chosen so every outcome occurs in a batch of sixty."""

from pathlib import Path

import pytest

from definitions.requisition_loader import load_requisition_file
from domain.screening.requisition import Requisition
from simulation.resume_corpus import CorpusEntry, generate
from tests.cli.cli_harness import Cli
from tests.conftest import ROOT

SEED = 4242
RESUMES, BROKEN = 50, 10
SAMPLE = ROOT / "definitions" / "requisitions" / "credit_risk_analyst.yaml"


def requisition(**changes: object) -> Requisition:
    """The sample credit-risk requisition; keyword arguments replace fields.
    By default the talent pool keeps the top half, so a small batch has
    applicants between the pool line and the pass line."""
    data = load_requisition_file(SAMPLE).model_dump()
    data.update({"id": "credit-risk-test", "talent_pool_percentile": 50, **changes})
    return Requisition.model_validate(data)


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[CorpusEntry]]:
    """Sixty files: fifty resumes and ten unreadable (encrypted, corrupt, empty,
    image-only, oversized, ...); the generator's truth file is not part of it."""
    folder = tmp_path_factory.mktemp("applicants")
    entries = generate(folder, RESUMES, SEED, broken=BROKEN)
    (folder / "manifest.jsonl").unlink()
    return folder, entries


@pytest.fixture
def bare_cli(tmp_path: Path) -> Cli:
    """The CLI against a ledger that has not been migrated."""
    url = f"sqlite:///{tmp_path / 'ledger' / 'ledger.db'}"
    env = {"HIRELOOP_DATA_DIR": str(tmp_path / "data"), "HIRELOOP_LEDGER_URL": url}
    return Cli(url, {**env, "HIRELOOP_TRACING": "none", "COLUMNS": "250"})


@pytest.fixture
def cli(bare_cli: Cli) -> Cli:
    result = bare_cli("db", "upgrade")
    assert result.exit_code == 0, result.output
    return bare_cli
