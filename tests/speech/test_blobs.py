"""The content-addressed blob store that answer audio lives in."""

import hashlib
from pathlib import Path

import pytest

from ledger.blobs import BlobCorrupt, BlobNotFound, BlobStore, InvalidBlobRef


def test_put_get_round_trip_is_content_addressed_and_idempotent(tmp_path: Path) -> None:
    store = BlobStore(tmp_path)
    content = b"RIFF....WAVE" + bytes(range(256)) * 10
    ref = store.put(content)

    assert ref == hashlib.sha256(content).hexdigest()
    assert store.path(ref) == tmp_path / ref[:2] / ref[2:4] / ref
    assert store.get(ref) == content
    assert store.exists(ref) and store.size(ref) == len(content)
    assert store.put(content) == ref  # a retried upload is a no-op
    assert [p.name for p in store.path(ref).parent.iterdir()] == [ref]  # no temp files left


def test_get_verifies_the_hash_and_put_repairs_a_damaged_copy(tmp_path: Path) -> None:
    store = BlobStore(tmp_path)
    ref = store.put(b"the candidate's answer")
    store.path(ref).write_bytes(b"something else")

    with pytest.raises(BlobCorrupt, match="no longer matches"):
        store.get(ref)
    assert store.put(b"the candidate's answer") == ref
    assert store.get(ref) == b"the candidate's answer"


def test_missing_and_malformed_references(tmp_path: Path) -> None:
    store = BlobStore(tmp_path)
    missing = "0" * 64
    assert not store.exists(missing)
    with pytest.raises(BlobNotFound, match=missing):
        store.get(missing)
    with pytest.raises(BlobNotFound):
        store.size(missing)
    for bad in ("../../etc/passwd", "AB" * 32, "ab" * 31, ""):
        with pytest.raises(InvalidBlobRef):
            store.get(bad)
