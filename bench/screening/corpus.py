"""The screening benchmark's season of resume files, generated once and cached.

``--distinct`` resumes are generated (``simulation.resume_corpus``, seeded,
half in each of two processes; PDF, DOCX, TXT and Markdown, English and
Chinese, five layouts, plus one file of every unreadable kind). The season's
``--resumes`` files are copies of them with a varied name and a unique,
parse-neutral trailer (a PDF comment after ``%%EOF``, a zip archive comment
for DOCX, a whitespace-only last line for text), so every file has its own
sha256, is a separate application and is read and parsed in full; copies of
one resume parse to the same facts. Generating 150,000 distinct files would
take about 45 minutes at 17 ms each and tell nothing more about screening.

Run as ``python -m bench.screening.corpus`` by the benchmark, in a process of
its own: the generator's libraries and the files it reads never stay in the
process whose memory is measured. It prints one JSON line: the season's
folder and the date the resumes are read as of.
"""

import argparse
import json
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from simulation.resume_corpus import AS_OF, BROKEN_KINDS, generate

SEED = 2026


def _generate_part(out: str, count: int, seed: int, broken: int) -> int:
    entries = generate(out, count, seed, broken=broken, as_of=AS_OF)
    (Path(out) / "manifest.jsonl").unlink()
    return len(entries)


def distinct_corpus(cache: Path, distinct: int) -> list[Path]:
    """``distinct`` generated files (one of every unreadable kind among them), cached."""
    folder = cache / f"distinct-{distinct}-{SEED}"
    if not (folder / ".complete").exists():
        shutil.rmtree(folder, ignore_errors=True)
        broken = len(BROKEN_KINDS)
        half = (distinct - broken) // 2
        parts = [(half, SEED, broken), (distinct - broken - half, SEED + 1, 0)]
        with ProcessPoolExecutor(2) as pool:
            jobs = [
                pool.submit(_generate_part, str(folder / f"part{i}"), n, seed, b)
                for i, (n, seed, b) in enumerate(parts)
            ]
            assert sum(job.result() for job in jobs) == distinct
        (folder / ".complete").touch()
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))


def unique_copy(content: bytes, n: int) -> bytes:
    """The same document with a unique trailer no reader turns into text."""
    if b"%PDF-" in content[:1024]:
        return content + f"\n%bench-copy {n}\n".encode()
    if content[-22:-18] == b"PK\x05\x06" and content[-2:] == b"\x00\x00":
        comment = f"bench-copy {n}".encode()
        return content[:-2] + len(comment).to_bytes(2, "little") + comment
    return content + b"\n" + format(n, "b").replace("0", " ").replace("1", "\t").encode() + b"\n"


def season(cache: Path, resumes: int, distinct: int) -> Path:
    """``resumes`` files in folders of 1,000, cached."""
    folder = cache / f"season-{resumes}-{distinct}-{SEED}"
    if (folder / ".complete").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    sources = distinct_corpus(cache, distinct)
    for start in range(0, resumes, 1000):
        sub = folder / f"{start // 1000:04d}"
        sub.mkdir(parents=True)
        for n in range(start, min(start + 1000, resumes)):
            source = sources[n % len(sources)]
            (sub / f"{n:06d}-{source.stem}{source.suffix}").write_bytes(
                unique_copy(source.read_bytes(), n)
            )
    (folder / ".complete").touch()
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--resumes", type=int, required=True)
    parser.add_argument("--distinct", type=int, required=True)
    parser.add_argument("--cache", type=Path, required=True)
    args = parser.parse_args()
    folder = season(args.cache, args.resumes, args.distinct)
    print(json.dumps({"folder": str(folder), "as_of": AS_OF.isoformat()}))


if __name__ == "__main__":
    main()
