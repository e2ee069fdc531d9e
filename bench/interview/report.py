"""The interview benchmark's figures, its printed summary, and what failed."""

import math
import statistics
from collections.abc import Sequence
from typing import Any

import numpy as np

from bench.interview.baselines import BareWhisper, ScoringBench, rtf
from bench.interview.histories import own_seconds
from bench.interview.speech import Candidate
from bench.interview.stack import StackRun


def pct(values: Sequence[float], q: float) -> float | None:
    return float(np.percentile(np.asarray(values, dtype=np.float64), q)) if values else None


def rnd(value: float | None, digits: int = 3) -> float | None:
    return None if value is None or math.isnan(value) else round(value, digits)


def summarise(
    candidates: Sequence[Candidate],
    bare: BareWhisper,
    bare_passes: tuple[BareWhisper, BareWhisper],
    scoring: ScoringBench,
    run: StackRun,
    pace: float,
    torch_threads: int | None,
) -> tuple[dict[str, Any], list[str]]:
    """The figures, and what went wrong (empty when every interview worked)."""
    watch = run.watch
    problems: list[str] = []
    latency: list[float] = []
    latency_ack: list[float] = []
    ratios: list[float] = []
    update_s: list[float] = []
    transcribed_after: list[float] = []
    statuses: dict[str, int] = {}
    review_reasons: list[str] = []
    bare_floor = [w + scoring.interview_s for w in bare.wall_s]
    for candidate, floor in zip(candidates, bare_floor, strict=True):
        cid = candidate.candidate_id
        if candidate.error:
            problems.append(f"candidate {candidate.index} ({cid}): {candidate.error}")
            continue
        problems += [f"candidate {candidate.index} ({cid}): {p}" for p in watch.failures(cid)]
        update_s += [a - s for s, a in zip(candidate.sent, candidate.acked, strict=True)]
        for answer, acked in zip(candidate.answers, candidate.acked, strict=True):
            seen = watch.when(cid, "interview.answer_transcribed", answer.question_id)
            if seen is not None:
                transcribed_after.append(seen - acked)
        reported = watch.when(cid, "interview.report_issued")
        report = watch.payload(cid, "interview.report_issued")
        if reported is None or report is None:
            problems.append(f"candidate {candidate.index} ({cid}): no report was issued")
            continue
        status = str(report.get("status"))
        statuses[status] = statuses.get(status, 0) + 1
        reasons = [str(r) for r in report.get("review_reasons") or []]
        review_reasons += reasons
        if any(r.startswith(("missing_answer", "scoring_failed")) for r in reasons):
            problems.append(f"candidate {candidate.index} ({cid}): report {status} {reasons}")
        latency.append(reported - candidate.sent[-1])
        latency_ack.append(reported - candidate.acked[-1])
        ratios.append((reported - candidate.sent[-1]) / floor)

    spans = [s for per in run.spans.values() for s in per]
    transcriptions = sorted(
        (s for s in spans if s.activity == "transcribe_answer" and s.ok and s.audio_s),
        key=lambda s: s.scheduled,
    )
    cold = transcriptions[0] if transcriptions else None
    own = own_seconds(transcriptions)
    steady = transcriptions[1:]
    raw_rtf = [(s.completed - s.scheduled) / (s.audio_s or 1.0) for s in steady]
    own_rtf = [o / (s.audio_s or 1.0) for o, s in zip(own[1:], steady, strict=True)]
    scheduled_after = [s.scheduled - s.accepted for s in transcriptions if s.accepted is not None]
    score_s = [s.completed - s.scheduled for s in spans if s.activity == "score_interview" and s.ok]
    bare_rtf = [w / a for w, a in zip(bare.wall_s, bare.audio_s, strict=True)]
    bare_cpu_per_audio = sum(bare.cpu_s) / sum(bare.audio_s)
    audio_total = sum(c.speech_s for c in candidates)
    cpu_per_audio = run.cpu_s / audio_total

    result: dict[str, Any] = {
        "candidates": len(candidates),
        "questions": len(candidates[0].answers),
        "answer_audio_s_mean": rnd(
            statistics.mean(a.duration_s for c in candidates for a in c.answers), 1
        ),
        "answer_audio_s_min": rnd(min(a.duration_s for c in candidates for a in c.answers), 1),
        "answer_audio_s_max": rnd(max(a.duration_s for c in candidates for a in c.answers), 1),
        "pace": pace,
        "stagger_s": rnd(run.stagger_s, 2),
        "torch_threads": torch_threads or "default",
        "time_scale": run.time_scale,
        "slot_wait_s": rnd(run.slot_wait_s, 1),
        "reports": len(latency),
        "report_status": statuses,
        "review_reasons": sorted(set(review_reasons)),
        "report_latency_p50_s": rnd(pct(latency, 50)),
        "report_latency_p95_s": rnd(pct(latency, 95)),
        "report_latency_max_s": rnd(max(latency) if latency else None),
        "report_latency_from_ack_p50_s": rnd(pct(latency_ack, 50)),
        "report_latency_from_ack_p95_s": rnd(pct(latency_ack, 95)),
        "answer_update_p50_s": rnd(pct(update_s, 50)),
        "answer_update_p95_s": rnd(pct(update_s, 95)),
        "answer_transcribed_after_p50_s": rnd(pct(transcribed_after, 50)),
        "answer_transcribed_after_p95_s": rnd(pct(transcribed_after, 95)),
        "answer_transcribed_after_max_s": rnd(
            max(transcribed_after) if transcribed_after else None
        ),
        "transcriptions": len(transcriptions),
        "transcription_scheduled_after_accept_p95_s": rnd(pct(scheduled_after, 95)),
        "cold_first_transcription_s": rnd(cold.completed - cold.scheduled if cold else None),
        "rtf_raw_mean": rnd(statistics.mean(raw_rtf) if raw_rtf else None, 4),
        "rtf_raw_p95": rnd(pct(raw_rtf, 95), 4),
        "rtf_own_mean": rnd(statistics.mean(own_rtf) if own_rtf else None, 4),
        "rtf_own_p95": rnd(pct(own_rtf, 95), 4),
        "transcriber_busy_share": rnd(sum(own[1:]) / run.wall_s if own else None),
        "score_interview_activity_p50_s": rnd(pct(score_s, 50)),
        "score_interview_activity_p95_s": rnd(pct(score_s, 95)),
        "scoring_batch_rows_per_s": round(scoring.batch_rows_per_s),
        "scoring_single_rows_per_s": round(scoring.single_rows_per_s),
        "scoring_rows": (
            f"{scoring.batch_rows} batch + {scoring.single_rows} single"
            f" x {scoring.dimensions} models"
        ),
        "feature_rows_per_s": round(scoring.features_per_s),
        "bare_model_load_s": rnd(bare.load_s),
        "bare_cold_first_call_s": rnd(bare.cold_s),
        "bare_rtf_mean": rnd(statistics.mean(bare_rtf), 4),
        "bare_rtf_p95": rnd(pct(bare_rtf, 95), 4),
        "bare_rtf_before_stack": rnd(rtf(bare_passes[0]), 4),
        "bare_rtf_after_stack": rnd(rtf(bare_passes[1]), 4),
        "bare_score_interview_s": rnd(scoring.interview_s, 4),
        "bare_floor_p50_s": rnd(pct(bare_floor, 50)),
        "bare_floor_p95_s": rnd(pct(bare_floor, 95)),
        "latency_ratio_p50": rnd(pct(ratios, 50)),
        "latency_ratio_p95": rnd(pct(ratios, 95)),
        "rtf_ratio_own_vs_bare": rnd(
            statistics.mean(own_rtf) / statistics.mean(bare_rtf) if own_rtf else None
        ),
        "run_wall_s": rnd(run.wall_s, 1),
        "idle_cpu_rate": rnd(run.idle_cpu_rate, 4),
        "cpu_s_per_audio_s": rnd(cpu_per_audio, 4),
        "bare_cpu_s_per_audio_s": rnd(bare_cpu_per_audio, 4),
        "cpu_ratio_vs_bare": rnd(cpu_per_audio / bare_cpu_per_audio),
        "target_p95_at_most_s": 15.0,
        "target_met": bool(latency) and (pct(latency, 95) or math.inf) <= 15.0,
        "failed": len(problems),
    }
    return result, problems


