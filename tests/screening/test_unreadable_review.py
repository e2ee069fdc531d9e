"""An unreadable resume in batch screening reaches a person (issue 8, defect 4).

Batch screening used to decide ``manual_review`` for a file it could not read
and do nothing more: no step opened anywhere, and the applicant waited at
screening forever. Their lifecycle now starts at the recruiter's review of
the resume, the step the single-application lifecycle opens when its keyword
screening cannot read a resume, and the recruiter finds it in the inbox.
"""

import json
from pathlib import Path

from domain.record.events import Actor
from hireloop.services.screening import import_resumes
from ledger.event_store import EventStore
from ledger.stores.requisitions import RequisitionStore
from simulation.resume_corpus import AS_OF
from tests.conftest import Stack
from tests.screening.conftest import requisition
from tests.screening.test_batch import applications, until_at_interview
from tests.workflows.driver import cli, wait_for_task

TRUNCATED_PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R"
"""A PDF cut off before its end-of-file marker: the reader says ``corrupt``."""
RECRUITER = Actor(kind="user", user_id="u-recruiter-1", role="recruiter")


async def test_an_unreadable_resume_opens_a_recruiters_review(stack: Stack, tmp_path: Path) -> None:
    folder = tmp_path / "applicants"
    folder.mkdir()
    (folder / "000001.pdf").write_bytes(TRUNCATED_PDF)
    RequisitionStore(stack.engine).create(requisition())

    summary = await import_resumes(
        stack.client, stack.engine, stack.settings, folder, "credit-risk-test", as_of=AS_OF
    )

    assert summary.outcomes["manual_review"] == 1
    [cid] = applications(stack)
    await wait_for_task(stack, cid, "manual_resume_review")
    listed = await cli(stack, "tasks", "list", "--role", "recruiter", "--json")
    assert listed.returncode == 0, listed.stderr
    assert [(r["candidate"], r["step"], r["stage"]) for r in json.loads(listed.stdout)] == [
        (cid, "manual_resume_review", "screening")
    ]

    done = await cli(
        stack,
        "tasks",
        "complete",
        cid,
        "manual_resume_review",
        "--user",
        RECRUITER.user_id or "",
        "--role",
        "recruiter",
        "--set",
        "manual_decision=advance",
    )
    assert done.returncode == 0, done.stderr

    state = await until_at_interview(stack, cid)
    assert state.stages == ["screening", "ai_interview"]
    store = EventStore(stack.engine)
    events = store.stream(cid)
    kinds = [e.type for e in events]
    decided = next(e for e in events if e.type == "screening.decided")
    assert decided.payload["outcome"] == "manual_review"
    assert kinds.index("screening.decided") < kinds.index("process.started")
    entry = next(e for e in events if e.type == "gateway.decided")
    assert (entry.payload["node"], entry.payload["flow"]) == ("entry_gate", "unreadable_to_review")
    reviewed = next(e for e in events if e.type == "task.completed")
    assert reviewed.actor == RECRUITER
    assert "screen_resume" not in [e.payload["node"] for e in events if e.type == "node.entered"]
    assert store.verify() == []
