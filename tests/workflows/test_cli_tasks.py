"""The HR inbox from the command line: open steps come from the ledger, and
completing one goes through the same validated Update as any client."""

import asyncio
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import Stack
from tests.workflows.driver import start, wait_for_task

HIRELOOP = str(Path(sys.executable).parent / "hireloop")


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


async def cli(stack: Stack, *args: str) -> Result:
    """Run the CLI without blocking the event loop the in-process worker runs on."""
    env = {
        **os.environ,
        "HIRELOOP_LEDGER_URL": stack.settings.database_url,
        "HIRELOOP_TEMPORAL_ADDRESS": stack.client.service_client.config.target_host,
        "HIRELOOP_TRACING": "none",
    }
    process = await asyncio.create_subprocess_exec(
        HIRELOOP, *args, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode is not None
    return Result(process.returncode, out.decode(), err.decode())


async def test_list_and_complete_a_step(stack: Stack) -> None:
    cid = await start(stack)
    await wait_for_task(stack, cid, "book_interview")
    listed = await cli(stack, "tasks", "list", "--role", "candidate", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = [row for row in json.loads(listed.stdout) if row["candidate"] == cid]
    assert [(r["step"], r["role"], r["fields"]) for r in rows] == [
        ("book_interview", "candidate", ["slot"])
    ]

    wrong = await cli(
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

    malformed = await cli(
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

    done = await cli(
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
