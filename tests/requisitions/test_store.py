"""The requisition store on SQLite and PostgreSQL: idempotent create, clear conflicts."""

from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa

from domain.errors import UserError
from domain.screening.jd_analysis import analyse
from domain.screening.requisition import Requisition, content_hash
from ledger.db import engine_for
from ledger.stores.requisitions import RequisitionConflict, RequisitionStore
from tests.requisitions.conftest import credit_risk


def test_create_get_list(db_url: str) -> None:
    store = RequisitionStore(engine_for(db_url))
    first = store.create(credit_risk())
    assert first.created is True
    assert first.content_hash == content_hash(credit_risk())
    assert first.requisition == credit_risk()
    assert first.analysis == analyse(credit_risk())
    assert first.created_at.tzinfo is not None

    got = store.get("credit-risk-analyst")
    assert got.created is False and got.requisition == first.requisition
    assert got.analysis.keywords == first.analysis.keywords

    store.create(credit_risk(id="another-job"))
    assert [s.requisition.id for s in store.list()] == ["another-job", "credit-risk-analyst"]


def test_create_is_idempotent_on_identical_content(db_url: str) -> None:
    store = RequisitionStore(engine_for(db_url))
    first = store.create(credit_risk())
    again = store.create(Requisition.model_validate(credit_risk().model_dump()))
    assert again.created is False
    assert again.content_hash == first.content_hash and again.created_at == first.created_at
    with engine_for(db_url).connect() as connection:
        assert connection.scalar(sa.text("SELECT count(*) FROM requisitions")) == 1


def test_conflicting_content_under_an_existing_id_is_refused(db_url: str) -> None:
    store = RequisitionStore(engine_for(db_url))
    stored = store.create(credit_risk())
    with pytest.raises(RequisitionConflict) as caught:
        store.create(credit_risk(pass_threshold=70))
    message = str(caught.value)
    assert "requisition 'credit-risk-analyst' already exists with different content" in message
    assert stored.content_hash[:12] in message and "credit-risk-analyst-v2" in message
    assert store.get("credit-risk-analyst").requisition.pass_threshold == 60  # unchanged


def test_unknown_id(db_url: str) -> None:
    with pytest.raises(UserError, match="no requisition 'nope'; `hireloop requisitions list`"):
        RequisitionStore(engine_for(db_url)).get("nope")
    assert RequisitionStore(engine_for(db_url)).list() == []


def test_concurrent_creates_of_the_same_requisition_store_one(db_url: str) -> None:
    store = RequisitionStore(engine_for(db_url))
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: store.create(credit_risk()), range(4)))
    assert sum(r.created for r in results) == 1
    assert len({r.content_hash for r in results}) == 1
    assert len(store.list()) == 1


def test_stored_rows_hold_the_job_and_no_person(db_url: str) -> None:
    RequisitionStore(engine_for(db_url)).create(credit_risk())
    with engine_for(db_url).connect() as connection:
        row = connection.execute(sa.text("SELECT * FROM requisitions")).mappings().one()
    assert set(row) == {"id", "title", "content_hash", "definition", "analysis", "created_at"}
