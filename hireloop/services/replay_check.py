"""Determinism check: replay recorded workflow histories against today's code.

Temporal re-executes workflow code against its history after every worker
restart; if the code no longer makes the same decisions, running candidates
get stuck. Replaying saved histories (and recent ones from the server) in CI
turns such a change into a failed build instead.
"""

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from temporalio.client import Client, WorkflowHistory
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.runtime import Runtime
from temporalio.worker import Replayer

from domain.errors import UserError
from workflows.registry import WORKFLOWS, sandbox_runner


@dataclass(frozen=True)
class ReplayOutcome:
    name: str
    workflow_type: str
    events: int
    error: str | None


def _replayer(runtime: Runtime | None) -> Replayer:
    return Replayer(
        workflows=WORKFLOWS,
        data_converter=pydantic_data_converter,
        workflow_runner=sandbox_runner(),
        runtime=runtime,
    )


def history_files(paths: Iterable[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(path.glob("*.json")))
        elif path.is_file():
            found.append(path)
        else:
            raise UserError(
                f"{path}: no such file or directory (give history JSON files or folders)"
            )
    if not found:
        raise UserError("no history files found (expected *.json exported from Temporal)")
    return found


def load_history(path: Path) -> WorkflowHistory:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UserError(f"{path}: not a readable JSON history ({exc.__class__.__name__})") from None
    return WorkflowHistory.from_json(data.get("workflowId", path.stem), data["history"])


def _workflow_type(history: WorkflowHistory) -> str:
    first = history.events[0]
    return str(first.workflow_execution_started_event_attributes.workflow_type.name)


async def _replay(
    histories: Iterable[tuple[str, WorkflowHistory]], runtime: Runtime | None
) -> list[ReplayOutcome]:
    replayer = _replayer(runtime)
    outcomes: list[ReplayOutcome] = []
    for name, history in histories:
        result = await replayer.replay_workflow(history, raise_on_replay_failure=False)
        error = None if result.replay_failure is None else str(result.replay_failure)
        outcomes.append(ReplayOutcome(name, _workflow_type(history), len(history.events), error))
    return outcomes


async def replay_files(
    paths: Iterable[Path], runtime: Runtime | None = None
) -> list[ReplayOutcome]:
    """Replay history files on ``runtime`` (temporalio's default when None)."""
    files = history_files(paths)
    return await _replay(((str(f), load_history(f)) for f in files), runtime)


async def replay_server(
    client: Client, limit: int, runtime: Runtime | None = None
) -> list[ReplayOutcome]:
    """Replay the most recent hireloop workflows known to the server."""
    query = "WorkflowType = 'CandidateLifecycle' OR WorkflowType = 'AIInterview'"
    histories: list[tuple[str, WorkflowHistory]] = []
    async for execution in client.list_workflows(query, limit=limit):
        handle = client.get_workflow_handle(execution.id, run_id=execution.run_id)
        histories.append((execution.id, await handle.fetch_history()))
    return await _replay(histories, runtime)


def save_history(history: WorkflowHistory, path: Path) -> None:
    """Store a history with its workflow id so it can be replayed later."""
    path.write_text(
        json.dumps(
            {"workflowId": history.workflow_id, "history": json.loads(history.to_json())}, indent=1
        )
    )
