"""The AI interview end to end on the real dev server: invitation link,
consents, booking, spoken answers transcribed by Whisper as they arrive,
LightGBM scoring, the report, and every path to a person."""

import asyncio
import hashlib
import json

from domain.events import Actor
from domain.interview import REPORT_KIND
from domain.state import fold
from hireloop.applications import workflow_id
from ledger.event_store import EventStore
from ledger.outbox import Outbox
from ledger.subjects import SubjectVault
from tests.conftest import Speak, Stack
from tests.workflows.driver import (
    STRONG_ANSWERS,
    Interviewee,
    start,
)
from workflows.lifecycle import CandidateLifecycle

# One day of the definition takes 2 s: slots open 2 s after the invitation,
# booking closes after 10 s and the interview 10 s after its slot opens.
SCALE = 2.0 / 86400
RECRUITER = Actor(kind="user", user_id="u-recruiter-1", role="recruiter")


async def drive(stack: Stack, cid: str, interviewee: Interviewee, until: str) -> None:
    """Act as the candidate until the lifecycle opens step ``until``."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 90
    handle = stack.client.get_workflow_handle(workflow_id(cid))
    while until not in [t.node for t in await handle.query(CandidateLifecycle.open_tasks)]:
        assert loop.time() < deadline, f"{until} never opened ({interviewee.stage})"
        await interviewee.act(stack, cid)
        await asyncio.sleep(0.05)


def events_of(stack: Stack, cid: str, kind: str) -> list[dict[str, object]]:
    return [e.payload for e in EventStore(stack.engine).stream(cid) if e.type == kind]


async def test_spoken_interview_is_transcribed_scored_and_reported(
    stack: Stack, speak: Speak
) -> None:
    cid = await start(stack, time_scale=SCALE)
    await drive(stack, cid, Interviewee(STRONG_ANSWERS, speak=speak), "second_interview")
    store = EventStore(stack.engine)
    kinds = [e.type for e in store.stream(cid)]
    for kind in (
        "interview.invited",
        "interview.consent_given",
        "interview.slot_booked",
        "interview.reminder_sent",
        "interview.opened",
        "interview.answer_submitted",
        "interview.answer_transcribed",
        "interview.scored",
        "interview.report_issued",
    ):
        assert kind in kinds, kind
    invited = events_of(stack, cid, "interview.invited")[0]
    link = next(n.link for n in Outbox(stack.engine).for_candidate(cid) if n.link)
    assert link is not None and str(invited["link_id"]) not in link  # the event holds no token
    token = link.rsplit("/", 1)[-1]
    assert all(token not in e.model_dump_json() for e in store.stream(cid))
    transcribed = events_of(stack, cid, "interview.answer_transcribed")
    assert len(transcribed) == len(STRONG_ANSWERS)
    assert all(t["status"] == "ok" and t["problem"] is None for t in transcribed)
    assert all(str(t["model_version"]).startswith("whisper-tiny.en/") for t in transcribed)
    scored = events_of(stack, cid, "interview.scored")[0]
    dimensions = scored["dimensions"]
    assert isinstance(dimensions, dict)
    assert set(dimensions) == {"communication", "logical_reasoning", "job_knowledge", "teamwork"}
    assert all(str(d["model_version"]).startswith("lgbm-") for d in dimensions.values())
    report = events_of(stack, cid, "interview.report_issued")[0]
    assert report["status"] == "completed" and report["recommendation"] == "advance"
    assert report["role"] == "graduate_analyst" and report["percentile"] is None

    document = SubjectVault(stack.engine).document(cid, REPORT_KIND)
    assert document is not None
    assert hashlib.sha256(document).hexdigest() == report["report_ref"]
    full = json.loads(document)
    quotes = [q for d in full["dimensions"].values() for q in d["evidence"]]
    assert quotes, "the report quotes the candidate"
    vault = SubjectVault(stack.engine)
    for dimension in full["dimensions"].values():
        for quote in dimension["evidence"]:
            transcript = vault.document(cid, f"transcript:{quote['question_id']}")
            assert transcript is not None
            assert quote["quote"].rstrip("…") in transcript.decode()
    live = await stack.client.get_workflow_handle(workflow_id(cid)).query(CandidateLifecycle.state)
    assert fold(cid, store.stream(cid)).variables == live.variables
    assert store.verify(cid) == []
