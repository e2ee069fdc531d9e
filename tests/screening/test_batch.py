"""Batch screening end to end on the real dev server and a real SQLite ledger:
sixty generated resume files through ``ScreeningBatch``, then the talent pool."""

import asyncio
import json
from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa
from temporalio.client import WorkflowExecutionStatus

from domain.audit.funnel import funnel
from domain.errors import UserError
from domain.record.messages import workflow_id
from domain.record.state import CandidateState
from domain.screening.batch import APPLICATION_EVENTS, OUTCOMES, batch_workflow_id
from hireloop.services.screening import ConsentSource, ImportSummary, import_resumes
from hireloop.services.talent_pool import MATCH_WORKFLOW_ID, match
from ledger.event_store import EventStore
from ledger.models import Application
from ledger.outbox import Outbox
from ledger.stores.requisitions import RequisitionStore
from ledger.vault import SubjectVault
from simulation.resume_corpus import AS_OF, CorpusEntry
from tests.conftest import Stack
from tests.screening.conftest import requisition
from workflows.lifecycle import CandidateLifecycle

FIRST = ("application.received", "resume.parsed")
CHAINS = {
    "manual_review": [*FIRST, "screening.decided"],  # then the lifecycle's (a person reads it)
    "rejected": [*FIRST, "screening.scored", "screening.decided"],
    "talent_pool": [*FIRST, "screening.scored", "screening.decided", "talent_pool.added"],
    "advance": [*FIRST, "screening.scored", "screening.decided"],  # then the lifecycle's
}


def consent_for(folder: Path) -> ConsentSource:
    """Every other applicant ticked the talent-pool box."""
    names = sorted(p.name for p in folder.iterdir())
    return ConsentSource(names=frozenset(names[::2]))


async def run_import(stack: Stack, folder: Path, requisition_id: str) -> ImportSummary:
    return await import_resumes(
        stack.client,
        stack.engine,
        stack.settings,
        folder,
        requisition_id,
        consent=consent_for(folder),
        chunk_size=16,
        as_of=AS_OF,
    )


def applications(stack: Stack) -> dict[str, Application]:
    with stack.engine.connect() as connection:
        rows = connection.execute(sa.select(Application)).all()
    return {row.candidate_id: row for row in rows}  # type: ignore[misc]


def assert_one_key_scheme(store: EventStore) -> None:
    """Every event is keyed ``<origin>#<n>`` (``domain.record.keys``): a
    workflow's events by its id and its recorder's count, batch screening's by
    the application and the event's kind, an invitation by requisition and member."""
    numbers: dict[str, list[int]] = {}
    for stream in store.streams():
        for event in store.stream(stream):
            origin, _, n = event.key.rpartition("#")
            numbers.setdefault(origin, []).append(int(n))
            if event.workflow_id.startswith("screening-"):
                expected = f"application-{stream}#{APPLICATION_EVENTS.index(event.type) + 1}"
            elif event.workflow_id == MATCH_WORKFLOW_ID:
                expected = f"pool-match-{event.payload['requisition_id']}-{stream}#1"
            else:
                assert event.workflow_id.startswith(f"candidate-{stream}")
                expected = f"{event.workflow_id}#{n}"
            assert event.key == expected
    workflows = {o: sorted(ns) for o, ns in numbers.items() if o.startswith("candidate-")}
    assert workflows and all(ns == list(range(1, len(ns) + 1)) for ns in workflows.values())


async def until_at_interview(stack: Stack, cid: str) -> CandidateState:
    handle = stack.client.get_workflow_handle(workflow_id(cid))
    for _ in range(200):
        state: CandidateState = await handle.query(CandidateLifecycle.state)
        if state.stage == "ai_interview":
            return state
        await asyncio.sleep(0.05)
    raise AssertionError(f"{cid} never reached the AI interview")


