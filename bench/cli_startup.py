"""Benchmark: how long a ``hireloop`` command takes to start (issue 8).

Usage: ``python bench/cli_startup.py [--runs 10] [--candidates 20] [--no-bytecode-cache]``

Each command runs as its own process, started the way a person starts it (this
virtualenv's ``hireloop`` script), against a small ledger made for the run (a
fresh SQLite file, migrated, ``--candidates`` streams of ten events):

* ``python -c pass``: the interpreter alone, the same-run baseline;
* ``hireloop --help`` and ``hireloop screen --help``: click and the command
  modules, nothing else;
* ``hireloop verify``: the ledger-only command of record (settings,
  SQLAlchemy, the event store; checking a few hundred events is a few
  milliseconds of it), then the other ledger-only ones: ``history``,
  ``replay``, ``definitions list``, ``requisitions list`` and ``db upgrade``
  on a ledger already at the head revision.

Compiled bytecode is cached as in an installed hireloop: the commands get a
cache of their own (``PYTHONPYCACHEPREFIX`` in the run's temporary folder,
so nothing is written into the checkout), filled by the warm-up round. With
``--no-bytecode-cache`` none is written (``PYTHONDONTWRITEBYTECODE``, as in
this workspace's shells), so every start compiles the project's modules
that the checkout has no ``__pycache__`` for.

The goal is under 0.5 s of wall time for ``--help`` and for ledger-only
commands. The runs are interleaved, one of each command per round after one
warm-up round, so a change in the shared machine's load falls on all of them
alike. Printed per command: the median wall time, the median CPU time (user +
system, which another process's load inflates less) and the wall time's ratio
to the baseline's; then the load average seen.
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from domain.record.events import EventDraft
from ledger.db import engine_for
from ledger.event_store import EventStore
from migrations.runner import upgrade

BASELINE = "python -c pass"


def small_ledger(data_dir: Path, candidates: int) -> str:
    """A migrated SQLite ledger with ``candidates`` streams of ten events."""
    url = f"sqlite:///{data_dir / 'ledger.db'}"
    upgrade(url)
    start = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
    EventStore(engine_for(url)).append_many(
        [
            EventDraft(
                key=f"cand_{c:04d}:{n}",
                stream=f"cand_{c:04d}",
                type="stage.entered",
                payload={"stage": "screening", "n": n},
                definition_id="campus_hire",
                definition_version=1,
                workflow_id=f"candidate-cand_{c:04d}",
                run_id="run-1",
                occurred_at=start + timedelta(minutes=n),
            )
            for c in range(candidates)
            for n in range(10)
        ]
    )
    engine_for(url).dispose()
    return url


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run; a failing command stops the benchmark."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}: {done.stderr}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="Timed runs of each command.")
    parser.add_argument("--candidates", type=int, default=20, help="Streams in the ledger.")
    parser.add_argument(
        "--no-bytecode-cache", action="store_true", help="Compile every module at every start."
    )
    args = parser.parse_args()
    hireloop = str(Path(sys.executable).with_name("hireloop"))
    commands = {
        BASELINE: [sys.executable, "-c", "pass"],
        "hireloop --help": [hireloop, "--help"],
        "hireloop screen --help": [hireloop, "screen", "--help"],
        "hireloop verify": [hireloop, "verify"],
        "hireloop history CANDIDATE": [hireloop, "history", "cand_0000"],
        "hireloop replay CANDIDATE": [hireloop, "replay", "cand_0000"],
        "hireloop definitions list": [hireloop, "definitions", "list"],
        "hireloop requisitions list": [hireloop, "requisitions", "list"],
        "hireloop db upgrade (at head)": [hireloop, "db", "upgrade"],
    }
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="cli-startup-") as tmp:
        data_dir = Path(tmp)
        env = {
            **os.environ,
            "HIRELOOP_DATA_DIR": str(data_dir),
            "HIRELOOP_LEDGER_URL": small_ledger(data_dir, args.candidates),
        }
        if args.no_bytecode_cache:
            env["PYTHONDONTWRITEBYTECODE"] = "1"
        else:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(data_dir / "pycache")
        walls: dict[str, list[float]] = {name: [] for name in commands}
        cpus: dict[str, list[float]] = {name: [] for name in commands}
        for round_ in range(args.runs + 1):
            for name, command in commands.items():
                wall, cpu = timed(command, env)
                if round_:  # the first round warms the page cache (and the bytecode cache)
                    walls[name].append(wall)
                    cpus[name].append(cpu)
    load_after = os.getloadavg()

    base = statistics.median(walls[BASELINE])
    print(f"{'command':<32} {'wall median':>12} {'CPU median':>11} {'ratio':>7}")
    for name in commands:
        wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
        print(f"{name:<32} {wall:>10.3f} s {cpu:>9.3f} s {wall / base:>7.1f}")
    cache = "none" if args.no_bytecode_cache else "cached"
    print(
        f"{args.runs} interleaved runs each, {os.cpu_count()} cores, ledger of "
        f"{args.candidates * 10} events, bytecode {cache}; load average "
        f"{load_before[0]:.2f} before, {load_after[0]:.2f} after"
    )


if __name__ == "__main__":
    main()
