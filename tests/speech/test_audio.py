"""Decoding answer audio: formats, resampling, and every way a recording is unusable."""

import io
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
import soundfile

from adapters.speech.audio import (
    SAMPLE_RATE,
    AudioProblem,
    decode,
    ffmpeg_path,
    loudest_dbfs,
    resample,
)
from tests.conftest import Speak


def encode(samples: np.ndarray, rate: int, fmt: str = "WAV") -> bytes:
    buffer = io.BytesIO()
    soundfile.write(buffer, samples, rate, format=fmt)
    return buffer.getvalue()


def tone(freq: float, seconds: float, rate: int, amplitude: float = 0.5) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (amplitude * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def rms(x: np.ndarray) -> float:
    return float(np.sqrt(np.mean(np.square(x, dtype=np.float64))))


def ffmpeg_convert(wav: bytes, suffix: str, tmp_path: Path) -> bytes:
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        pytest.fail("ffmpeg is not installed: run scripts/apt-deps.sh")
    source, target = tmp_path / "in.wav", tmp_path / f"out{suffix}"
    source.write_bytes(wav)
    subprocess.run([ffmpeg, "-loglevel", "error", "-y", "-i", str(source), str(target)], check=True)
    return target.read_bytes()


def problem(content: bytes, max_seconds: float = 30.0) -> AudioProblem:
    with pytest.raises(AudioProblem) as caught:
        decode(content, max_seconds)
    return caught.value


def test_espeak_wav_becomes_16k_mono_float32(speak: Speak) -> None:
    wav = speak("Good morning, thank you for inviting me.")
    info = soundfile.info(io.BytesIO(wav))
    audio = decode(wav, 30)

    assert info.samplerate == 22050
    assert audio.samples.dtype == np.float32 and audio.samples.ndim == 1
    assert audio.duration_s == pytest.approx(info.duration, abs=0.01)
    assert float(np.abs(audio.samples).max()) <= 1.0


def test_stereo_flac_is_mixed_down_and_resampled() -> None:
    left, right = tone(440, 2.0, 44100), tone(440, 2.0, 44100, amplitude=0.25)
    audio = decode(encode(np.stack([left, right], axis=1), 44100, "FLAC"), 30)

    assert audio.duration_s == pytest.approx(2.0, abs=0.001)
    assert rms(audio.samples[1000:-1000]) == pytest.approx(0.375 / np.sqrt(2), rel=0.01)


@pytest.mark.parametrize("suffix", [".mp3", ".m4a", ".webm"])
def test_formats_soundfile_cannot_read_go_through_ffmpeg(
    suffix: str, speak: Speak, tmp_path: Path
) -> None:
    wav = speak("I would describe myself as curious and reliable.")
    audio = decode(ffmpeg_convert(wav, suffix, tmp_path), 30)
    assert audio.duration_s == pytest.approx(decode(wav, 30).duration_s, abs=0.1)


def test_resampling_keeps_the_speech_band_and_removes_what_would_alias() -> None:
    kept = resample(tone(1000, 1.0, 22050), 22050, SAMPLE_RATE)
    aliased = resample(tone(10_000, 1.0, 22050), 22050, SAMPLE_RATE)  # above 8 kHz Nyquist
    upsampled = resample(tone(1000, 1.0, 8000), 8000, SAMPLE_RATE)

    assert len(kept) == len(upsampled) == SAMPLE_RATE
    assert rms(kept[500:-500]) == pytest.approx(0.5 / np.sqrt(2), rel=0.005)
    assert rms(upsampled[500:-500]) == pytest.approx(0.5 / np.sqrt(2), rel=0.005)
    assert rms(aliased[500:-500]) < 0.001
    spectrum = np.abs(np.fft.rfft(kept))
    assert int(np.argmax(spectrum)) == 1000  # 1 Hz bins over one second


def test_empty_bytes() -> None:
    assert problem(b"").reason == "empty"


def test_a_wav_with_no_samples_is_empty() -> None:
    assert problem(encode(np.zeros(0, dtype=np.float32), 16000)).reason == "empty"


def test_random_and_truncated_bytes_are_corrupt() -> None:
    noise = np.random.default_rng(7).bytes(20_000)
    wav = encode(tone(440, 1.0, 16000), 16000)
    assert problem(noise).reason == "corrupt"
    assert problem(wav[:30]).reason == "corrupt"


def test_digital_silence_and_a_faint_hiss_are_silent() -> None:
    silence = problem(encode(np.zeros(5 * 16000, dtype=np.float32), 16000))
    hiss = np.random.default_rng(3).normal(0, 10 ** (-65 / 20), 5 * 16000).astype(np.float32)

    assert silence.reason == "silent" and silence.duration_s == pytest.approx(5.0)
    assert problem(encode(hiss, 16000, "FLAC")).reason == "silent"
    assert "dBFS" in str(silence)


def test_a_short_answer_in_a_long_quiet_recording_is_not_silent() -> None:
    samples = np.zeros(20 * 16000, dtype=np.float32)
    samples[5 * 16000 : 6 * 16000] = tone(300, 1.0, 16000, amplitude=0.1)
    assert loudest_dbfs(samples, 16000) == pytest.approx(-23.0, abs=0.1)
    assert decode(encode(samples, 16000), 30).duration_s == pytest.approx(20.0)


def test_too_long_is_refused_from_the_header_and_from_ffmpeg(speak: Speak, tmp_path: Path) -> None:
    long_wav = encode(tone(440, 12.0, 16000), 16000)
    wav_problem = problem(long_wav, max_seconds=10)
    spoken = speak("This answer goes on for longer than the question allows.")
    mp3_problem = problem(ffmpeg_convert(spoken, ".mp3", tmp_path), max_seconds=1.5)

    assert wav_problem.reason == "too_long" and wav_problem.duration_s == pytest.approx(12.0)
    assert "10 s limit" in str(wav_problem)
    assert mp3_problem.reason == "too_long"
    assert mp3_problem.duration_s is not None and mp3_problem.duration_s > 1.5


def test_without_ffmpeg_other_formats_are_unsupported_and_garbage_corrupt(
    speak: Speak, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker image without ffmpeg still reads WAV/FLAC and says why it cannot read M4A."""
    wav = speak("Thank you.")
    m4a = ffmpeg_convert(wav, ".m4a", tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "no-binaries-here"))
    ffmpeg_path.cache_clear()
    try:
        assert ffmpeg_path() is None
        assert problem(m4a).reason == "unsupported"
        assert problem(np.random.default_rng(5).bytes(4000)).reason == "corrupt"
        assert decode(wav, 30).duration_s > 0.3
    finally:
        monkeypatch.undo()
        ffmpeg_path.cache_clear()