async def test_a_batch_screens_everyone_into_verifiable_chains(
    stack: Stack, corpus: tuple[Path, list[CorpusEntry]]
) -> None:
    folder, entries = corpus
    RequisitionStore(stack.engine).create(requisition())
    summary = await run_import(stack, folder, "credit-risk-test")

    store = EventStore(stack.engine)
    apps = applications(stack)
    assert summary.screened == len(apps) == len(entries) == 60
    assert sum(summary.outcomes.values()) == 60
    assert all(summary.outcomes[o] > 0 for o in OUTCOMES), summary.outcomes
    broken = {p.path.name for p in entries if p.expected_problem}
    assert summary.outcomes["manual_review"] >= len(broken)
    assert store.verify() == []

    decided: Counter[str] = Counter()
    for cid, app in apps.items():
        events = store.stream(cid)
        kinds = [e.type for e in events]
        outcome = next(e.payload["outcome"] for e in events if e.type == "screening.decided")
        assert outcome == app.outcome
        expected = CHAINS[outcome]
        assert kinds[: len(expected)] == expected
        assert outcome in ("advance", "manual_review") or kinds == expected
        decided[outcome] += 1
        if outcome == "manual_review":
            assert events[1].payload["status"] == "problem" and events[1].payload["reason"]
            assert "screening.scored" not in kinds
        else:
            scored = next(e.payload for e in events if e.type == "screening.scored")
            assert scored["model_version"] == "lgbm-fit/1" and len(scored["input_hash"]) == 64
            assert scored["passed"] == (outcome == "advance")
        if outcome == "talent_pool":
            added = next(e.payload for e in events if e.type == "talent_pool.added")
            assert added["score"] >= added["percentile_line"] == summary.batch.pool_line  # type: ignore[union-attr]
    assert decided == Counter(summary.outcomes)

    report = funnel(e for s in store.streams() for e in store.stream(s))
    assert report.bulk_screened == 60
    assert report.reached["screening"] == 60


async def test_advancing_candidates_start_at_the_ai_interview(
    stack: Stack, corpus: tuple[Path, list[CorpusEntry]]
) -> None:
    folder, _ = corpus
    RequisitionStore(stack.engine).create(requisition())
    summary = await run_import(stack, folder, "credit-risk-test")
    advancing = [cid for cid, app in applications(stack).items() if app.outcome == "advance"]
    assert len(advancing) > 0 and summary.batch is not None
    assert summary.batch.lifecycles_started == len(advancing) + summary.outcomes["manual_review"]

    for cid in advancing:
        state = await until_at_interview(stack, cid)
        assert state.stages == ["screening", "ai_interview"]
        assert state.variables["prescreened"] is True
        handle = stack.client.get_workflow_handle(workflow_id(cid))
        assert (await handle.describe()).status == WorkflowExecutionStatus.RUNNING
        kinds = [e.type for e in EventStore(stack.engine).stream(cid)]
        assert kinds.index("screening.decided") < kinds.index("process.started")
        nodes = [
            e.payload["node"]
            for e in EventStore(stack.engine).stream(cid)
            if e.type == "node.entered"
        ]
        assert "screen_resume" not in nodes and "ai_interview" in nodes


async def test_rerunning_the_import_skips_everything(
    stack: Stack, corpus: tuple[Path, list[CorpusEntry]]
) -> None:
    folder, _ = corpus
    RequisitionStore(stack.engine).create(requisition())
    await run_import(stack, folder, "credit-risk-test")
    store = EventStore(stack.engine)
    count = sum(
        1
        for s in store.streams()
        for e in store.stream(s)
        if e.type.startswith(("appl", "resume", "screening.scored"))
    )
    ids = set(applications(stack))

    again = await run_import(stack, folder, "credit-risk-test")

    assert (again.skipped, again.screened, again.batch) == (60, 0, None)
    assert set(applications(stack)) == ids
    screening = {"application.received", "resume.parsed", "screening.scored"}
    assert sum(1 for s in ids for e in store.stream(s) if e.type in screening) <= count
    assert all(
        sum(1 for e in store.stream(cid) if e.type == "application.received") == 1 for cid in ids
    )


async def test_an_interrupted_import_is_followed_not_repeated(
    stack: Stack, corpus: tuple[Path, list[CorpusEntry]]
) -> None:
    """Ctrl-C stops the command, not the batch: the rerun follows the batch
    still running on the server and then finds nothing left to do."""
    folder, _ = corpus
    RequisitionStore(stack.engine).create(requisition())
    first = asyncio.create_task(run_import(stack, folder, "credit-risk-test"))
    while not applications(stack):
        await asyncio.sleep(0.01)
    await asyncio.sleep(0.3)
    first.cancel()
    with pytest.raises(asyncio.CancelledError):
        await first

    summary = await run_import(stack, folder, "credit-risk-test")

    assert summary.screened + summary.skipped == 60
    assert all(app.outcome is not None for app in applications(stack).values())
    batches = {app.batch_id for app in applications(stack).values()}
    assert len(batches) == 1 and summary.batch_id in batches
    store = EventStore(stack.engine)
    assert store.verify() == []
    for cid in applications(stack):
        kinds = [e.type for e in store.stream(cid)]
        assert kinds.count("application.received") == kinds.count("screening.decided") == 1


