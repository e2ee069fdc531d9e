"""The AI interview end to end on the real dev server: invitation link,
consents, booking, spoken answers transcribed by Whisper as they arrive,
LightGBM scoring, the report, and every path to a person."""

import asyncio
import hashlib
import io
import json
from datetime import timedelta

import numpy
import pytest
import soundfile
from temporalio.client import WorkflowUpdateFailedError

from domain.errors import UserError
from domain.interview.settings import REPORT_KIND, AnswerSubmission, ConsentDecision
from domain.record.events import Actor
from domain.record.messages import Withdrawal, workflow_id
from domain.record.state import fold
from hireloop.services.applications import complete_task
from hireloop.services.interviews import open_link, staff_action
from ledger.blobs import BlobStore
from ledger.event_store import EventStore
from ledger.outbox import Outbox
from ledger.vault import SubjectVault
from tests.conftest import Speak, Stack
from tests.workflows.driver import (
    STRONG_ANSWERS,
    WEAK_ANSWERS,
    Interviewee,
    answer_all,
    cli,
    eventually,
    session_for,
    start,
    wait_for_task,
)
from workflows.interview import AIInterview
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


def silent_wav(seconds: float = 3.0) -> bytes:
    """Real audio of nothing: a microphone left muted."""
    buffer = io.BytesIO()
    soundfile.write(buffer, numpy.zeros(int(16000 * seconds), dtype="float32"), 16000, format="WAV")
    return buffer.getvalue()


async def test_refusals_and_unusable_recordings_go_to_a_person(stack: Stack, speak: Speak) -> None:
    """No consent to record: a person interviews. No consent to AI scoring: the
    answers are kept for a person, never scored. A silent and a corrupt
    recording: the rest is scored as advice, and a person decides."""
    typed = dict(STRONG_ANSWERS)
    no_recording, no_scoring, broken = [await start(stack, time_scale=SCALE) for _ in range(3)]

    class BadAudio(Interviewee):
        async def act(self, stack: Stack, candidate_id: str) -> None:
            if self.stage != "booked":
                return await super().act(stack, candidate_id)
            kinds = {e.type for e in EventStore(stack.engine).stream(candidate_id)}
            session = session_for(stack, candidate_id)
            if session is None or "interview.opened" not in kinds:
                return
            blobs = BlobStore(stack.settings.blob_dir)
            await session.answer_audio(blobs, "self_intro", silent_wav())
            await session.answer_audio(blobs, "structured_logic", b"RIFF\x00\x00garbage")
            rest = {q: t for q, t in typed.items() if q not in ("self_intro", "structured_logic")}
            await answer_all(stack, session, rest)
            self.stage = "done"

    await asyncio.gather(
        drive(stack, no_recording, Interviewee(typed, recording=False), "review_ai_interview"),
        drive(stack, no_scoring, Interviewee(typed, ai_scoring=False), "review_ai_interview"),
        drive(stack, broken, BadAudio(typed), "review_ai_interview"),
    )

    async def variables(cid: str) -> dict[str, object]:
        handle = stack.client.get_workflow_handle(workflow_id(cid))
        return dict((await handle.query(CandidateLifecycle.state)).variables)

    first = await variables(no_recording)
    assert first["ai_status"] == "human_review"
    assert first["ai_review_reasons"] == ["consent_refused:recording"]
    refused = events_of(stack, no_recording, "interview.consent_refused")
    assert refused == [{"purpose": "recording"}]
    assert events_of(stack, no_recording, "interview.human_only")
    assert not events_of(stack, no_recording, "interview.slot_booked")

    second = await variables(no_scoring)
    assert second["ai_review_reasons"] == ["consent_refused:ai_scoring"]
    assert second["ai_score"] is None
    assert not events_of(stack, no_scoring, "interview.scored")
    assert len(events_of(stack, no_scoring, "interview.answer_submitted")) == 5

    third = await variables(broken)
    assert third["ai_review_reasons"] == [
        "audio_silent:self_intro",
        "audio_corrupt:structured_logic",
    ]
    problems = {
        str(t["question_id"]): t["status"]
        for t in events_of(stack, broken, "interview.answer_transcribed")
    }
    assert problems == {"self_intro": "silent", "structured_logic": "corrupt"}
    scored = events_of(stack, broken, "interview.scored")[0]["dimensions"]
    assert isinstance(scored, dict)
    assert set(scored) == {"job_knowledge", "teamwork"}  # advisory, from the usable answers

    # The person decides; the lifecycle goes on from their decision.
    await complete_task(
        stack.client,
        broken,
        "review_ai_interview",
        Actor(kind="user", user_id="u-int-1", role="interviewer"),
        {"ai_review_decision": "advance", "ai_score": 70},
    )
    await wait_for_task(stack, broken, "second_interview")
    for cid in (no_recording, no_scoring, broken):
        live = await stack.client.get_workflow_handle(workflow_id(cid)).query(
            CandidateLifecycle.state
        )
        assert fold(cid, EventStore(stack.engine).stream(cid)) == live
        assert EventStore(stack.engine).verify(cid) == []


