"""Benchmark: candidates through the whole default lifecycle, against bare Temporal.

Usage: ``python -m bench.lifecycle [--candidates 100] [--arrivals-per-s 0.5]``

Strong, willing candidates arrive at a steady rate and go the whole of
``campus_hire``: screening, AI interview (a child workflow, typed answers),
second interview, offer, onboarding, training with the 90-day probation,
review. Simulated people answer every human step as soon as it shows up in
the ledger. Timers run compressed (5 definition days = 8 s, so the probation
lasts 144 s): a lifecycle's wall time is set by its timers and its people,
so the figure of merit is what the machine spends, CPU seconds of the worker
process plus the Temporal server per lifecycle.

Baselines, on their own server and worker each, started at the same moments
as the lifecycles (``bench.lifecycle.run``) and replaying what a lifecycle
asks of Temporal (``bench.lifecycle.plan``):

* **bare** (the issue's): per candidate one workflow with the lifecycle's
  activities (no-ops) and its fired timers, nothing else;
* **same shape**: the same activities split between a parent and a child,
  the same timers including the deadlines a person's answer cancels, and the
  same Updates, answered after ``--think`` seconds like the people's steps.

All three sides are measured over one window, from the first arrival until
every side has finished, so the idle CPU of a server and a worker waiting out
the timers is in numerator and denominator alike and nothing is subtracted.
The ratio is total CPU over total CPU; the excess (lifecycle minus baseline,
per lifecycle) is free of idle cost altogether. The idle rates measured
before the window are printed to show how much of each figure is waiting.

Exit status 1 when a lifecycle did not end hired, a chain does not verify,
or the lifecycles no longer match the baselines' plan.
"""

import argparse
import asyncio
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.common import print_compare, print_figures
from bench.lifecycle.plan import PLAN, mismatch
from bench.lifecycle.run import SIDES, Options, Window, measure


def side_cpu(window: Window, source: dict[str, float], side: str) -> float:
    return sum(v for k, v in source.items() if k.startswith(f"{side}/"))


def plan_summary() -> str:
    counts = PLAN.counts()
    return (
        f"{counts['a']} activities, {counts['u']} Updates, {counts['t']} timers fired"
        f" ({counts['timer_seconds']} s), {counts['d']} deadlines cancelled"
    )


def figures(window: Window, options: Options) -> dict[str, Any]:
    n = options.candidates
    cpu = {side: side_cpu(window, window.cpu_s, side) for side in SIDES}
    idle = {side: side_cpu(window, window.idle_rate, side) for side in SIDES}
    life = window.lifecycle
    return {
        "candidates": n,
        "arrivals_per_s": options.arrivals_per_s,
        "hired": life["hired"],
        "window_wall_s": round(window.wall_s, 1),
        **{f"{side}_finished_after_s": round(t, 1) for side, t in window.finished_s.items()},
        "lifecycles_per_s": round(n / window.wall_s, 3),
        "events": life["events"],
        "events_per_s": round(life["events"] / window.wall_s, 1),
        "plan_per_lifecycle": plan_summary(),
        **{f"cpu_ms_per_candidate_{side}": round(1000 * cpu[side] / n, 1) for side in SIDES},
        **{f"cpu_s_{k.replace('/', '_')}": round(v, 1) for k, v in sorted(window.cpu_s.items())},
        **{
            f"idle_cpu_share_{side}": round(idle[side] * window.wall_s / cpu[side], 3)
            for side in SIDES
        },
        "ratio_cpu": round(cpu["lifecycle"] / cpu["bare"], 3),
        "ratio_cpu_vs_shape": round(cpu["lifecycle"] / cpu["shape"], 3),
        "excess_cpu_ms_per_lifecycle_vs_bare": round(
            1000 * (cpu["lifecycle"] - cpu["bare"]) / n, 1
        ),
        "excess_cpu_ms_per_lifecycle_vs_shape": round(
            1000 * (cpu["lifecycle"] - cpu["shape"]) / n, 1
        ),
        "step_latency_p50_s": round(life["step_latency_p50_s"], 3),
        "step_latency_p95_s": round(life["step_latency_p95_s"], 3),
        "broken_chains": life["broken_chains"],
        "load_average_in_window": window.load,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--candidates", type=int, default=100)
    parser.add_argument(
        "--arrivals-per-s",
        type=float,
        default=0.5,
        help="candidates arriving per second, on each side (three sides share the cores)",
    )
    parser.add_argument(
        "--think", type=float, default=0.25, help="seconds before each Update of the shape side"
    )
    parser.add_argument("--idle-seconds", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    options = Options(
        args.candidates, args.arrivals_per_s, args.think, args.idle_seconds, args.seed
    )
    with tempfile.TemporaryDirectory(prefix="hireloop-bench-lifecycle-") as tmp:
        window = asyncio.run(measure(Path(tmp), options))
    result = figures(window, options)
    print_figures("Lifecycle benchmark (python -m bench.lifecycle)", result)
    problems = mismatch(window.plans)
    if problems:
        print(
            "\nFAILED: the lifecycles no longer match the baselines' plan:", *problems, sep="\n  "
        )
        print("measured scripts (count: parent | child), for bench/lifecycle/plan.py:")
        for plan, count in sorted(window.plans.items(), key=lambda item: -item[1]):
            print(f"  {count}: {plan.parent!r} | {plan.child!r}")
    if result["hired"] != options.candidates or result["broken_chains"]:
        problems.append(
            f"{result['hired']} of {options.candidates} hired, "
            f"{result['broken_chains']} broken chains"
        )
        print(f"\nFAILED: {problems[-1]}")
    print_compare(
        "lifecycle",
        {
            "ratio_cpu (lifecycle / bare, same window)": result["ratio_cpu"],
            "ratio_cpu_vs_shape": result["ratio_cpu_vs_shape"],
            "excess CPU ms per lifecycle vs bare / vs shape": (
                f"{result['excess_cpu_ms_per_lifecycle_vs_bare']} / "
                f"{result['excess_cpu_ms_per_lifecycle_vs_shape']}"
            ),
            "load average (1 min) in the window, mean / max": (
                f"{window.load['mean']} / {window.load['max']}"
            ),
        },
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
