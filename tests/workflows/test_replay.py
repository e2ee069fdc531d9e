"""Recorded histories of every stage replay against today's workflow code, so
a nondeterministic change fails CI instead of stranding running candidates."""

import json
from datetime import timedelta
from pathlib import Path

import pytest
from temporalio import workflow
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.worker import Replayer, UnsandboxedWorkflowRunner

from domain.process.stages import STAGE_ORDER
from hireloop.services.replay_check import history_files, load_history, replay_files
from tests.conftest import ROOT

HISTORIES = ROOT / "tests" / "histories"


@pytest.mark.slow
async def test_recorded_histories_replay_cleanly() -> None:
    outcomes = await replay_files([HISTORIES])
    assert {o.workflow_type for o in outcomes} == {"CandidateLifecycle", "AIInterview"}
    assert len(outcomes) >= 8
    failures = [(o.name, o.error) for o in outcomes if o.error]
    assert failures == []


def test_recorded_histories_cover_every_stage() -> None:
    """The lifecycle histories, taken together, pass through all seven stages."""
    seen: set[str] = set()
    for path in history_files([HISTORIES]):
        history = load_history(path)
        last = history.events[-1]
        if not last.HasField("workflow_execution_completed_event_attributes"):
            continue
        payload = last.workflow_execution_completed_event_attributes.result.payloads[0]
        result = json.loads(payload.data)
        if "stages" in result:
            seen.update(result["stages"])
    assert seen == {str(stage) for stage in STAGE_ORDER}


@workflow.defn(name="CandidateLifecycle")
class ChangedLifecycle:
    """A careless edit: the workflow now starts with a timer instead of its activities."""

    @workflow.run
    async def run(self, _: dict) -> None:  # type: ignore[type-arg]
        await workflow.sleep(timedelta(seconds=1))


async def test_a_nondeterministic_change_is_caught() -> None:
    history = load_history(HISTORIES / "lifecycle_hired.json")
    replayer = Replayer(
        workflows=[ChangedLifecycle],
        data_converter=pydantic_data_converter,
        workflow_runner=UnsandboxedWorkflowRunner(),
    )
    result = await replayer.replay_workflow(history, raise_on_replay_failure=False)
    assert result.replay_failure is not None
    assert "nondetermin" in str(result.replay_failure).lower()


def test_missing_history_path_is_a_clear_error(tmp_path: Path) -> None:
    import pytest

    from domain.errors import UserError

    with pytest.raises(UserError, match="no such file"):
        history_files([tmp_path / "nope"])
    with pytest.raises(UserError, match="no history files"):
        history_files([tmp_path])
