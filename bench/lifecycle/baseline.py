"""The lifecycle benchmark's baselines: Temporal doing what a lifecycle asks
of it, and nothing of hireloop's.

``NoopScript`` follows a script (``bench.lifecycle.plan``): a no-op activity
per ``a``, a timer per ``t<seconds>``, a timer cancelled at the next Update
per ``d<seconds>`` (a task's deadline), a wait for one Update per ``u``, and
the script's child (another ``NoopScript``) per ``c``. Fed the lifecycle's
own script it is the *same-shape* baseline; fed the script flattened to its
activities and timers it is the *bare* baseline (the issue's: the same
activities and timers in one workflow).

An Update is accepted only while the workflow waits for one, as a human step
is: sent early, it waits, so the driver cannot run ahead of the workflow.

``python -m bench.lifecycle.baseline`` runs the worker that hosts them,
configured like hireloop's (sync activities in a 32-thread pool, its own
process); ``HIRELOOP_TEMPORAL_ADDRESS`` and ``HIRELOOP_TASK_QUEUE`` say where.
"""

import asyncio
import os
import signal
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta

from temporalio import activity, workflow
from temporalio.client import Client
from temporalio.worker import Worker


@dataclass
class ScriptInput:
    steps: str
    """Space-separated steps: ``a``, ``t<seconds>``, ``u``, ``c``."""
    child: str = ""


@activity.defn
def noop(step: int) -> int:
    return step


@workflow.defn
class NoopScript:
    def __init__(self) -> None:
        self.steps = 0
        self.waiting = False

    @workflow.update
    async def step(self) -> int:
        await workflow.wait_condition(lambda: self.waiting)
        self.waiting = False
        self.steps += 1
        return self.steps

    @workflow.run
    async def run(self, inp: ScriptInput) -> int:
        done = 0
        deadlines: list[asyncio.Task[None]] = []
        for step in inp.steps.split():
            if step == "a":
                await workflow.execute_activity(
                    noop, done, start_to_close_timeout=timedelta(seconds=30)
                )
                done += 1
            elif step.startswith("t"):
                await workflow.sleep(timedelta(seconds=float(step[1:])))
            elif step.startswith("d"):
                deadlines.append(
                    asyncio.create_task(workflow.sleep(timedelta(seconds=float(step[1:]))))
                )
            elif step == "u":
                await self._answered(self.steps + 1)
                for deadline in deadlines:
                    deadline.cancel()
                deadlines.clear()
            elif step == "c":
                await workflow.execute_child_workflow(
                    NoopScript.run,
                    ScriptInput(inp.child),
                    id=child_id(workflow.info().workflow_id),
                )
            else:
                raise ValueError(f"unknown script step {step!r}")
        for deadline in deadlines:
            deadline.cancel()
        return done

    async def _answered(self, steps: int) -> None:
        """Wait, open to one Update, until ``steps`` have been answered."""
        self.waiting = True
        await workflow.wait_condition(lambda: self.steps >= steps)


def child_id(parent_id: str) -> str:
    return f"{parent_id}/child"


async def serve() -> None:
    client = await Client.connect(os.environ["HIRELOOP_TEMPORAL_ADDRESS"])
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    with ThreadPoolExecutor(max_workers=32) as executor:
        async with Worker(
            client,
            task_queue=os.environ["HIRELOOP_TASK_QUEUE"],
            workflows=[NoopScript],
            activities=[noop],
            activity_executor=executor,
            max_concurrent_activities=32,
        ):
            await stop.wait()


if __name__ == "__main__":
    asyncio.run(serve())
