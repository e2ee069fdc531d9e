"""Benchmark: a campus season of resumes screened end to end into the ledger.

Usage: ``python -m bench.screening [--resumes 150000] [--distinct 3000]
[--workers 2] [--ledger-url URL] [--verify] [--cache DIR]``

The corpus (``bench.screening.corpus``): ``--distinct`` generated resumes,
copied into ``--resumes`` distinct files, cached under ``--cache``.

The run (``bench.screening.run``): a Temporal dev server (SQLite in WAL mode,
headless), ``--workers`` worker processes (``worker.py``, one per core), the
ledger (a fresh SQLite file unless ``--ledger-url``), the sample requisition
``definitions/requisitions/credit_risk_analyst.yaml`` and ``campus_hire``
deployed; then ``hireloop.services.screening.import_resumes``, exactly what
``hireloop screen import`` runs, in this process. Timed from the first file
hashed to the batch workflow's result: every applicant's events, vault rows
and decision written, and the lifecycles of those who advance (or need a
person) started. Those lifecycles then run on the same workers: the time
until every one has its ``process.started`` in the ledger is printed too.
The workers have no Whisper checkpoint (nothing is spoken in a season's
screening), so they never load torch.

Memory: the summed RSS of the process trees of this process (the import),
the workers and the Temporal server, sampled every 0.2 s from /proc; the peak
per phase, with each process's share at that moment, and each process's own
peak. A season must fit in 2 GiB: **the run exits with status 1 and says so
when the peak is over** (RSS counts shared library pages in every process,
so the figure errs high).

Baseline, same run: bare parsing of every n-th file (``--baseline-sample``)
in one process of its own (``bench.screening.baseline``), no Temporal, no
ledger, before the stack starts and again after it stops (both printed: a
large drift says the machine's load changed; the mean is used). Two ratios:
throughput up to "every applicant decided" over that single-process
throughput (wall time: it moves with the shared machine's load), and the CPU
seconds per resume of every process of the pipeline until then over bare
parsing's (what the pipeline costs beyond parsing; CPU time moves far less
with load than wall time does).
"""

import argparse
import asyncio
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from bench.common import MIB, ROOT, print_compare, print_figures
from bench.screening.run import Season, helper, measure
from hireloop.runtime.stack import SERVER_PRAGMAS

LIMIT_MIB = 2048
"""The memory a campus season must fit in, every process of it together."""


