"""Benchmark: a campus season of resumes screened end to end into the ledger.

Usage: ``python bench/screening.py [--resumes 150000] [--distinct 3000]
[--workers 2] [--ledger-url URL]``

The corpus: ``--distinct`` resumes are generated once (``simulation.resume_corpus``,
seeded, half in each of two processes; PDF, DOCX, TXT and Markdown, English and
Chinese, five layouts, plus one file of every unreadable kind) and cached under
``.hireloop/bench-screening/``. The season's ``--resumes`` files are copies of
them with a varied name and a unique, parse-neutral trailer (a PDF comment after
``%%EOF``, a zip archive comment for DOCX, a whitespace-only last line for text),
so every file has its own sha256, is a separate application and is read and
parsed in full; copies of one resume parse to the same facts. Generating 150,000
distinct files would take about 45 minutes at 17 ms each and tell nothing more
about screening.

The run: a Temporal dev server (SQLite persistence in WAL mode, headless), ``--workers``
worker processes (``worker.py``, one per core), the ledger (a fresh SQLite file
unless ``--ledger-url``), the sample requisition
``definitions/requisitions/credit_risk_analyst.yaml`` and ``campus_hire``
deployed; then ``hireloop.services.screening.import_resumes``, exactly what
``hireloop screen import`` runs. Timed from the first file hashed to the batch
workflow's result: every applicant's events, vault rows and decision written,
and every advancing candidate's lifecycle started at the AI interview. Those
lifecycles then run on the same workers (invitations, timers): the time until
every one of them has its ``process.started`` in the ledger is printed too.

Printed: resumes/s, wall time, peak memory (the summed RSS of this process,
the workers and the Temporal server, sampled every 0.2 s from /proc), events/s,
the share of activity time spent reading and parsing, scoring and writing, the
CPU seconds of each process, and the load average (the machine is shared).

Baseline, measured in the same run: bare parsing of a sample of the same files
(every n-th, ``--baseline-sample`` files) in this one process, no Temporal, no
ledger. The ratio is pipeline throughput over that single-process throughput.
"""

import argparse
import asyncio
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from adapters.documents.reader import parse_resume
from definitions.loader import BUILTIN_DIR, load_file
from definitions.requisition_loader import load_requisition_file
from domain.screening.batch import BatchProgress
from hireloop.runtime.settings import Settings
from hireloop.runtime.stack import ROOT, SERVER_PRAGMAS, temporal_binary
from hireloop.runtime.temporal_client import connect
from hireloop.services.screening import ConsentSource, import_resumes
from ledger.db import engine_for
from ledger.event_store import EventStore
from ledger.models import Event
from ledger.stores.deployments import DefinitionRegistry
from ledger.stores.requisitions import RequisitionStore
from migrations.runner import upgrade
from simulation.resume_corpus import AS_OF, BROKEN_KINDS, generate

