"""What the benchmarks share: their own stack, process-tree meters, printing.

Every benchmark runs its own Temporal dev server (headless, SQLite in WAL
mode like the product's embedded stack, on a free port) and its own worker
processes, so several benchmarks (and other people's dev servers) can share
the machine. The meters read ``/proc`` (Linux) over a process and all its
descendants, because a worker or server that forks a helper must still be
charged for it.

The machine these run on is shared, so figures are only comparable inside
one run: each benchmark prints, at its end, a ``compare across runs`` block
with the ratios (against a baseline measured in the same run) that are
meant to agree from one run to the next, and the load average it saw.
"""

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from temporalio.api.enums.v1 import TaskQueueType
from temporalio.api.taskqueue.v1 import TaskQueue
from temporalio.api.workflowservice.v1 import DescribeTaskQueueRequest
from temporalio.client import Client

from hireloop.runtime.settings import Settings
from hireloop.runtime.stack import SERVER_PRAGMAS, temporal_binary
from hireloop.runtime.temporal_client import connect

ROOT = Path(__file__).resolve().parent.parent
MIB = 2**20
_TICK = os.sysconf("SC_CLK_TCK")
_PAGE = os.sysconf("SC_PAGE_SIZE")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def bench_settings(data_dir: Path, task_queue: str, **values: Any) -> Settings:
    """Settings for a benchmark's own stack: a free port, no tracing exporter."""
    return Settings(
        data_dir=data_dir,
        temporal_address=f"127.0.0.1:{free_port()}",
        task_queue=task_queue,
        tracing="none",
        **values,
    )


# ---- process trees (/proc) -----------------------------------------------------