def figures(
    args: argparse.Namespace, season: Season, before: dict[str, Any], after: dict[str, Any]
) -> dict[str, Any]:
    summary = season.summary
    batch = summary.batch
    assert batch is not None
    timings = batch.timings
    spent = timings.read_parse + timings.score + timings.write
    memory = season.memory.report()
    bare_per_s = (before["per_s"] + after["per_s"]) / 2
    bare_cpu_ms = 1000 * (before["cpu_s"] + after["cpu_s"]) / (before["files"] + after["files"])
    pipeline_cpu_ms = 1000 * sum(season.cpu_decided.values()) / summary.screened
    return {
        "resumes": summary.screened,
        "distinct_documents": args.distinct,
        "workers": args.workers,
        "ledger": "postgresql" if args.ledger_url else "sqlite",
        "seconds_until_all_decided": round(season.decided_s, 1),
        "resumes_per_s_decided": round(summary.screened / season.decided_s, 1),
        "batch_seconds": round(season.batch_s, 1),
        "events": batch.events,
        "events_per_s": round(batch.events / season.batch_s, 1),
        "outcomes": batch.outcomes,
        "talent_pool_line": batch.pool_line,
        "lifecycles_started": batch.lifecycles_started,
        "lifecycles_in_ledger": season.lifecycles_in_ledger,
        "lifecycle_drain_seconds_after_batch": round(season.drain_s, 1),
        "events_in_ledger_after_drain": season.events_in_ledger,
        "broken_chains": season.broken_chains,
        "peak_rss_mib": round(season.memory.peak_bytes / MIB),
        "peak_rss_mib_by_phase": memory["by_phase"],
        "own_peak_rss_mib": memory["own_peaks"],
        "workflow_cache": args.workflow_cache,
        "cpu_seconds_until_all_decided": {k: round(v, 1) for k, v in season.cpu_decided.items()},
        "cpu_seconds_during_batch": {k: round(v, 1) for k, v in season.cpu_batch.items()},
        "cpu_seconds_during_drain": {k: round(v, 1) for k, v in season.cpu_drain.items()},
        "temporal_sqlite_pragmas": args.sqlite_pragma,
        "share_read_parse": round(timings.read_parse / spent, 3),
        "share_score": round(timings.score / spent, 3),
        "share_write": round(timings.write / spent, 3),
        "load_average": season.load,
        "baseline_files": before["files"],
        "baseline_parse_per_s_before_after": [round(before["per_s"], 1), round(after["per_s"], 1)],
        "ratio_vs_bare_parsing": round(summary.screened / season.decided_s / bare_per_s, 3),
        "cpu_ms_per_resume_pipeline_until_decided": round(pipeline_cpu_ms, 2),
        "cpu_ms_per_resume_bare_parsing": round(bare_cpu_ms, 2),
        "cpu_ratio_vs_bare_parsing": round(pipeline_cpu_ms / bare_cpu_ms, 3),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--resumes", type=int, default=150_000)
    parser.add_argument("--distinct", type=int, default=3000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--chunk-size", type=int, default=1000)
    parser.add_argument("--parallelism", type=int, default=4)
    parser.add_argument("--baseline-sample", type=int, default=6000)
    parser.add_argument("--drain-timeout", type=float, default=1800.0)
    parser.add_argument("--ledger-url", default="")
    parser.add_argument(
        "--cache",
        type=Path,
        default=ROOT / ".hireloop" / "bench-screening",
        help="where the corpus is kept between runs (and the run's data directory)",
    )
    parser.add_argument(
        "--workflow-cache",
        type=int,
        default=250,
        help="Workflows each worker keeps cached (HIRELOOP_WORKFLOW_CACHE; the worker's "
        "default of 1000 doubles the workers' memory while 12,000 lifecycles start).",
    )
    parser.add_argument(
        "--sqlite-pragma",
        action="append",
        default=None,
        help="For the dev server's SQLite (default: journal_mode=wal, synchronous=normal).",
    )
    parser.add_argument("--verify", action="store_true", help="Verify every chain afterwards.")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = parser.parse_args()
    args.sqlite_pragma = args.sqlite_pragma or list(SERVER_PRAGMAS)
    args.cache = args.cache.resolve()

    print(f"corpus: {args.resumes} files from {args.distinct} generated resumes ...", flush=True)
    corpus = helper(
        "bench.screening.corpus",
        *("--resumes", str(args.resumes), "--distinct", str(args.distinct)),
        *("--cache", str(args.cache)),
    )
    folder, as_of = Path(corpus["folder"]), date.fromisoformat(corpus["as_of"])
    baseline = (
        "bench.screening.baseline",
        *(str(folder), "--sample", str(args.baseline_sample), "--as-of", as_of.isoformat()),
    )
    print(f"baseline: bare parsing of {args.baseline_sample} of them ...", flush=True)
    before = helper(*baseline)
    print("the season, on its own stack ...", flush=True)
    season = asyncio.run(measure(args, folder, as_of))
    print("baseline again, after the stack ...", flush=True)
    after = helper(*baseline)
    result = figures(args, season, before, after)
    print_figures("Batch screening benchmark (python -m bench.screening)", result)
    if args.json:
        print(json.dumps(result))
    peak = result["peak_rss_mib"]
    print_compare(
        "screening",
        {
            "ratio_vs_bare_parsing (throughput until all decided)": result["ratio_vs_bare_parsing"],
            "cpu_ratio_vs_bare_parsing (CPU per resume until all decided)": result[
                "cpu_ratio_vs_bare_parsing"
            ],
            "bare parsing per s before / after (drift)": result[
                "baseline_parse_per_s_before_after"
            ],
            "peak RSS, all processes (limit 2048 MiB)": f"{peak} MiB",
            "load average": season.load,
        },
    )
    if peak > LIMIT_MIB:
        print(
            f"\nFAILED: the season peaked at {peak} MiB across its processes, over the "
            f"{LIMIT_MIB} MiB (2 GiB) it must fit in; at the peak: "
            f"{result['peak_rss_mib_by_phase']}",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
