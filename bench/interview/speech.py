"""The interview benchmark's candidates: distinct synthetic speech per person.

Every candidate's five answers are spoken with espeak-ng before any clock
starts: the voice rotates through ``simulation.speech.VOICES``, the middle
sentences of each of the test suite's strong answers are shuffled per
candidate (the same words, so the same rubric coverage), and each answer's
speaking rate is tuned so it lasts about the requested length.
"""

import importlib
import io
import os
import random
import re
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import soundfile

from domain.errors import UserError
from domain.interview.settings import InterviewQuestion
from hireloop.services.interviews import CandidateSession
from simulation.speech import VOICES, speak

BASE_WPM = 140  # espeak-ng's first try; each answer's rate is then tuned to its length


def driver_fixtures() -> tuple[dict[str, str], bytes]:
    """The strong answers and resume of the end-to-end tests (the texts that
    test shows score "advance"), so the bench and the tests speak alike.
    Imported at run time because the test suite is not type-checked with
    the product (mypy would follow a static import into it)."""
    driver = importlib.import_module("tests.workflows.driver")
    return {str(k): str(v) for k, v in driver.STRONG_ANSWERS.items()}, bytes(driver.STRONG_RESUME)


@dataclass
class SpokenAnswer:
    question_id: str
    text: str
    wav: bytes
    duration_s: float
    words_per_minute: int


@dataclass
class Candidate:
    """One synthetic candidate: their audio, their interview and what the bench saw."""

    index: int
    voice: str
    answers: list[SpokenAnswer]
    candidate_id: str = ""
    session: CandidateSession | None = None
    sent: list[float] = field(default_factory=list)  # perf_counter: the answer is submitted
    acked: list[float] = field(default_factory=list)  # perf_counter: its Update returned
    error: str | None = None

    @property
    def speech_s(self) -> float:
        return sum(a.duration_s for a in self.answers)


def vary(text: str, rng: random.Random) -> str:
    """The same answer with its middle sentences in another order: distinct
    audio and transcripts, the same words (so the same rubric coverage)."""
    sentences = re.split(r"(?<=[.;])\s+", text.strip())
    if len(sentences) < 4:
        return text
    middle = sentences[1:-1]
    rng.shuffle(middle)
    return " ".join([sentences[0], *middle, sentences[-1]])


def wav_seconds(wav: bytes) -> float:
    return float(soundfile.info(io.BytesIO(wav)).duration)


def speak_for(text: str, voice: str, target_s: float) -> tuple[bytes, float, int]:
    """Speak ``text`` at the rate that makes it last about ``target_s`` seconds
    (espeak-ng's rate is only roughly words per minute, and differs by voice)."""
    first = speak(text, voice=voice, words_per_minute=BASE_WPM)
    rate = max(80, min(400, round(BASE_WPM * wav_seconds(first) / target_s)))
    wav = speak(text, voice=voice, words_per_minute=rate)
    return wav, wav_seconds(wav), rate


def synthesise(
    count: int, questions: Sequence[InterviewQuestion], answer_seconds: float, seed: int
) -> list[Candidate]:
    """Every candidate's five answers, spoken before any clock starts."""
    answers, _ = driver_fixtures()
    missing = [q.id for q in questions if q.id not in answers]
    if missing:
        raise UserError(f"no benchmark answer text for question(s) {', '.join(missing)}")
    rng = random.Random(seed)
    jobs: list[tuple[int, str, str, str, float]] = []
    for index in range(count):
        voice = VOICES[index % len(VOICES)]
        for question in questions:
            text = vary(answers[question.id], rng)
            jobs.append((index, question.id, text, voice, answer_seconds * rng.uniform(0.9, 1.1)))
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        spoken = list(pool.map(lambda job: speak_for(job[2], job[3], job[4]), jobs))
    candidates = [
        Candidate(index=i, voice=VOICES[i % len(VOICES)], answers=[]) for i in range(count)
    ]
    limits = {q.id: q.max_seconds for q in questions}
    for (index, question_id, text, _, _), (wav, seconds, rate) in zip(jobs, spoken, strict=True):
        if seconds >= limits[question_id]:
            raise UserError(f"{question_id}: {seconds:.0f} s of audio exceeds the time limit")
        candidates[index].answers.append(SpokenAnswer(question_id, text, wav, seconds, rate))
    return candidates
