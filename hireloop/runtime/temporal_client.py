"""Connecting to Temporal the same way everywhere: pydantic payloads, tracing;
and a Temporal runtime that a command stops before the process exits.

Why the last: temporalio's default runtime is a module global, so the Tokio
threads of its Rust core outlive the command and are still running while the
interpreter shuts down. A thread that calls back into Python at that moment
(handing over an RPC's result, say) is killed by the finalizing interpreter
and takes the process with it: "Fatal Python error: PyGILState_Release:
thread state ... must be current when releasing", exit code -6, a few times
in a hundred ``hireloop tasks complete``. A runtime of the command's own,
stopped while Python is fully alive, joins those threads before exit.
"""

import asyncio
import gc
import traceback
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.runtime import Runtime, TelemetryConfig

from hireloop.runtime import tracing
from hireloop.runtime.settings import Settings

T = TypeVar("T")


async def connect(settings: Settings, runtime: Runtime | None = None) -> Client:
    """A client on ``runtime`` (temporalio's default runtime when None)."""
    return await Client.connect(
        settings.temporal_address,
        namespace=settings.namespace,
        data_converter=pydantic_data_converter,
        interceptors=[tracing.interceptor()],
        runtime=runtime,
    )


def run_in_runtime(work: Callable[[Runtime], Coroutine[Any, Any, T]]) -> T:
    """Run ``work`` in a fresh event loop with a Temporal runtime of its own
    (for its clients and replayers), and stop that runtime before returning
    or raising. Every Temporal-using command runs through this."""
    runtime = Runtime(telemetry=TelemetryConfig())
    try:
        return asyncio.run(work(runtime))
    except BaseException as exc:
        # The traceback's frames hold the client, and the client the runtime:
        # forget their variables (the traceback still prints) so it can stop.
        _clear_frames(exc)
        raise
    finally:
        # The runtime stops when its last reference goes; clients and tasks
        # sit in reference cycles, so collect them now, not at interpreter exit.
        del runtime
        gc.collect()


def _clear_frames(exc: BaseException) -> None:
    seen: set[int] = set()
    pending: list[BaseException | None] = [exc]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if current.__traceback__ is not None:
            traceback.clear_frames(current.__traceback__)
        pending += [current.__cause__, current.__context__]
