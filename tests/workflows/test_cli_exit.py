"""Commands that talk to Temporal exit cleanly, every time.

``hireloop tasks complete`` once died at exit with "Fatal Python error:
PyGILState_Release ... finalizing" (SIGABRT, 2 runs in 60 here): the Tokio
threads of temporalio's default runtime were still running while the
interpreter shut down. Each command now stops a runtime of its own first.
"""

import asyncio
import functools
import os
import signal
import sys
import textwrap
from asyncio.subprocess import PIPE
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from temporalio.testing import WorkflowEnvironment

from ledger.stores.interviews import InterviewLinks
from tests.conftest import ROOT, Stack
from tests.workflows.driver import HIRELOOP, CliResult, cli, eventually, start, wait_for_task

RUNS = 20

# Run in a fresh interpreter: after ``run_in_runtime`` returns or raises, no
# thread of a Temporal runtime may be left (the test process has its own).
LEFT_BEHIND = textwrap.dedent(
    """
    import os, sys
    from domain.errors import UserError
    from hireloop.runtime.settings import Settings
    from hireloop.runtime.temporal_client import connect, run_in_runtime

    settings = Settings(temporal_address=sys.argv[1], tracing="none")

    async def count(runtime):
        return (await (await connect(settings, runtime)).count_workflows()).count

    async def refused(runtime):
        client = await connect(settings, runtime)
        try:
            await client.get_workflow_handle("no-such-workflow").describe()
        except Exception:
            raise UserError("no such workflow") from None

    def runtime_threads():
        names = [open(f"/proc/self/task/{t}/comm").read() for t in os.listdir("/proc/self/task")]
        return sum(name.startswith("tokio") for name in names)

    assert run_in_runtime(count) >= 0
    print("after a result:", runtime_threads())
    try:
        run_in_runtime(refused)
    except UserError:
        print("after an error:", runtime_threads())
    """
)


async def test_a_command_stops_its_temporal_runtime_before_it_exits(
    dev_env: WorkflowEnvironment,
) -> None:
    address = dev_env.client.service_client.config.target_host
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", LEFT_BEHIND, address, cwd=ROOT, stdout=PIPE, stderr=PIPE
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode == 0, err.decode()
    assert out.decode().splitlines() == ["after a result: 0", "after an error: 0"]


async def _worker_until_polling(stack: Stack, data_dir: Path) -> CliResult:
    """``hireloop worker`` from start to Ctrl-C (SIGTERM), on a queue of its own
    and without Whisper models (nothing to warm: the cheap variant)."""
    env = {
        **os.environ,
        "HIRELOOP_TEMPORAL_ADDRESS": stack.client.service_client.config.target_host,
        "HIRELOOP_LEDGER_URL": stack.settings.database_url,
        "HIRELOOP_TASK_QUEUE": f"{stack.settings.task_queue}-exit",
        "HIRELOOP_DATA_DIR": str(data_dir),
        "HIRELOOP_TRACING": "none",
    }
    process = await asyncio.create_subprocess_exec(
        HIRELOOP, "worker", env=env, stdout=PIPE, stderr=PIPE
    )
    assert process.stderr is not None
    log = b""
    while b"worker polling" not in log:
        line = await asyncio.wait_for(process.stderr.readline(), timeout=60)
        assert line, f"the worker stopped before polling:\n{log.decode()}"
        log += line
    process.send_signal(signal.SIGTERM)
    out, err = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode is not None
    return CliResult(process.returncode, out.decode(), (log + err).decode())


async def _in_a_row(runs: list[Callable[[], Awaitable[CliResult]]]) -> list[CliResult]:
    return [await run() for run in runs]


@pytest.mark.slow
async def test_every_temporal_command_exits_cleanly_twenty_times_in_a_row(
    stack: Stack, tmp_path: Path
) -> None:
    reviews = [await start(stack, resume=b"") for _ in range(RUNS)]  # unreadable: a recruiter
    interviewed = await start(stack)
    for cid in reviews:
        await wait_for_task(stack, cid, "manual_resume_review")
    await eventually(lambda: InterviewLinks(stack.engine).latest_for(interviewed) is not None)

    def command(*args: str) -> Callable[[], Awaitable[CliResult]]:
        return functools.partial(cli, stack, *args)

    reviewer = ("--user", "u-recruiter-1", "--role", "recruiter")
    commands: dict[str, list[Callable[[], Awaitable[CliResult]]]] = {
        "tasks complete": [  # a fresh step each time
            command(
                "tasks",
                "complete",
                cid,
                "manual_resume_review",
                *reviewer,
                "--set",
                "manual_decision=reject",
            )
            for cid in reviews
        ],
        "interview status": [command("interview", "status", interviewed, "--json")] * RUNS,
        "replay-check --from-server": [command("replay-check", "--from-server", "--limit", "1")]
        * RUNS,
        "worker": [functools.partial(_worker_until_polling, stack, tmp_path)] * RUNS,
    }
    # The commands side by side, each one's runs one after another.
    results = await asyncio.gather(*(_in_a_row(runs) for runs in commands.values()))

    for name, runs in zip(commands, results, strict=True):
        failed = [(r.returncode, r.stderr[-300:]) for r in runs if r.returncode != 0]
        assert failed == [], f"{name}: {len(failed)} of {RUNS} runs failed"
        assert not any("Fatal Python error" in r.stderr for r in runs), name
