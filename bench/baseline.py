"""The baselines of the lifecycle benchmark, hosted by a worker configured like
ours (sync activities in a thread pool, its own process):

* ``NoopChain``: a bare workflow that runs a given number of no-op
  activities and one timer (the issue's baseline);
* ``NoopShape``: the same activities spread over a parent and a child
  workflow, with the same number of Updates as the lifecycle's human steps,
  i.e. Temporal doing everything the lifecycle asks of it and nothing else.

``python bench/baseline.py`` runs that worker; ``bench/lifecycle.py`` starts it.
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
class ChainInput:
    activities: int
    sleep_after: int
    sleep_seconds: float


@dataclass
class ShapeInput:
    activities: int
    child_activities: int
    updates: int
    sleep_seconds: float


@activity.defn
def noop(step: int) -> int:
    return step


@workflow.defn
class NoopChain:
    @workflow.run
    async def run(self, inp: ChainInput) -> int:
        for step in range(inp.activities):
            if step == inp.sleep_after and inp.sleep_seconds > 0:
                await workflow.sleep(timedelta(seconds=inp.sleep_seconds))
            await workflow.execute_activity(
                noop, step, start_to_close_timeout=timedelta(seconds=30)
            )
        return inp.activities


@workflow.defn
class NoopChild:
    @workflow.run
    async def run(self, activities: int) -> int:
        for step in range(activities):
            await workflow.execute_activity(
                noop, step, start_to_close_timeout=timedelta(seconds=30)
            )
        return activities


@workflow.defn
class NoopShape:
    def __init__(self) -> None:
        self.steps = 0

    @workflow.update
    async def step(self) -> int:
        self.steps += 1
        return self.steps

    @workflow.run
    async def run(self, inp: ShapeInput) -> int:
        per_update = inp.activities // (inp.updates + 1)
        done = 0
        for update in range(inp.updates):
            for _ in range(per_update):
                await workflow.execute_activity(
                    noop, done, start_to_close_timeout=timedelta(seconds=30)
                )
                done += 1
            await workflow.wait_condition(lambda u=update: self.steps > u)  # type: ignore[misc]
            if update == inp.updates // 2:
                await workflow.execute_child_workflow(
                    NoopChild.run, inp.child_activities, id=f"{workflow.info().workflow_id}/child"
                )
        await workflow.sleep(timedelta(seconds=inp.sleep_seconds))
        for _ in range(inp.activities - done):
            await workflow.execute_activity(
                noop, done, start_to_close_timeout=timedelta(seconds=30)
            )
            done += 1
        return done


async def serve() -> None:
    client = await Client.connect(os.environ["HIRELOOP_TEMPORAL_ADDRESS"])
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    with ThreadPoolExecutor(max_workers=32) as executor:
        async with Worker(
            client,
            task_queue=os.environ["HIRELOOP_TASK_QUEUE"],
            workflows=[NoopChain, NoopShape, NoopChild],
            activities=[noop],
            activity_executor=executor,
            max_concurrent_activities=32,
        ):
            await stop.wait()


if __name__ == "__main__":
    asyncio.run(serve())
