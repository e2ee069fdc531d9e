"""The screening benchmark's baseline: bare parsing, one process, no Temporal.

``python -m bench.screening.baseline FOLDER --sample N --as-of DATE`` reads
and parses every n-th file of the season (``N`` of them) with
``adapters.documents.reader.parse_resume``, in this one process, no ledger,
and prints one JSON line: files, wall and CPU seconds, files per second. It runs in a
process of its own, before the stack starts, so the parsers' tables (jieba's
dictionary among them) are never counted in the import process's memory,
which stands for ``hireloop screen import`` and parses nothing.
"""

import argparse
import json
import time
from datetime import date
from pathlib import Path

from adapters.documents.reader import parse_resume


def bare_parsing(folder: Path, sample: int, as_of: date) -> dict[str, float]:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    chosen = files[:: max(1, len(files) // sample)][:sample]
    started, cpu = time.perf_counter(), time.process_time()
    for path in chosen:
        parse_resume(path.read_bytes(), path.name, as_of=as_of)
    seconds = time.perf_counter() - started
    return {
        "files": len(chosen),
        "seconds": seconds,
        "cpu_s": time.process_time() - cpu,
        "per_s": len(chosen) / seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--sample", type=int, default=6000)
    parser.add_argument("--as-of", type=date.fromisoformat, required=True)
    args = parser.parse_args()
    print(json.dumps(bare_parsing(args.folder, args.sample, args.as_of)))


if __name__ == "__main__":
    main()
