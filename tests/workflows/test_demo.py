"""The demo's own code path, end to end, on a real dev server, worker and SQLite.

``hireloop demo`` once printed "0 spoken answers transcribed by Whisper" and
let 12 of 38 interviews expire unanswered on a busy machine. Here a few
seeded applicants (one of them a speaker who reaches the AI interview) go
through ``simulation.demo.play`` exactly as the command runs it: the worker
is the real ``worker.py`` process, the timers run at the demo's compression,
and the machine is whatever else the test run puts on it.
"""

import io
from collections import defaultdict
from pathlib import Path

import pytest
from rich.console import Console
from temporalio.testing import WorkflowEnvironment

from domain.record.events import RecordedEvent
from simulation.demo import DemoOptions, DemoRun, play, summarise, voice_figures
from tests.conftest import make_settings

# Seed 36 with half the applicants speaking: two reach the AI interview, one
# of them a speaker who consents, books and answers; the other applicants
# stop at screening. Nobody is hired, so no 90-day probation to wait out.
OPTIONS = DemoOptions(candidates=5, seed=36, voice_share=0.5, timeout=600)


def closed_on_a_willing_person(run: DemoRun) -> list[str]:
    """Candidates whose step closed although their persona would have acted:
    an interview not booked or expired, an offer expired, a withdrawal."""
    streams: dict[str, list[RecordedEvent]] = defaultdict(list)
    for event in run.events:
        streams[event.stream].append(event)
    problems: list[str] = []
    for cid, who in run.personas.items():
        types = {e.type for e in streams[cid]}
        outcome = run.simulator.finished.get(cid)
        answers = who.consents_to_recording and who.books_interview and who.finishes_interview
        if "interview.not_booked" in types and who.books_interview:
            problems.append(f"{cid}: interview not booked")
        if "interview.closed" in types and answers:
            problems.append(f"{cid}: interview expired with answers missing")
        if outcome == "withdrawn" and answers:
            problems.append(f"{cid}: withdrawn")
        if outcome == "offer_expired" and who.answers_offer:
            problems.append(f"{cid}: offer expired")
    return problems


@pytest.mark.slow
async def test_the_demo_transcribes_and_scores_speech_and_nobody_misses_a_window(
    dev_env: WorkflowEnvironment, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path).model_copy(
        update={"temporal_address": dev_env.client.service_client.config.target_host}
    )
    out = io.StringIO()
    console = Console(file=out, width=200)

    run = await play(settings, OPTIONS, console)
    summarise(run, settings, console)

    voice = voice_figures(run.events)
    assert len(run.simulator.finished) == OPTIONS.candidates
    assert any(who.speaks for who in run.personas.values())
    assert voice.speakers >= 1
    assert voice.transcribed >= 1 and voice.scored >= 1, voice
    assert run.simulator.missed == {}, run.simulator.missed
    assert closed_on_a_willing_person(run) == []
    assert run.broken == []
    printed = out.getvalue()
    assert f"{voice.speakers} candidates spoke their answers" in printed
    assert f"{voice.transcribed} spoken answers transcribed by Whisper" in printed
    assert f"{voice.scored} scored by LightGBM" in printed
    assert "every action reached its step while it was open" in printed
