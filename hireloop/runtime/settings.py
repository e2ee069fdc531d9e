"""One settings model for every entry point, read from ``HIRELOOP_*`` variables.

The defaults are the embedded stack (local dev server, SQLite under the data
directory); pointing them at a Temporal cluster and PostgreSQL is how a
deployment scales out.
"""

import os
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="HIRELOOP_", frozen=True)

    temporal_address: str = "localhost:7233"
    namespace: str = "default"
    task_queue: str = "hireloop"
    data_dir: Path = Path(".hireloop")
    ledger_url: str = ""
    whisper_model: str = ""
    speech_slots: int = Field(default_factory=lambda: os.cpu_count() or 1, ge=1, le=64)
    """Answers one worker transcribes at once (a Whisper copy and a core each)."""
    workflow_cache: int = Field(default=1000, ge=2)
    """Workflows a worker keeps in memory between tasks (Temporal's
    ``max_cached_workflows``); fewer bounds memory when tens of thousands run
    at once (batch screening's lifecycles), at the cost of replays."""
    scoring_models: Path = Path(__file__).resolve().parents[2] / "models"
    public_url: str = "http://localhost:8080"
    tracing: Literal["console", "otlp", "none"] = "console"
    otlp_endpoint: str = "http://localhost:4317"

    @cached_property
    def whisper_checkpoint(self) -> str:
        """A checkpoint path or a whisper model name; by default the tiny.en
        checkpoint that `hireloop models import-whisper-ct2` writes."""
        return self.whisper_model or str(
            (self.data_dir / "models" / "whisper-tiny.en.pt").resolve()
        )

    @property
    def blob_dir(self) -> Path:
        """Answer recordings, content-addressed (see ``ledger.blobs``)."""
        return self.data_dir / "blobs"

    @cached_property
    def database_url(self) -> str:
        """The ledger URL; SQLite in the data directory unless set."""
        if self.ledger_url:
            return self.ledger_url
        return f"sqlite:///{(self.data_dir / 'ledger.db').resolve()}"
