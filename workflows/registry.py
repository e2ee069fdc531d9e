"""The workflows a worker runs and the sandbox they run in.

One list, read by the worker and by the replay check, so a workflow that a
worker runs is always one whose recorded histories CI replays.
"""

from temporalio.worker.workflow_sandbox import SandboxedWorkflowRunner, SandboxRestrictions

from workflows.interview import AIInterview
from workflows.lifecycle import CandidateLifecycle
from workflows.screening import ScreeningBatch

WORKFLOWS = [CandidateLifecycle, AIInterview, ScreeningBatch]
PASSTHROUGH = ("domain", "celpy", "lark", "pydantic", "pydantic_core")
"""Pure modules the sandbox may share instead of re-importing per workflow run."""


def sandbox_runner() -> SandboxedWorkflowRunner:
    return SandboxedWorkflowRunner(
        restrictions=SandboxRestrictions.default.with_passthrough_modules(*PASSTHROUGH)
    )