def print_summary(result: dict[str, Any], problems: Sequence[str]) -> None:
    def row(label: str, *keys: str, unit: str = "") -> None:
        values = " / ".join(str(result[k]) for k in keys)
        print(f"  {label:<54} {values}{unit}")

    print("\nAI interview benchmark (python -m bench.interview)")
    row("candidates x questions", "candidates", "questions")
    row(
        "answer audio mean (min..max)",
        "answer_audio_s_mean",
        "answer_audio_s_min",
        "answer_audio_s_max",
        unit=" s",
    )
    row("pace / stagger between candidates", "pace", "stagger_s", unit=" s")
    row("torch threads of bare whisper (the worker: 1 per answer)", "torch_threads")
    row("reports issued / statuses", "reports", "report_status")
    row("why a person decides (review reasons)", "review_reasons")
    print("Report latency after the last answer (client clock, 50 ms polls)")
    row(
        "p50 / p95 / max",
        "report_latency_p50_s",
        "report_latency_p95_s",
        "report_latency_max_s",
        unit=" s",
    )
    row(
        "p50 / p95 from the last answer's Update returning",
        "report_latency_from_ack_p50_s",
        "report_latency_from_ack_p95_s",
        unit=" s",
    )
    row("target p95 <= 15 s met", "target_met")
    row("answer upload + Update p50 / p95", "answer_update_p50_s", "answer_update_p95_s", unit=" s")
    row(
        "each answer transcribed (ledger) after p50/p95/max",
        "answer_transcribed_after_p50_s",
        "answer_transcribed_after_p95_s",
        "answer_transcribed_after_max_s",
        unit=" s",
    )
    print("Transcription (transcribe_answer activities, from the histories)")
    row("activities / first (cold: load + warm-up)", "transcriptions", "cold_first_transcription_s")
    row(
        "scheduled after the answer's Update accepted, p95",
        "transcription_scheduled_after_accept_p95_s",
        unit=" s",
    )
    row("RTF raw (incl. waiting behind other answers) mean/p95", "rtf_raw_mean", "rtf_raw_p95")
    row("RTF own (decoding, measured by the activity) mean / p95", "rtf_own_mean", "rtf_own_p95")
    row("transcriber busy share of the run (one at a time)", "transcriber_busy_share")
    print("Scoring")
    row(
        "score_interview activity p50 / p95",
        "score_interview_activity_p50_s",
        "score_interview_activity_p95_s",
        unit=" s",
    )
    row("rows/s batch / one at a time", "scoring_batch_rows_per_s", "scoring_single_rows_per_s")
    row("rows scored", "scoring_rows")
    row("feature rows computed /s", "feature_rows_per_s")
    print("Baseline, same run: bare whisper in-process, one answer after another")
    row("model load / first call", "bare_model_load_s", "bare_cold_first_call_s", unit=" s")
    row("RTF mean / p95 (mean of the two passes)", "bare_rtf_mean", "bare_rtf_p95")
    row("RTF before / after the stack (drift)", "bare_rtf_before_stack", "bare_rtf_after_stack")
    row("floor (last answer + score) p50 / p95", "bare_floor_p50_s", "bare_floor_p95_s", unit=" s")
    print("Ratios against the baseline")
    row("report latency / floor, p50 / p95", "latency_ratio_p50", "latency_ratio_p95")
    row("RTF own / bare", "rtf_ratio_own_vs_bare")
    row(
        "CPU s per audio s: worker+server / bare (ratio)",
        "cpu_s_per_audio_s",
        "bare_cpu_s_per_audio_s",
        "cpu_ratio_vs_bare",
    )
    row("run wall (first answer to last report)", "run_wall_s", unit=" s")
    if problems:
        print("FAILED:")
        for problem in problems:
            print(f"  {problem}")
