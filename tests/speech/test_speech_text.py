"""The pure transcript measures the speech tests and the benchmark judge by."""

import pytest

from domain.interview.speech import (
    TranscriptionRequest,
    normalise,
    transcript_kind,
    word_error_rate,
)


def test_normalise_drops_case_punctuation_and_apostrophes() -> None:
    assert normalise("  Hello, World!  It's a well-known FACT.") == (
        "hello world its a well known fact"
    )
    assert normalise("Don’t   stop—ever") == "dont stop ever"
    assert normalise("...") == ""


def test_word_error_rate_counts_substitutions_deletions_and_insertions() -> None:
    reference = "the quick brown fox jumps"
    assert word_error_rate(reference, "The quick, brown fox jumps.") == 0.0
    assert word_error_rate(reference, "the quick round fox jumps") == pytest.approx(1 / 5)
    assert word_error_rate(reference, "the quick fox jumps") == pytest.approx(1 / 5)
    assert word_error_rate(reference, "the very quick brown fox jumps") == pytest.approx(1 / 5)
    assert word_error_rate(reference, "") == 1.0
    assert word_error_rate(reference, "a b c d e f g h i j") == pytest.approx(10 / 5)


def test_word_error_rate_is_defined_for_an_empty_reference() -> None:
    assert word_error_rate("", "") == 0.0
    assert word_error_rate("", "um") == 1.0


def test_a_request_only_accepts_a_sha256_reference_and_a_positive_limit() -> None:
    ok = TranscriptionRequest(
        candidate_id="cand_1", question_id="q1", audio_ref="ab" * 32, max_seconds=60
    )
    assert ok.max_seconds == 60
    with pytest.raises(ValueError):
        TranscriptionRequest(
            candidate_id="cand_1", question_id="q1", audio_ref="../etc/passwd", max_seconds=60
        )
    with pytest.raises(ValueError):
        TranscriptionRequest(
            candidate_id="cand_1", question_id="q1", audio_ref="ab" * 32, max_seconds=0
        )
    assert transcript_kind("q1") == "transcript:q1"
