"""The ``transcribe_answer`` activity with the real converted tiny.en model.

Speech comes from espeak-ng at test time; nothing is mocked. The activity
method is called directly (and once through temporalio's ActivityEnvironment
to see it heartbeat); the workflow path is tested with the interview.
"""

import hashlib
import io
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest
import soundfile
from temporalio.exceptions import ApplicationError
from temporalio.testing import ActivityEnvironment

from activities.transcription import TranscriptionActivities
from domain.interview.speech import (
    TranscriptionRequest,
    TranscriptionResult,
    normalise,
    transcript_kind,
    word_error_rate,
)
from tests.conftest import Speak
from tests.speech.conftest import Speech

SENTENCES = [
    "I enjoy working in a team because we share ideas and solve problems together.",
    "In my last project I designed the database and wrote tests for the payment service.",
    "When a customer is unhappy, I listen carefully and look for a practical solution.",
    "My greatest strength is that I learn quickly and stay calm under pressure.",
]
LONG_ANSWER = (
    "Thank you for the question. In my final year at university I led a small group "
    "project that built a booking system for the student library. I was responsible for "
    "planning the work, talking with the librarians about what they needed, and writing "
    "most of the server code. We had a difficult moment when two members disagreed about "
    "the design, so I asked each of them to explain their idea to the whole group, and we "
    "chose the simpler one. The system is still used today, and I learned that clear "
    "communication matters as much as good code."
)


def request(
    speech: Speech, content: bytes, question: str = "q1", limit: float = 60.0
) -> TranscriptionRequest:
    return TranscriptionRequest(
        candidate_id=speech.candidate_id,
        question_id=question,
        audio_ref=speech.blobs.put(content),
        max_seconds=limit,
    )


def transcript(speech: Speech, question: str = "q1") -> str:
    stored = speech.vault.document(speech.candidate_id, transcript_kind(question))
    assert stored is not None
    return stored.decode("utf-8")


@pytest.mark.parametrize("sentence", SENTENCES, ids=[f"sentence{i}" for i in range(4)])
def test_spoken_sentences_are_transcribed_within_the_error_budget(
    sentence: str, speech: Speech, speak: Speak, whisper_checkpoint: Path
) -> None:
    result = speech.activities.transcribe_answer(request(speech, speak(sentence)))
    text = transcript(speech)
    wer = word_error_rate(sentence, text)
    print(f"\nWER {wer:.3f}  ref: {normalise(sentence)!r}\n           hyp: {normalise(text)!r}")

    assert result.status == "ok"
    assert wer <= 0.35
    assert result.transcript_ref == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert result.word_count == len(normalise(text).split())
    assert sum(segment.words for segment in result.segments) == result.word_count
    assert 2.0 < result.duration_s < 10.0
    assert result.segments[-1].end <= result.duration_s + 0.5
    assert result.mean_avg_logprob is not None and -1.0 < result.mean_avg_logprob <= 0.0
    assert result.max_no_speech_prob is not None and result.max_no_speech_prob < 0.5
    checkpoint_hash = hashlib.sha256(whisper_checkpoint.read_bytes()).hexdigest()
    assert result.model_version == f"whisper-tiny.en/{checkpoint_hash[:12]}"
    # Temporal stores results in plain text: no word of the answer may be in it
    payload = result.model_dump_json().lower()
    assert not [word for word in normalise(text).split() if len(word) > 4 and word in payload]


def test_unusable_audio_returns_a_status_and_stores_no_transcript(
    speech: Speech, speak: Speak
) -> None:
    silence = io.BytesIO()
    soundfile.write(silence, np.zeros(5 * 16000, dtype=np.float32), 16000, format="WAV")
    cases = {
        "empty": b"",
        "corrupt": np.random.default_rng(11).bytes(32_000),
        "silent": silence.getvalue(),
        "too_long": speak(SENTENCES[0]),
    }
    results: dict[str, TranscriptionResult] = {}
    for expected, content in cases.items():
        limit = 2.0 if expected == "too_long" else 60.0
        results[expected] = speech.activities.transcribe_answer(
            request(speech, content, question=expected, limit=limit)
        )

    assert {name: r.status for name, r in results.items()} == {n: n for n in cases}
    for name, result in results.items():
        assert result.transcript_ref is None and result.segments == []
        assert result.model_version.startswith("whisper-tiny.en/")
        assert speech.vault.document(speech.candidate_id, transcript_kind(name)) is None
    assert results["silent"].duration_s == pytest.approx(5.0)
    assert results["too_long"].duration_s > 2.0
    assert len({r.input_hash for r in results.values()}) == len(cases)


