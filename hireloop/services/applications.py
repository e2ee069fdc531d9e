"""The service layer for applications: start a lifecycle, act on its steps.

PII goes to the subject vault first; Temporal only ever sees the
pseudonymous candidate id, so workflow ids and histories carry no PII.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import Engine
from temporalio.client import Client, WorkflowUpdateFailedError
from temporalio.service import RPCError, RPCStatusCode

from domain.errors import UserError
from domain.record.events import Actor
from domain.record.messages import LifecycleInput, TaskCompletion, TaskReceipt, workflow_id
from ledger.stores.deployments import DefinitionRegistry
from ledger.vault import SubjectVault
from workflows.lifecycle import CandidateLifecycle


class Applicant(BaseModel):
    """What arrives with an application; everything here but ``variables`` is PII."""

    name: str
    email: str | None = None
    phone: str | None = None
    national_id: str | None = None
    resume: bytes = b""
    variables: dict[str, Any] = Field(default_factory=dict)


async def start_application(
    client: Client,
    engine: Engine,
    task_queue: str,
    definition_id: str,
    applicant: Applicant,
    *,
    time_scale: float = 1.0,
    continue_as_new_after: int = 4000,
) -> str:
    """Register the subject, store the resume, start the lifecycle on the latest version."""
    definition = DefinitionRegistry(engine).latest(definition_id)
    vault = SubjectVault(engine)
    candidate_id = vault.register(
        applicant.name, applicant.email, applicant.phone, applicant.national_id
    )
    vault.store_document(candidate_id, "resume", applicant.resume, "text/plain")
    await client.start_workflow(
        CandidateLifecycle.run,
        LifecycleInput(
            candidate_id=candidate_id,
            definition=definition,
            variables=applicant.variables,
            time_scale=time_scale,
            continue_as_new_after=continue_as_new_after,
        ),
        id=workflow_id(candidate_id),
        task_queue=task_queue,
    )
    return candidate_id


def _rejection(exc: WorkflowUpdateFailedError | RPCError) -> UserError:
    """The validator's message, which says what was wrong (no PII in it)."""
    if isinstance(exc, RPCError):
        return UserError("that process has ended or does not exist; check the candidate id")
    cause = exc.cause
    return UserError(str(getattr(cause, "message", None) or cause or exc))


@asynccontextmanager
async def human_update() -> AsyncIterator[None]:
    """A rejected Update, or one sent to a closed workflow, is the person's
    mistake (``UserError``); other RPC errors may be transient and propagate."""
    try:
        yield
    except WorkflowUpdateFailedError as exc:
        raise _rejection(exc) from None
    except RPCError as exc:
        if exc.status == RPCStatusCode.NOT_FOUND:
            raise _rejection(exc) from None
        raise


async def complete_task(
    client: Client, candidate_id: str, node: str, actor: Actor, values: dict[str, Any]
) -> TaskReceipt:
    handle = client.get_workflow_handle(workflow_id(candidate_id))
    async with human_update():
        return await handle.execute_update(
            CandidateLifecycle.complete_task,
            TaskCompletion(node=node, actor=actor, values=values),
        )
