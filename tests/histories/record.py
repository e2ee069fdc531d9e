"""Record fresh workflow histories for the replay check (``make histories``).

Runs one candidate down each path that matters on a throwaway dev server and
saves the lifecycle's and the interview's histories here. Re-record only
when a workflow change is *meant* to be incompatible (and then version it:
running instances replay the old histories).
"""

import asyncio
import tempfile
from pathlib import Path

from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment

from domain.record.messages import workflow_id
from hireloop.services.replay_check import save_history
from ledger.event_store import EventStore
from simulation.speech import speak
from tests.conftest import _stack, binary
from tests.workflows.driver import (
    HAPPY,
    STRONG_ANSWERS,
    STRONG_RESUME,
    WEAK_ANSWERS,
    WEAK_RESUME,
    Interviewee,
    run_candidate,
)

HERE = Path(__file__).resolve().parent

PATHS = {
    "hired": dict(resume=STRONG_RESUME, script=HAPPY, answers=STRONG_ANSWERS),
    "screening_talent_pool": dict(resume=WEAK_RESUME, script=HAPPY, answers=None),
    "manual_review_rejected": dict(resume=b"", script=HAPPY, answers=None),
    "ai_interview_talent_pool": dict(resume=STRONG_RESUME, script=HAPPY, answers=WEAK_ANSWERS),
    "offer_declined": dict(
        resume=STRONG_RESUME,
        script={**HAPPY, "offer_response": {"offer_accepted": False}},
        answers=STRONG_ANSWERS,
    ),
    "hired_continued_as_new": dict(
        resume=STRONG_RESUME, script=HAPPY, answers=STRONG_ANSWERS, continue_as_new_after=60
    ),
    "spoken_interview_hired": dict(
        resume=STRONG_RESUME, script=HAPPY, answers=Interviewee(STRONG_ANSWERS, speak=speak)
    ),
    "ai_scoring_refused_reviewed": dict(
        resume=STRONG_RESUME, script=HAPPY, answers=Interviewee(STRONG_ANSWERS, ai_scoring=False)
    ),
}


async def record() -> None:
    env = await WorkflowEnvironment.start_local(
        dev_server_existing_path=binary("temporal"), data_converter=pydantic_data_converter
    )
    try:
        with tempfile.TemporaryDirectory() as tmp:
            async for stack in _stack(env, Path(tmp)):
                for name, spec in PATHS.items():
                    extra = (
                        {"continue_as_new_after": spec["continue_as_new_after"]}
                        if "continue_as_new_after" in spec
                        else {}
                    )
                    run = await run_candidate(
                        stack, spec["resume"], spec["script"], spec["answers"], **extra
                    )  # type: ignore[arg-type]
                    handle = stack.client.get_workflow_handle(workflow_id(run.candidate_id))
                    save_history(await handle.fetch_history(), HERE / f"lifecycle_{name}.json")
                    children = {
                        e.workflow_id
                        for e in EventStore(stack.engine).stream(run.candidate_id)
                        if e.type == "interview.invited"
                    }
                    for child in sorted(children):
                        history = await stack.client.get_workflow_handle(child).fetch_history()
                        save_history(history, HERE / f"interview_{name}.json")
                    print(f"recorded {name}: {run.result.outcome}")
    finally:
        await env.shutdown()


if __name__ == "__main__":
    asyncio.run(record())