async def test_hr_pause_and_a_candidate_who_drops_off_and_comes_back(stack: Stack) -> None:
    cid = await start(stack, time_scale=SCALE)
    interviewee = Interviewee({})
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 30
    while "interview.opened" not in {e.type for e in EventStore(stack.engine).stream(cid)}:
        assert loop.time() < deadline
        await interviewee.act(stack, cid)
        await asyncio.sleep(0.05)
    session = session_for(stack, cid)
    assert session is not None
    first_two = dict(list(STRONG_ANSWERS.items())[:2])
    await answer_all(stack, session, first_two)  # ... and the candidate's network drops
    before = await session.progress()
    assert before.next_question == "situational_team"

    paused = await staff_action(stack.client, stack.engine, cid, "pause", RECRUITER)
    assert paused.phase == "paused"
    watched = await cli(stack, "interview", "status", cid, "--json")  # HR watching live
    assert watched.returncode == 0, watched.stderr
    live = json.loads(watched.stdout)
    assert live["phase"] == "paused" and live["answered"] == ["self_intro", "structured_logic"]
    with pytest.raises(UserError, match="paused by HR"):
        await session.answer_text(SubjectVault(stack.engine), "situational_team", "hello")
    with pytest.raises(UserError, match="only staff"):
        await staff_action(
            stack.client,
            stack.engine,
            cid,
            "resume",
            Actor(kind="user", user_id=cid, role="candidate"),
        )
    await asyncio.sleep(1.0)
    resumed = await staff_action(stack.client, stack.engine, cid, "resume", RECRUITER)
    assert resumed.phase == "open"
    assert before.closes_at is not None and resumed.closes_at is not None
    assert resumed.closes_at - before.closes_at >= timedelta(seconds=1)  # the pause is given back

    again = session_for(stack, cid)  # the same link, later
    assert again is not None
    progress = await again.progress()
    assert progress.answered == ["self_intro", "structured_logic"]
    assert progress.next_question == "situational_team"
    rest = {q: t for q, t in STRONG_ANSWERS.items() if q not in first_two}
    await answer_all(stack, again, rest)
    await wait_for_task(stack, cid, "second_interview")
    kinds = [e.type for e in EventStore(stack.engine).stream(cid)]
    assert "interview.paused" in kinds and "interview.resumed" in kinds
    resumed_event = events_of(stack, cid, "interview.resumed")[0]
    assert float(str(resumed_event["paused_seconds"])) >= 1.0


