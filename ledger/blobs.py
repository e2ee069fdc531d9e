"""A content-addressed blob store on disk for answer audio and other big files.

Temporal payloads are limited (2 MB) and stored in plain text, so a
recording never travels through a workflow: it is written here once and the
workflow carries its sha256. The hash is the name, so a retried upload is a
no-op, and every read re-hashes the bytes so a damaged or swapped file is
reported instead of being transcribed as if it were the candidate's answer.

Layout: ``root/ab/cd/<sha256>`` (two levels of fan-out keep directories small
at season scale).
"""

import hashlib
import os
import re
import tempfile
from pathlib import Path

_REF = re.compile(r"^[0-9a-f]{64}$")


class BlobError(Exception):
    """A blob cannot be read as asked; the message names the reference only."""


class InvalidBlobRef(BlobError, ValueError):
    """The reference is not a lower-case sha256 hex digest (and so never a path)."""


class BlobNotFound(BlobError, KeyError):
    """No blob is stored under the reference."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class BlobCorrupt(BlobError):
    """The stored bytes no longer hash to their reference."""


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path(self, ref: str) -> Path:
        """Where ``ref`` lives; validates it so a reference can never escape the root."""
        if not isinstance(ref, str) or not _REF.match(ref):
            raise InvalidBlobRef(f"not a sha256 blob reference: {str(ref)[:80]!r}")
        return self.root / ref[:2] / ref[2:4] / ref

    def put(self, content: bytes) -> str:
        """Store ``content``; returns its sha256. Idempotent, and atomic: a reader
        sees the whole blob or none (a damaged copy left by a crash is rewritten)."""
        ref = hashlib.sha256(content).hexdigest()
        target = self.path(ref)
        if target.exists() and sha256_file(target) == ref:
            return ref
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(prefix=".incoming-", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp_name, target)
        except BaseException:
            Path(temp_name).unlink(missing_ok=True)
            raise
        return ref

    def get(self, ref: str) -> bytes:
        """The bytes stored under ``ref``, verified against it."""
        target = self.path(ref)
        try:
            content = target.read_bytes()
        except FileNotFoundError:
            raise BlobNotFound(f"no blob {ref}") from None
        if hashlib.sha256(content).hexdigest() != ref:
            raise BlobCorrupt(f"blob {ref} is damaged: its content no longer matches its hash")
        return content

    def exists(self, ref: str) -> bool:
        return self.path(ref).is_file()

    def size(self, ref: str) -> int:
        """Size in bytes without reading the blob (for upload limits and listings)."""
        try:
            return self.path(ref).stat().st_size
        except FileNotFoundError:
            raise BlobNotFound(f"no blob {ref}") from None


def sha256_file(path: Path) -> str:
    """A file's sha256, read in 1 MiB pieces (recordings and models are large)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