def _processes() -> dict[int, tuple[int, float]]:
    """Every live process: its parent pid, and the CPU seconds of the process
    plus its reaped children (utime, stime, cutime, cstime)."""
    found: dict[int, tuple[int, float]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            text = Path(entry.path, "stat").read_text()
        except OSError:
            continue  # gone since the listing
        fields = text.rsplit(")", 1)[1].split()
        found[int(entry.name)] = (int(fields[1]), sum(int(f) for f in fields[11:15]) / _TICK)
    return found


def _trees(roots: Mapping[str, int]) -> tuple[dict[int, tuple[int, float]], dict[str, list[int]]]:
    """One /proc snapshot, and each root with its live descendants, except
    the other roots' trees: the benchmark process is the parent of the
    servers and workers it starts, and must not be charged for them."""
    processes = _processes()
    children: dict[int, list[int]] = {}
    for pid, (parent, _) in processes.items():
        children.setdefault(parent, []).append(pid)
    others = set(roots.values())
    trees: dict[str, list[int]] = {}
    for name, root in roots.items():
        tree, todo = [], [root] if root in processes else []
        while todo:
            pid = todo.pop()
            tree.append(pid)
            todo += [child for child in children.get(pid, []) if child not in others]
        trees[name] = tree
    return processes, trees


def tree_cpu_seconds(roots: Mapping[str, int]) -> dict[str, float]:
    """CPU seconds of each process tree. A helper that exits is reaped into its
    parent's counters, so it is still charged to the tree."""
    processes, trees = _trees(roots)
    return {name: sum(processes[pid][1] for pid in tree) for name, tree in trees.items()}


def rss_bytes(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0


def tree_rss_bytes(roots: Mapping[str, int]) -> dict[str, int]:
    """Resident bytes of each process tree (shared library pages counted in
    every process that maps them, so a sum is an upper bound)."""
    _, trees = _trees(roots)
    return {name: sum(rss_bytes(pid) for pid in tree) for name, tree in trees.items()}


class CpuMeter:
    """CPU seconds of named process trees, and wall seconds, over one window."""

    def __init__(self, roots: Mapping[str, int]) -> None:
        self.roots = dict(roots)
        self._cpu: dict[str, float] = {}
        self._wall = 0.0

    def read(self) -> dict[str, float]:
        return tree_cpu_seconds(self.roots)

    def start(self) -> None:
        self._cpu, self._wall = self.read(), time.perf_counter()

    def elapsed(self) -> tuple[float, dict[str, float]]:
        """Wall seconds and each tree's CPU seconds since ``start``."""
        now = self.read()
        return time.perf_counter() - self._wall, {k: v - self._cpu[k] for k, v in now.items()}

    async def rate(self, seconds: float) -> dict[str, float]:
        """Each tree's CPU seconds per second over a wait (its idle rate when idle)."""
        self.start()
        await asyncio.sleep(seconds)
        wall, cpu = self.elapsed()
        return {k: v / wall for k, v in cpu.items()}


class MemorySampler(threading.Thread):
    """Peaks of the summed RSS of named process trees, sampled every ``every`` s.

    ``peaks[phase]`` is the highest sum seen in a phase with what each tree
    held at that moment; ``own_peaks`` is each tree's own highest, whenever it
    came (they need not coincide, so they can add up to more than the peak).
    """

    def __init__(self, roots: Mapping[str, int], every: float = 0.2) -> None:
        super().__init__(daemon=True, name="memory-sampler")
        self.roots = dict(roots)
        self.every = every
        self.phase = "run"
        self.peaks: dict[str, tuple[int, dict[str, int]]] = {}
        self.own_peaks: dict[str, int] = {}
        self._stopped = threading.Event()

    def run(self) -> None:
        while not self._stopped.is_set():
            self.sample()
            self._stopped.wait(self.every)

    def sample(self) -> None:
        sizes = tree_rss_bytes(self.roots)
        total = sum(sizes.values())
        if total > self.peaks.get(self.phase, (0, {}))[0]:
            self.peaks[self.phase] = (total, sizes)
        for name, size in sizes.items():
            self.own_peaks[name] = max(size, self.own_peaks.get(name, 0))

    def stop(self) -> None:
        self._stopped.set()
        self.join()
        self.sample()

    @property
    def peak_bytes(self) -> int:
        return max((total for total, _ in self.peaks.values()), default=0)

    def report(self) -> dict[str, Any]:
        """MiB: the peak per phase with its breakdown, and each tree's own peak."""
        return {
            "by_phase": {
                phase: {"total": round(total / MIB), **{k: round(v / MIB) for k, v in by.items()}}
                for phase, (total, by) in self.peaks.items()
            },
            "own_peaks": {k: round(v / MIB) for k, v in self.own_peaks.items()},
        }


# ---- a benchmark's own stack ---------------------------------------------------


@dataclass
class BenchStack:
    """A headless dev server and worker processes in one data directory.

    Its logs stay in the data directory (``<name>.log``); ``tail_logs`` shows
    them when a run fails, before a temporary directory takes them away."""

    settings: Settings
    pragmas: Sequence[str] = SERVER_PRAGMAS
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    def _spawn(self, name: str, command: list[str], env: Mapping[str, str] | None = None) -> int:
        self.settings.data_dir.mkdir(parents=True, exist_ok=True)
        log = (self.settings.data_dir / f"{name}.log").open("ab")
        self.processes[name] = subprocess.Popen(
            command,
            cwd=ROOT,
            env=None if env is None else dict(env),
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
        return self.processes[name].pid

    async def start_server(self, timeout: float = 60.0) -> Client:
        port = self.settings.temporal_address.rpartition(":")[2]
        command = [
            temporal_binary(), "server", "start-dev", "--headless",
            "--db-filename", str((self.settings.data_dir / "temporal.db").resolve()),
            "--port", port, "--log-level", "warn", "--namespace", self.settings.namespace,
        ]  # fmt: skip
        for pragma in self.pragmas:
            command += ["--sqlite-pragma", pragma]
        self._spawn("temporal", command)
        deadline = time.monotonic() + timeout
        while True:
            try:
                return await asyncio.wait_for(connect(self.settings), 3)
            except Exception:
                if time.monotonic() > deadline or self.processes["temporal"].poll() is not None:
                    self.tail_logs()
                    raise RuntimeError(f"dev server at {self.settings.temporal_address}") from None
                await asyncio.sleep(0.5)

    def start_worker(
        self,
        name: str = "worker",
        command: Sequence[str] = (str(ROOT / "worker.py"),),
        extra_env: Mapping[str, str] | None = None,
    ) -> int:
        """``python <command>`` with the stack's settings in ``HIRELOOP_*``."""
        settings = self.settings
        env = {
            **os.environ,
            "HIRELOOP_TEMPORAL_ADDRESS": settings.temporal_address,
            "HIRELOOP_NAMESPACE": settings.namespace,
            "HIRELOOP_TASK_QUEUE": settings.task_queue,
            "HIRELOOP_LEDGER_URL": settings.database_url,
            "HIRELOOP_DATA_DIR": str(settings.data_dir.resolve()),
            "HIRELOOP_WHISPER_MODEL": settings.whisper_checkpoint,
            "HIRELOOP_TRACING": settings.tracing,
            "HIRELOOP_WORKFLOW_CACHE": str(settings.workflow_cache),
            **(extra_env or {}),
        }
        return self._spawn(name, [sys.executable, *command], env)

    async def wait_for_pollers(
        self, client: Client, task_queue: str, timeout: float = 60.0
    ) -> None:
        """Until a worker polls ``task_queue`` for workflow tasks: the clock
        starts on a stack that is ready, not on one still importing."""
        request = DescribeTaskQueueRequest(
            namespace=self.settings.namespace,
            task_queue=TaskQueue(name=task_queue),
            task_queue_type=TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
        )
        deadline = time.monotonic() + timeout
        while not (await client.workflow_service.describe_task_queue(request)).pollers:
            dead = [n for n, p in self.processes.items() if p.poll() is not None]
            if dead or time.monotonic() > deadline:
                self.tail_logs()
                raise RuntimeError(f"no worker polls {task_queue} (exited: {dead or 'none'})")
            await asyncio.sleep(0.25)

    def pids(self) -> dict[str, int]:
        return {name: process.pid for name, process in self.processes.items()}

    def alive(self) -> bool:
        return all(process.poll() is None for process in self.processes.values())

    def tail_logs(self, lines: int = 30) -> None:
        for name in self.processes:
            path = self.settings.data_dir / f"{name}.log"
            if path.exists():
                tail = path.read_text(errors="replace").splitlines()[-lines:]
                print(f"--- {path} (last {len(tail)} lines)", *tail, sep="\n", file=sys.stderr)

    def stop(self) -> None:
        """Workers first, then the server; killed if they do not stop in 20 s."""
        for process in reversed(self.processes.values()):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in reversed(self.processes.values()):
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.processes.clear()


# ---- printing ------------------------------------------------------------------


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


class LoadSampler(threading.Thread):
    """The machine's 1-minute load average every ``every`` seconds while a
    window runs: how busy the shared cores were, beside the run's figures."""

    def __init__(self, every: float = 5.0) -> None:
        super().__init__(daemon=True, name="load-sampler")
        self.every = every
        self.samples: list[float] = []
        self._stopped = threading.Event()

    def run(self) -> None:
        while not self._stopped.is_set():
            self.samples.append(os.getloadavg()[0])
            self._stopped.wait(self.every)

    def stop(self) -> dict[str, float]:
        """Mean and highest 1-minute load average over the window."""
        self._stopped.set()
        self.join()
        self.samples.append(os.getloadavg()[0])
        return {
            "mean": round(sum(self.samples) / len(self.samples), 2),
            "max": round(max(self.samples), 2),
        }


def print_figures(title: str, figures: Mapping[str, Any]) -> None:
    print(f"\n{title}")
    width = max(len(key) for key in figures)
    for key, value in figures.items():
        print(f"  {key:>{width}}: {value}")


def print_compare(bench: str, figures: Mapping[str, Any]) -> None:
    """The figures meant to agree from run to run of the same commit: ratios
    against a baseline measured in the same run, with the load they ran under."""
    print(f"\n== compare across runs ({bench}) ==")
    for key, value in figures.items():
        print(f"  {key}: {value}")
