"""The HR inbox from the command line: open steps come from the ledger, and
completing one goes through the same validated Update as any client."""

import json

from tests.conftest import Stack
from tests.workflows.driver import cli, start, wait_for_task


async def test_list_and_complete_a_step(stack: Stack) -> None:
    cid = await start(stack, resume=b"")  # unreadable: a recruiter reviews it
    await wait_for_task(stack, cid, "manual_resume_review")
    listed = await cli(stack, "tasks", "list", "--role", "recruiter", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = [row for row in json.loads(listed.stdout) if row["candidate"] == cid]
    assert [(r["step"], r["role"], r["fields"]) for r in rows] == [
        ("manual_resume_review", "recruiter", ["manual_decision"])
    ]

    wrong = await cli(
        stack,
        "tasks",
        "complete",
        cid,
        "manual_resume_review",
        "--user",
        "u-recruiter-1",
        "--role",
        "recruiter",
        "--set",
        "manual_decision=maybe",
    )
    assert wrong.returncode == 2
    assert "must be one of advance, reject" in wrong.stderr
    assert "Traceback" not in wrong.stderr

    malformed = await cli(
        stack,
        "tasks",
        "complete",
        cid,
        "manual_resume_review",
        "--user",
        "u-recruiter-1",
        "--role",
        "recruiter",
        "--set",
        "manual_decision",
    )
    assert malformed.returncode == 2 and "FIELD=VALUE" in malformed.stderr

    done = await cli(
        stack,
        "tasks",
        "complete",
        cid,
        "manual_resume_review",
        "--user",
        "u-recruiter-1",
        "--role",
        "recruiter",
        "--set",
        "manual_decision=reject",
    )
    assert done.returncode == 0, done.stderr
    assert "accepted: manual_resume_review" in done.stdout