def test_missing_or_damaged_audio_is_bad_input(speech: Speech) -> None:
    missing = TranscriptionRequest(
        candidate_id=speech.candidate_id, question_id="q1", audio_ref="0" * 64, max_seconds=60
    )
    with pytest.raises(ApplicationError) as not_found:
        speech.activities.transcribe_answer(missing)
    damaged = request(speech, b"RIFF original bytes")
    speech.blobs.path(damaged.audio_ref).write_bytes(b"RIFF swapped bytes")
    with pytest.raises(ApplicationError) as corrupt:
        speech.activities.transcribe_answer(damaged)

    for caught in (not_found.value, corrupt.value):
        assert caught.type == "BadInput" and caught.non_retryable
    assert "no blob" in str(not_found.value) and "damaged" in str(corrupt.value)


def test_a_missing_model_is_a_configuration_error_naming_the_fix(
    speech: Speech, tmp_path: Path
) -> None:
    activities = TranscriptionActivities(speech.blobs, speech.vault, str(tmp_path / "none.pt"))
    with pytest.raises(ApplicationError) as caught:
        activities.transcribe_answer(request(speech, b"RIFF"))
    assert caught.value.type == "BadInput" and caught.value.non_retryable
    assert "hireloop models import-whisper-ct2" in str(caught.value)


def test_an_erased_candidate_is_bad_input(speech: Speech, speak: Speak) -> None:
    answer = request(speech, speak(SENTENCES[3]))
    speech.vault.erase(speech.candidate_id)
    with pytest.raises(ApplicationError, match="no subject") as caught:
        speech.activities.transcribe_answer(answer)
    assert caught.value.type == "BadInput"


def content(result: TranscriptionResult) -> dict[str, object]:
    """Everything but the measured decoding time, which varies run to run."""
    return result.model_dump(exclude={"processing_s"})


def test_it_heartbeats_while_whisper_runs_and_a_retry_gives_the_same_result(
    speech: Speech, speak: Speak, whisper_checkpoint: Path
) -> None:
    beats: list[tuple[object, ...]] = []
    env = ActivityEnvironment()
    env.on_heartbeat = lambda *details: beats.append(details)
    activities = TranscriptionActivities(
        speech.blobs, speech.vault, str(whisper_checkpoint), heartbeat_every=0.05
    )
    answer = request(speech, speak(SENTENCES[1]))

    first = env.run(activities.transcribe_answer, answer)
    retried = activities.transcribe_answer(answer)

    assert beats, "no heartbeat while transcribing"
    assert all(details[0]["stage"] == "transcribing" for details in beats)  # type: ignore[index]
    assert content(retried) == content(first)


def test_concurrent_transcriptions_match_sequential_ones(speech: Speech, speak: Speak) -> None:
    answers = [request(speech, speak(s), question=f"q{i}") for i, s in enumerate(SENTENCES[:2])]
    sequential = [speech.activities.transcribe_answer(a) for a in answers]
    with ThreadPoolExecutor(max_workers=2) as pool:
        concurrent = list(pool.map(speech.activities.transcribe_answer, answers))
    assert [content(r) for r in concurrent] == [content(r) for r in sequential]


def test_real_time_factor_on_a_thirty_second_answer(
    speech: Speech, speak: Speak, tmp_path: Path
) -> None:
    speech.activities.transcribe_answer(request(speech, speak(SENTENCES[0])))  # model warm
    answer = request(speech, speak(LONG_ANSWER), limit=90)

    started = time.perf_counter()
    result = speech.activities.transcribe_answer(answer)
    elapsed = time.perf_counter() - started
    rtf = elapsed / result.duration_s
    wer = word_error_rate(LONG_ANSWER, transcript(speech))
    print(
        f"\nreal-time factor {rtf:.3f} ({elapsed:.2f} s for {result.duration_s:.1f} s of audio, "
        f"{len(result.segments)} segments, WER {wer:.3f})"
    )

    assert result.status == "ok"
    assert 25.0 <= result.duration_s <= 45.0
    assert wer <= 0.35
    assert rtf < 1.0


def test_the_request_carries_a_reference_however_long_the_answer(
    speech: Speech, speak: Speak
) -> None:
    answer = request(speech, speak(LONG_ANSWER), limit=90)
    assert speech.blobs.size(answer.audio_ref) > 1_000_000
    assert len(answer.model_dump_json()) < 200
