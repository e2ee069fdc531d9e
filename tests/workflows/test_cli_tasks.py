"""The HR inbox from the command line: open steps come from the ledger, and
completing one goes through the same validated Update as any client."""

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import Stack
from tests.workflows.driver import start, wait_for_task

HIRELOOP = str(Path(sys.executable).parent / "hireloop")


def cli(stack: Stack, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "HIRELOOP_LEDGER_URL": stack.settings.database_url,
        "HIRELOOP_TEMPORAL_ADDRESS": stack.client.service_client.config.target_host,
        "HIRELOOP_TRACING": "none",
    }
    return subprocess.run([HIRELOOP, *args], env=env, capture_output=True, text=True, timeout=60)


async def test_list_and_complete_a_step(stack: Stack) -> None:
    cid = await start(stack)
    await wait_for_task(stack, cid, "book_interview")
    listed = cli(stack, "tasks", "list", "--role", "candidate", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = [row for row in json.loads(listed.stdout) if row["candidate"] == cid]
    assert [(r["step"], r["role"], r["fields"]) for r in rows] == [
        ("book_interview", "candidate", ["slot"])
    ]

    wrong = cli(
        stack,
        "tasks",
        "complete",
        cid,
        "book_interview",
        "--user",
        cid,
        "--role",
        "candidate",
        "--set",
        "slot=midnight",
    )
    assert wrong.returncode == 2
    assert "must be one of morning, afternoon, evening" in wrong.stderr
    assert "Traceback" not in wrong.stderr

    malformed = cli(
        stack,
        "tasks",
        "complete",
        cid,
        "book_interview",
        "--user",
        cid,
        "--role",
        "candidate",
        "--set",
        "slot",
    )
    assert malformed.returncode == 2 and "FIELD=VALUE" in malformed.stderr

    done = cli(
        stack,
        "tasks",
        "complete",
        cid,
        "book_interview",
        "--user",
        cid,
        "--role",
        "candidate",
        "--set",
        "slot=morning",
    )
    assert done.returncode == 0, done.stderr
    assert "accepted: book_interview" in done.stdout
