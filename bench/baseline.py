"""The baseline of the lifecycle benchmark: a bare Temporal workflow that runs
a given number of no-op activities (and the same probation timer), hosted by
a worker configured like ours (sync activities in a thread pool).

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


async def serve() -> None:
    client = await Client.connect(os.environ["HIRELOOP_TEMPORAL_ADDRESS"])
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    with ThreadPoolExecutor(max_workers=32) as executor:
        async with Worker(
            client,
            task_queue=os.environ["HIRELOOP_TASK_QUEUE"],
            workflows=[NoopChain],
            activities=[noop],
            activity_executor=executor,
            max_concurrent_activities=32,
        ):
            await stop.wait()


if __name__ == "__main__":
    asyncio.run(serve())
