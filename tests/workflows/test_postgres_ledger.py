"""The same lifecycle with the ledger on PostgreSQL (the production set-up):
paths finish, folds equal live states, chains verify."""

import asyncio
from pathlib import Path

from temporalio.testing import WorkflowEnvironment

from domain.record.state import fold
from ledger.event_store import EventStore
from tests.conftest import _stack, postgres_database
from tests.workflows.driver import (
    HAPPY,
    STRONG_ANSWERS,
    STRONG_RESUME,
    WEAK_ANSWERS,
    WEAK_RESUME,
    run_candidate,
)


async def test_lifecycles_on_postgres(dev_env: WorkflowEnvironment, tmp_path: Path) -> None:
    with postgres_database() as url:
        async for stack in _stack(dev_env, tmp_path, ledger_url=url):
            assert stack.engine.dialect.name == "postgresql"
            runs = await asyncio.gather(
                run_candidate(stack, WEAK_RESUME, HAPPY, None),
                run_candidate(stack, STRONG_RESUME, HAPPY, WEAK_ANSWERS),
                run_candidate(
                    stack,
                    STRONG_RESUME,
                    {**HAPPY, "offer_response": {"offer_accepted": False}},
                    STRONG_ANSWERS,
                ),
            )
            assert [r.result.outcome for r in runs] == [
                "talent_pool",
                "talent_pool",
                "offer_declined",
            ]
            store = EventStore(stack.engine)
            for run in runs:
                assert fold(run.candidate_id, store.stream(run.candidate_id)) == run.live
            assert store.verify() == []