async def test_no_pii_leaves_the_vault(
    stack: Stack, corpus: tuple[Path, list[CorpusEntry]]
) -> None:
    folder, entries = corpus
    RequisitionStore(stack.engine).create(requisition())
    summary = await run_import(stack, folder, "credit-risk-test")
    vault = SubjectVault(stack.engine)
    people = [vault.get(cid) for cid in applications(stack)]
    secrets = {
        value
        for person in people
        if person is not None
        for value in (person.name, person.email, person.phone, person.national_id)
        if value and len(value) > 3
    }
    assert len(secrets) > 50  # the parser found contact details, and they are in the vault
    store = EventStore(stack.engine)
    ledger_text = json.dumps(
        [e.model_dump(mode="json") for s in store.streams() for e in store.stream(s)],
        ensure_ascii=False,
    )
    handle = stack.client.get_workflow_handle(batch_workflow_id(str(summary.batch_id)))
    history = json.dumps((await handle.fetch_history()).to_json_dict(), ensure_ascii=False)
    for secret in secrets:
        assert secret not in ledger_text
        assert secret not in history
    assert str(folder) not in history  # file paths (names) stay in the manifest on disk
    assert vault.document(next(iter(applications(stack))), "resume") is not None
    assert len(entries) == 60


async def test_talent_pool_honours_consent_and_pool_match_invites_the_best(
    stack: Stack, corpus: tuple[Path, list[CorpusEntry]]
) -> None:
    folder, _ = corpus
    store = RequisitionStore(stack.engine)
    store.create(requisition())
    await run_import(stack, folder, "credit-risk-test")
    vault = SubjectVault(stack.engine)
    events = EventStore(stack.engine)
    apps = applications(stack)
    pooled = [cid for cid, app in apps.items() if app.outcome == "talent_pool"]
    refused = [
        cid
        for cid, app in apps.items()
        if any(
            e.type == "screening.decided" and e.payload["reason"] == "no_pool_consent"
            for e in events.stream(cid)
        )
    ]
    assert pooled and refused
    assert all((s := vault.get(cid)) is not None and s.pool_consent for cid in pooled)
    assert not any((s := vault.get(cid)) is not None and s.pool_consent for cid in refused)

    store.create(requisition(id="credit-risk-2027", pass_threshold=40))
    withdrawn, erased = pooled[0], pooled[1]
    vault.set_pool_consent(withdrawn, False)
    vault.erase(erased)

    report = match(
        stack.engine, stack.settings.scoring_models, "credit-risk-2027", top=5, invite=True
    )

    assert report.members == len(pooled) and report.considered == len(pooled) - 2
    ranked = [m.candidate_id for m in report.matches]
    assert withdrawn not in ranked and erased not in ranked
    assert set(ranked) <= set(pooled) and len(ranked) == min(5, len(pooled) - 2)
    scores = [m.score for m in report.matches]
    assert scores == sorted(scores, reverse=True)
    invited = [m.candidate_id for m in report.matches if m.invited]
    assert invited and report.invited_now == len(invited)
    for cid in invited:
        matched = [e for e in events.stream(cid) if e.type == "talent_pool.matched"]
        assert len(matched) == 1 and matched[0].payload["requisition_id"] == "credit-risk-2027"
        assert [n.template for n in Outbox(stack.engine).for_candidate(cid)] == [
            "talent_pool_invitation"
        ]
    again = match(
        stack.engine, stack.settings.scoring_models, "credit-risk-2027", top=5, invite=True
    )
    assert again.invited_now == 0
    assert events.verify() == []
    # Lifecycles start as the batch ends; wait until one has written its events.
    advancing = [cid for cid, app in apps.items() if app.outcome == "advance"]
    await until_at_interview(stack, advancing[0])
    assert_one_key_scheme(events)


async def test_an_import_without_a_worker_is_refused(
    stack: Stack, corpus: tuple[Path, list[CorpusEntry]]
) -> None:
    folder, _ = corpus
    RequisitionStore(stack.engine).create(requisition())
    idle = stack.settings.model_copy(update={"task_queue": "nobody-polls-this"})
    with pytest.raises(UserError, match="no worker is polling"):
        await import_resumes(stack.client, stack.engine, idle, folder, "credit-risk-test")
    assert applications(stack) == {}