async def test_bad_interview_actions_are_refused_and_change_nothing(stack: Stack) -> None:
    cid = await start(stack, time_scale=SCALE)
    store = EventStore(stack.engine)
    await eventually(lambda: any(e.type == "interview.invited" for e in store.stream(cid)))
    session = session_for(stack, cid)
    assert session is not None
    with pytest.raises(UserError, match="not valid"):
        open_link(stack.client, stack.engine, "https://example.com/interview/forged-token")
    with pytest.raises(UserError, match="give or refuse consent before booking"):
        await session.book("slot1")
    handle = stack.client.get_workflow_handle(session.workflow_id)
    intruder = ConsentDecision(recording=True, ai_scoring=True, actor=RECRUITER)
    with pytest.raises(WorkflowUpdateFailedError) as refused:
        await handle.execute_update(AIInterview.consent, intruder)
    assert "only the invited candidate" in str(refused.value.cause)
    before = len(store.stream(cid))
    await session.consent(recording=True, ai_scoring=True)
    with pytest.raises(UserError, match="already recorded"):
        await session.consent(recording=False, ai_scoring=False)
    with pytest.raises(UserError, match="unknown slot 'slot9'"):
        await session.book("slot9")
    await session.book("slot2")  # opens 4 s after the invitation
    vault = SubjectVault(stack.engine)
    with pytest.raises(UserError, match="not open yet"):
        await session.answer_text(vault, "self_intro", "too early")
    await eventually(lambda: any(e.type == "interview.opened" for e in store.stream(cid)), 20)
    with pytest.raises(UserError, match="unknown question 'nope'"):
        await session.answer_text(vault, "nope", "an answer")
    with pytest.raises(UserError, match="the typed answer is empty"):
        await session.answer_text(vault, "self_intro", "   ")
    oversized = AnswerSubmission(
        question_id="structured_logic",
        kind="audio",
        ref=hashlib.sha256(b"x").hexdigest(),
        size_bytes=30_000_000,
        actor=session.actor,
    )
    with pytest.raises(WorkflowUpdateFailedError) as too_big:
        await handle.execute_update(AIInterview.submit_answer, oversized)
    assert "the limit is 25000000 bytes" in str(too_big.value.cause)
    blobs = BlobStore(stack.settings.blob_dir)
    with pytest.raises(UserError, match="the limit for 'self_intro' is 8000000 bytes"):
        await session.answer_audio(blobs, "self_intro", bytes(8_000_001))
    assert not any(blobs.root.rglob("*")), "an oversized recording is not stored"
    await session.answer_text(vault, "self_intro", STRONG_ANSWERS["self_intro"])
    with pytest.raises(UserError, match="already answered"):
        await session.answer_text(vault, "self_intro", "a second try")
    kinds = [e.type for e in store.stream(cid)[before:]]
    assert kinds.count("interview.consent_given") == 2  # refused attempts left no trace
    assert kinds.count("interview.answer_submitted") == 1
    withdraw = await stack.client.get_workflow_handle(workflow_id(cid)).execute_update(
        CandidateLifecycle.withdraw,
        Withdrawal(actor=Actor(kind="user", user_id=cid, role="candidate"), reason="other"),
    )
    assert withdraw is None


async def test_a_candidate_can_ask_for_a_person_and_the_cli_shows_the_report(
    stack: Stack,
) -> None:
    """A weak result waits out the appeal window; the candidate asks for a
    person from the command line, and an interviewer decides."""
    cid = await start(stack, time_scale=SCALE)
    interviewee = Interviewee(WEAK_ANSWERS)
    store = EventStore(stack.engine)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 40
    while not any(e.type == "interview.report_issued" for e in store.stream(cid)):
        assert loop.time() < deadline
        await interviewee.act(stack, cid)
        await asyncio.sleep(0.05)
    report = events_of(stack, cid, "interview.report_issued")[0]
    assert report["status"] == "completed" and report["recommendation"] == "talent_pool"
    link = next(n.link for n in Outbox(stack.engine).for_candidate(cid) if n.link)
    assert link is not None
    asked = await cli(stack, "interview", "review", link, "--json")
    assert asked.returncode == 0, asked.stderr
    assert json.loads(asked.stdout)["review_requested"] is True
    task = await wait_for_task(stack, cid, "review_ai_interview", timeout=20)
    assert task.role == "interviewer"
    handle = stack.client.get_workflow_handle(workflow_id(cid))
    variables = (await handle.query(CandidateLifecycle.state)).variables
    assert variables["ai_review_reasons"] == ["candidate_request"]

    shown = await cli(stack, "interview", "report", cid, "--json")
    assert shown.returncode == 0, shown.stderr
    printed = json.loads(shown.stdout)
    assert printed["status"] == "human_review"
    assert printed["review_reasons"] == ["candidate_request"]
    assert set(printed["details"]["dimensions"]) == set(printed["dimension_scores"])
    assert "No emotion" in printed["details"]["not_used"]
    text = await cli(stack, "interview", "report", cid)
    assert text.returncode == 0 and "no automatic decision" in text.stdout
    assert "lgbm-" in text.stdout and "features:" in text.stdout
    missing = await cli(stack, "interview", "report", "cand_nobody")
    assert missing.returncode == 2 and "no interview report" in missing.stderr
    assert "Traceback" not in missing.stderr
    forged = await cli(stack, "interview", "consent", "bogus", "--recording", "--ai-scoring")
    assert forged.returncode == 2 and "not valid" in forged.stderr
