"""A season's import holds little in memory: it lists one folder at a time and
registers applications (and writes their manifests) in parts, numbering
chunks on from the part before, so a large import screens exactly what one
that registered everything at once would (bench/screening measured the
memory)."""

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from hireloop.services import screening
from hireloop.services.screening import ConsentSource, import_resumes, resume_files
from ledger.db import engine_for
from ledger.models import Application
from ledger.stores.applications import ApplicationStore
from ledger.stores.requisitions import RequisitionStore
from simulation.resume_corpus import AS_OF, CorpusEntry
from tests.conftest import Stack
from tests.screening.conftest import requisition


def test_files_are_listed_relative_sorted_and_without_hidden_ones(tmp_path: Path) -> None:
    names = ["b.txt", "a/z.pdf", "a/b/c.md", "a.txt", "a/.hidden", ".git/x", "c/d/e.docx"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name)
    before = [  # what the import listed when it held every path at once
        p.relative_to(tmp_path).as_posix()
        for p in sorted(tmp_path.rglob("*"))
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(tmp_path).parts)
    ]
    assert list(resume_files(tmp_path)) == before == [
        "a/b/c.md", "a/z.pdf", "a.txt", "b.txt", "c/d/e.docx",
    ]  # fmt: skip


def test_a_part_numbers_its_chunks_on_from_the_last(db_url: str) -> None:
    store = ApplicationStore(engine_for(db_url))
    first = store.register("req", "batch", [f"{n:064x}" for n in range(5)], 2)
    second = store.register("req", "batch", [f"{n:064x}" for n in range(5, 8)], 2, first_chunk=3)
    assert [q.chunk for q in first] == [0, 0, 1, 1, 2]
    assert [q.chunk for q in second] == [3, 3, 4]


async def test_an_import_in_parts_screens_everyone_once(
    stack: Stack, corpus: tuple[Path, list[CorpusEntry]], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, entries = corpus
    monkeypatch.setattr(screening, "REGISTER_PART", 14)  # parts of two chunks of 7
    RequisitionStore(stack.engine).create(requisition())
    summary = await import_resumes(
        stack.client,
        stack.engine,
        stack.settings,
        folder,
        "credit-risk-test",
        consent=ConsentSource(everyone=True),
        chunk_size=7,
        as_of=AS_OF,
    )
    assert summary.files == summary.screened == len(entries) == 60
    manifests = sorted((stack.settings.data_dir / "screening" / str(summary.batch_id)).iterdir())
    chunks = [json.loads(path.read_text()) for path in manifests]
    assert [len(chunk) for chunk in chunks] == [7] * 8 + [4]
    listed = [
        Path(entry["path"]).relative_to(folder.resolve()).as_posix() for c in chunks for entry in c
    ]
    assert listed == list(resume_files(folder))
    with stack.engine.connect() as connection:
        rows = connection.execute(sa.select(Application.chunk, Application.outcome)).all()
    assert sorted({chunk for chunk, _ in rows}) == list(range(9))
    assert all(outcome is not None for _, outcome in rows)