CACHE = ROOT / ".hireloop" / "bench-screening"
REQUISITION = BUILTIN_DIR / "requisitions" / "credit_risk_analyst.yaml"
SEED = 2026
"""The dev server's SQLite tuned like the ledger's (``ledger/db.py``): with its
defaults every history write waits for a full fsync, and the AI-interview
lifecycles of the advancing candidates take four times as long to start."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# ----------------------------------------------------------------- corpus


def _generate_part(out: str, count: int, seed: int, broken: int) -> int:
    entries = generate(out, count, seed, broken=broken, as_of=AS_OF)
    (Path(out) / "manifest.jsonl").unlink()
    return len(entries)


def distinct_corpus(distinct: int) -> list[Path]:
    """``distinct`` generated files (one of every unreadable kind among them), cached."""
    folder = CACHE / f"distinct-{distinct}-{SEED}"
    if not (folder / ".complete").exists():
        shutil.rmtree(folder, ignore_errors=True)
        broken = len(BROKEN_KINDS)
        half = (distinct - broken) // 2
        parts = [(half, SEED, broken), (distinct - broken - half, SEED + 1, 0)]
        with ProcessPoolExecutor(2) as pool:
            jobs = [
                pool.submit(_generate_part, str(folder / f"part{i}"), n, seed, b)
                for i, (n, seed, b) in enumerate(parts)
            ]
            assert sum(job.result() for job in jobs) == distinct
        (folder / ".complete").touch()
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))


def unique_copy(content: bytes, n: int) -> bytes:
    """The same document with a unique trailer no reader turns into text."""
    if b"%PDF-" in content[:1024]:
        return content + f"\n%bench-copy {n}\n".encode()
    if content[-22:-18] == b"PK\x05\x06" and content[-2:] == b"\x00\x00":
        comment = f"bench-copy {n}".encode()
        return content[:-2] + len(comment).to_bytes(2, "little") + comment
    return content + b"\n" + format(n, "b").replace("0", " ").replace("1", "\t").encode() + b"\n"


def season(resumes: int, distinct: int) -> Path:
    folder = CACHE / f"season-{resumes}-{distinct}-{SEED}"
    if (folder / ".complete").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    sources = distinct_corpus(distinct)
    for start in range(0, resumes, 1000):
        sub = folder / f"{start // 1000:04d}"
        sub.mkdir(parents=True)
        for n in range(start, min(start + 1000, resumes)):
            source = sources[n % len(sources)]
            (sub / f"{n:06d}-{source.stem}{source.suffix}").write_bytes(
                unique_copy(source.read_bytes(), n)
            )
    (folder / ".complete").touch()
    return folder


# ----------------------------------------------------------------- measuring


def rss_bytes(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Sampler(threading.Thread):
    """Peak of the summed RSS of the given processes, per phase of the run."""

    def __init__(self, pids: dict[str, int]) -> None:
        super().__init__(daemon=True)
        self.pids = pids
        self.phase = "batch"
        self.peaks: dict[str, tuple[int, dict[str, int]]] = {}
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            sizes = {name: rss_bytes(pid) for name, pid in self.pids.items()}
            if sum(sizes.values()) > self.peaks.get(self.phase, (0, {}))[0]:
                self.peaks[self.phase] = (sum(sizes.values()), sizes)
            self.stopped.wait(0.2)

    def report(self) -> dict[str, Any]:
        return {
            phase: {"total": round(total / 2**20), **{k: round(v / 2**20) for k, v in by.items()}}
            for phase, (total, by) in self.peaks.items()
        }


def baseline(files: list[Path], sample: int) -> dict[str, float]:
    """Bare parsing of every n-th file in this process: no Temporal, no ledger."""
    step = max(1, len(files) // sample)
    chosen = files[::step][:sample]
    started = time.perf_counter()
    for path in chosen:
        parse_resume(path.read_bytes(), path.name, as_of=AS_OF)
    wall = time.perf_counter() - started
    return {"files": len(chosen), "seconds": wall, "per_s": len(chosen) / wall}


# ----------------------------------------------------------------- the run


def start_server(settings: Settings, log: Path, pragmas: list[str]) -> subprocess.Popen[bytes]:
    port = settings.temporal_address.rpartition(":")[2]
    command = [
        temporal_binary(), "server", "start-dev", "--headless",
        "--db-filename", str(settings.data_dir / "temporal.db"),
        "--port", port, "--log-level", "warn",
    ]  # fmt: skip
    for pragma in pragmas:
        command += ["--sqlite-pragma", pragma]
    out = log.open("ab")
    return subprocess.Popen(command, stdout=out, stderr=out, start_new_session=True)


def start_worker(settings: Settings, log: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "HIRELOOP_TEMPORAL_ADDRESS": settings.temporal_address,
        "HIRELOOP_TASK_QUEUE": settings.task_queue,
        "HIRELOOP_LEDGER_URL": settings.database_url,
        "HIRELOOP_DATA_DIR": str(settings.data_dir),
        "HIRELOOP_TRACING": "none",
        "HIRELOOP_WORKFLOW_CACHE": str(settings.workflow_cache),
    }
    out = log.open("ab")
    return subprocess.Popen(
        [sys.executable, str(ROOT / "worker.py")],
        env=env,
        stdout=out,
        stderr=out,
        start_new_session=True,
    )


async def wait_for_server(settings: Settings, timeout: float = 60.0) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        try:
            return await asyncio.wait_for(connect(settings), 3)
        except Exception:
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.5)


async def run(args: argparse.Namespace) -> dict[str, Any]:
    folder = season(args.resumes, args.distinct)
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    base = baseline(files, args.baseline_sample)

    data = CACHE / "run"
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    settings = Settings(
        data_dir=data,
        temporal_address=f"127.0.0.1:{free_port()}",
        task_queue="bench-screening",
        ledger_url=args.ledger_url or f"sqlite:///{data / 'ledger.db'}",
        tracing="none",
        workflow_cache=args.workflow_cache,
    )
    upgrade(settings.database_url)
    engine = engine_for(settings.database_url)
    definition, source = load_file(BUILTIN_DIR / "campus_hire.yaml")
    DefinitionRegistry(engine).deploy(definition, source)
    requisition = load_requisition_file(REQUISITION)
    RequisitionStore(engine).create(requisition)

    processes: dict[str, subprocess.Popen[bytes]] = {}
    try:
        processes["temporal"] = start_server(settings, data / "temporal.log", args.sqlite_pragma)
        client = await wait_for_server(settings)
        for i in range(args.workers):
            processes[f"worker{i}"] = start_worker(settings, data / f"worker{i}.log")
        await asyncio.sleep(3)  # workers connect before the clock starts
        pids = {"bench": os.getpid(), **{name: p.pid for name, p in processes.items()}}
        sampler = Sampler(pids)
        sampler.start()
        cpu_before = {name: cpu_seconds(pid) for name, pid in pids.items()}
        load_before = os.getloadavg()
        started = time.perf_counter()
        decided_at: list[float] = []

        def progressed(state: BatchProgress) -> None:
            if state.phase in ("starting", "done") and not decided_at:
                decided_at.append(time.perf_counter() - started)

        summary = await import_resumes(
            client,
            engine,
            settings,
            folder,
            requisition.id,
            consent=ConsentSource(everyone=True),
            chunk_size=args.chunk_size,
            parallelism=args.parallelism,
            as_of=AS_OF,
            on_progress=progressed,
        )
        wall = time.perf_counter() - started
        load_during = os.getloadavg()
        cpu_screen = {name: cpu_seconds(pid) - cpu_before[name] for name, pid in pids.items()}
        batch = summary.batch
        assert batch is not None
        store = EventStore(engine)
        advancing = batch.outcomes["advance"]
        sampler.phase = "lifecycles"
        drain_started = time.perf_counter()
        started_count = 0
        count = sa.select(sa.func.count()).where(Event.type == "process.started")
        while time.perf_counter() - drain_started < args.drain_timeout:
            with engine.connect() as connection:
                started_count = connection.execute(count).scalar_one()
            if started_count >= advancing:
                break
            await asyncio.sleep(2)
        drain = time.perf_counter() - drain_started
        cpu_drain = {
            name: cpu_seconds(pid) - cpu_before[name] - cpu_screen[name]
            for name, pid in pids.items()
        }
        sampler.stopped.set()
        sampler.join()
        broken = len(store.verify()) if args.verify else None
        events_total = store.count()
    finally:
        for process in processes.values():
            if process.poll() is None:
                process.terminate()
        for process in processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
    timings = batch.timings
    spent = timings.read_parse + timings.score + timings.write
    per_s = summary.screened / wall
    return {
        "resumes": summary.screened,
        "distinct_documents": args.distinct,
        "workers": args.workers,
        "ledger": "postgresql" if args.ledger_url else "sqlite",
        "seconds_until_all_decided": round(decided_at[0], 1),
        "resumes_per_s_decided": round(summary.screened / decided_at[0], 1),
        "wall_seconds": round(wall, 1),
        "resumes_per_s": round(per_s, 1),
        "events": batch.events,
        "events_per_s": round(batch.events / wall, 1),
        "outcomes": batch.outcomes,
        "talent_pool_line": batch.pool_line,
        "lifecycles_started": batch.lifecycles_started,
        "lifecycles_at_ai_interview": started_count,
        "lifecycle_drain_seconds_after_batch": round(drain, 1),
        "events_in_ledger_after_drain": events_total,
        "broken_chains": broken,
        "peak_rss_mib": max(v["total"] for v in sampler.report().values()),
        "peak_rss_mib_by_phase": sampler.report(),
        "workflow_cache": args.workflow_cache,
        "cpu_seconds_during_batch": {k: round(v, 1) for k, v in cpu_screen.items()},
        "cpu_seconds_during_drain": {k: round(v, 1) for k, v in cpu_drain.items()},
        "temporal_sqlite_pragmas": args.sqlite_pragma,
        "share_read_parse": round(timings.read_parse / spent, 3),
        "share_score": round(timings.score / spent, 3),
        "share_write": round(timings.write / spent, 3),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_end": [round(x, 2) for x in load_during],
        "baseline_files": base["files"],
        "baseline_parse_per_s": round(base["per_s"], 1),
        "ratio_vs_bare_parsing": round(summary.screened / decided_at[0] / base["per_s"], 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--resumes", type=int, default=150_000)
    parser.add_argument("--distinct", type=int, default=3000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--chunk-size", type=int, default=1000)
    parser.add_argument("--parallelism", type=int, default=4)
    parser.add_argument("--baseline-sample", type=int, default=6000)
    parser.add_argument("--drain-timeout", type=float, default=900.0)
    parser.add_argument("--ledger-url", default="")
    parser.add_argument(
        "--workflow-cache",
        type=int,
        default=250,
        help="Workflows each worker keeps cached (HIRELOOP_WORKFLOW_CACHE; the worker's "
        "default of 1000 doubles the workers' memory while 12,000 lifecycles start).",
    )
    parser.add_argument(
        "--sqlite-pragma",
        action="append",
        default=None,
        help="For the dev server's SQLite (default: journal_mode=wal, synchronous=normal).",
    )
    parser.add_argument("--verify", action="store_true", help="Verify every chain afterwards.")
    args = parser.parse_args()
    args.sqlite_pragma = args.sqlite_pragma or list(SERVER_PRAGMAS)
    result = asyncio.run(run(args))
    for key, value in result.items():
        print(f"{key:>38}: {value}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
