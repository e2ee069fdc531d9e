"""The PII vault, the outbox and employee files: erasure and idempotent side effects."""

from collections.abc import Callable

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from domain.errors import UserError
from domain.record.events import EventDraft
from ledger.event_store import EventStore
from ledger.outbox import Employees, Outbox
from ledger.vault import SubjectVault

DraftFactory = Callable[..., list[EventDraft]]


def test_register_returns_a_pseudonym_and_keeps_the_pii_in_the_vault(engine: Engine) -> None:
    vault = SubjectVault(engine)
    candidate = vault.register("李雷", "lei@example.com", "+86 138 0000 0000", "110101200001010000")

    assert candidate.startswith("cand_") and len(candidate) == 25
    record = vault.get(candidate)
    assert record is not None
    assert (record.name, record.email, record.national_id) == (
        "李雷",
        "lei@example.com",
        "110101200001010000",
    )
    assert vault.get("cand_unknown") is None


def test_documents_are_content_hashed_and_replaced(engine: Engine) -> None:
    vault = SubjectVault(engine)
    candidate = vault.register(name="Han Meimei")
    first = vault.store_document(candidate, "resume", b"v1", "text/plain")
    second = vault.store_document(candidate, "resume", b"version two", "text/plain")

    assert first != second and len(second) == 64
    assert vault.document(candidate, "resume") == b"version two"
    assert vault.document(candidate, "transcript") is None
    with pytest.raises(UserError, match="no subject"):
        vault.store_document("cand_unknown", "resume", b"x", "text/plain")


def test_erasure_removes_pii_and_leaves_the_chain_verifying(
    engine: Engine, make_drafts: DraftFactory
) -> None:
    vault, store = SubjectVault(engine), EventStore(engine)
    candidate = vault.register("Li Lei", "lei@example.com")
    vault.store_document(candidate, "resume", b"%PDF-1.7 ...", "application/pdf")
    store.append(make_drafts(candidate, 4))

    assert vault.erase(candidate) is True
    assert vault.erase(candidate) is False
    assert vault.get(candidate) is None
    assert vault.document(candidate, "resume") is None
    assert store.count(candidate) == 4
    assert store.verify(candidate) == []


def test_outbox_enqueue_is_idempotent_on_its_key(engine: Engine) -> None:
    outbox = Outbox(engine)
    # Two real calls, as a retried activity makes them: the second must be a no-op.
    ids = [
        outbox.enqueue("wf-1:invite", "cand_a", "ai_interview_invitation", "sms") for _ in range(2)
    ]
    outbox.enqueue("wf-1:reminder", "cand_a", "booking_reminder", "sms")

    assert ids == ["wf-1:invite", "wf-1:invite"]
    queued = outbox.for_candidate("cand_a")
    assert sorted(n.id for n in queued) == ["wf-1:invite", "wf-1:reminder"]
    assert {n.status for n in queued} == {"queued"}


def test_employee_file_is_created_once_with_a_derived_id(engine: Engine) -> None:
    employees = Employees(engine)
    first, retry = employees.create("cand_a"), employees.create("cand_a")

    assert first == retry and first.startswith("emp_") and len(first) == 20
    assert employees.create("cand_b") != first
    with engine.connect() as connection:
        assert connection.scalar(sa.text("SELECT count(*) FROM employees")) == 2
