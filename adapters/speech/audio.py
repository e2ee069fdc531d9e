"""Decode a candidate's answer recording into what Whisper takes: 16 kHz mono float32.

Every way a recording can be unusable is a typed ``AudioProblem`` with one of
the reasons in ``domain.interview.speech.AudioReason``, checked before any model runs,
so the workflow can route the answer to a person with a reason instead of
failing. Problem messages describe the audio, never its content (no PII).

WAV, FLAC and OGG are read by ``soundfile`` (libsndfile) in-process and
resampled here; anything else goes through ``ffmpeg`` when it is installed.
"""

import io
import math
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt
import soundfile

from domain.interview.speech import AudioReason

SAMPLE_RATE = 16_000
SILENCE_DBFS = -50.0
"""Loudest 100 ms window below this (about 0.3 % of full scale) counts as silence."""
_FRAME_SECONDS = 0.1
_TAPS_PER_SIDE = 16  # windowed-sinc half-width in zero crossings of the output band
_FFMPEG_SLACK_S = 0.5

# Containers libsndfile reads; a file that starts like one of these but fails
# to decode is corrupt, not merely a format this machine lacks a decoder for.
_SOUNDFILE_MAGIC = (b"RIFF", b"RIFX", b"RF64", b"fLaC", b"OggS", b"FORM", b".snd")
# MP3 (libsndfile >= 1.1 reads it; ffmpeg otherwise), then formats only ffmpeg reads.
_MP3_MAGIC = (b"ID3", b"\xff\xfb", b"\xff\xfa", b"\xff\xf3", b"\xff\xf2")
_FFMPEG_MAGIC = (b"\x1aE\xdf\xa3", b"#!AMR", b"caff")

Samples = npt.NDArray[np.float32]


class AudioProblem(Exception):
    """Recording that cannot be transcribed, and why (a fixed reason, no content)."""

    def __init__(self, reason: AudioReason, detail: str, duration_s: float | None = None):
        super().__init__(f"{reason}: {detail}")
        self.reason: AudioReason = reason
        self.detail = detail
        self.duration_s = duration_s


@dataclass(frozen=True)
class Audio:
    """Mono float32 samples at ``SAMPLE_RATE`` in [-1, 1]."""

    samples: Samples

    @property
    def duration_s(self) -> float:
        return len(self.samples) / SAMPLE_RATE


def decode(content: bytes, max_seconds: float) -> Audio:
    """Decode, check and resample ``content``; raises ``AudioProblem`` for unusable audio."""
    if max_seconds <= 0:
        raise ValueError("max_seconds must be positive")
    if not content:
        raise AudioProblem("empty", "the recording has no bytes")
    try:
        # Only headers libsndfile knows: its MP3 probe chatters on stderr over random bytes.
        if not content.startswith(_SOUNDFILE_MAGIC + _MP3_MAGIC):
            raise _NotSoundfile
        samples, rate = _read_soundfile(content, max_seconds)
    except _NotSoundfile:
        samples, rate = _read_other(content, max_seconds), SAMPLE_RATE
    duration = len(samples) / rate
    if duration > max_seconds:
        raise AudioProblem(
            "too_long", f"the recording exceeds the {max_seconds:g} s limit", duration
        )
    if len(samples) == 0:
        raise AudioProblem("empty", "the recording has no samples", 0.0)
    if not np.all(np.isfinite(samples)):
        raise AudioProblem("corrupt", "the recording has invalid sample values", duration)
    samples = np.clip(samples, -1.0, 1.0).astype(np.float32, copy=False)
    if loudest_dbfs(samples, rate) < SILENCE_DBFS:
        raise AudioProblem(
            "silent", f"the recording is silent (below {SILENCE_DBFS:g} dBFS)", duration
        )
    return Audio(resample(samples, rate, SAMPLE_RATE))


class _NotSoundfile(Exception):
    pass


def _read_soundfile(content: bytes, max_seconds: float) -> tuple[Samples, int]:
    """Read with libsndfile, refusing over-long audio from the header before decoding it."""
    try:
        info = soundfile.info(io.BytesIO(content))
        if info.samplerate <= 0:
            raise _NotSoundfile
        if info.frames > 0 and info.frames / info.samplerate > max_seconds:
            duration = info.frames / info.samplerate
            raise AudioProblem(
                "too_long", f"the recording exceeds the {max_seconds:g} s limit", duration
            )
        data, rate = soundfile.read(io.BytesIO(content), dtype="float32", always_2d=True)
    except (soundfile.LibsndfileError, RuntimeError, TypeError, ValueError):
        raise _NotSoundfile from None
    mono: Samples = data.mean(axis=1, dtype=np.float32) if data.shape[1] > 1 else data[:, 0]
    return np.ascontiguousarray(mono), int(rate)


def _read_other(content: bytes, max_seconds: float) -> Samples:
    """What libsndfile could not read: ffmpeg's turn, or the best reason without it."""
    ffmpeg = ffmpeg_path()
    if ffmpeg is not None:
        return _read_ffmpeg(ffmpeg, content, max_seconds)
    if content.startswith(_SOUNDFILE_MAGIC):
        raise AudioProblem("corrupt", "the recording's header or data is damaged")
    if content.startswith(_MP3_MAGIC + _FFMPEG_MAGIC) or content[4:8] == b"ftyp":
        raise AudioProblem("unsupported", "this format needs ffmpeg, which is not installed")
    raise AudioProblem("corrupt", "the recording is not a recognised audio format")


@lru_cache(maxsize=1)
def ffmpeg_path() -> str | None:
    return shutil.which("ffmpeg")


def _read_ffmpeg(ffmpeg: str, content: bytes, max_seconds: float) -> Samples:
    """Decode through ffmpeg into 16 kHz mono; at most ``max_seconds`` plus a little
    is decoded, which is enough to tell an over-long recording without holding it all.

    The bytes go through a temporary file, not a pipe: MP4/M4A keep their index
    at the end and cannot be demuxed from a stream."""
    limit = f"{max_seconds + _FFMPEG_SLACK_S:.3f}"
    with tempfile.TemporaryDirectory(prefix="hireloop-audio-") as directory:
        source = Path(directory) / "answer"
        source.write_bytes(content)
        command = [
            ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error", "-i", str(source),
            "-t", limit, "-vn", "-f", "s16le", "-ac", "1", "-ar", str(SAMPLE_RATE), "pipe:1",
        ]  # fmt: skip
        try:
            completed = subprocess.run(
                command, capture_output=True, timeout=60 + 2 * max_seconds, check=False
            )
        except subprocess.TimeoutExpired:
            raise AudioProblem("corrupt", "decoding the recording did not finish") from None
    if completed.returncode != 0 or not completed.stdout:
        raise AudioProblem("corrupt", "the recording could not be decoded")
    pcm = np.frombuffer(completed.stdout, dtype="<i2")
    return (pcm.astype(np.float32) / 32768.0).astype(np.float32)


def loudest_dbfs(samples: Samples, rate: int) -> float:
    """RMS level of the loudest 100 ms window, in dB relative to full scale.

    The loudest window, not the whole clip, so a short answer in a long quiet
    recording is not mistaken for silence; digital silence is ``-inf``."""
    frame = max(1, int(rate * _FRAME_SECONDS))
    count = len(samples) // frame
    windows = samples[: count * frame].reshape(count, frame) if count else samples.reshape(1, -1)
    windows = windows.astype(np.float64)
    rms = float(np.sqrt(np.mean(windows**2, axis=1)).max())
    return 20.0 * math.log10(rms) if rms > 0 else -math.inf


@lru_cache(maxsize=16)
def _polyphase_filters(up: int, down: int) -> tuple[npt.NDArray[np.float64], int]:
    """Windowed-sinc (Kaiser) filter bank: one row of taps per output phase."""
    cutoff = min(1.0, up / down)  # of the input Nyquist; below it when downsampling
    half = math.ceil(_TAPS_PER_SIDE / cutoff)
    offsets = np.arange(-half + 1, half + 1)  # input taps around floor(position)
    phases = (np.arange(up) * down % up) / up  # fractional part of each output position
    distance = phases[:, None] - offsets[None, :]
    window = np.kaiser(2 * half + 1, 8.6)
    taps = (
        cutoff
        * np.sinc(cutoff * distance)
        * np.interp(distance, np.arange(-half, half + 1), window)
    )
    taps /= taps.sum(axis=1, keepdims=True)  # unity gain at DC for every phase
    return taps, half


def resample(samples: Samples, rate: int, target: int = SAMPLE_RATE) -> Samples:
    """Band-limited resampling by a rational factor (windowed-sinc polyphase filter).

    Pure numpy, because linear interpolation folds everything above the new
    Nyquist back into the speech band, and scipy is not a dependency."""
    if rate == target or len(samples) == 0:
        return samples
    divisor = math.gcd(rate, target)
    up, down = target // divisor, rate // divisor
    taps, half = _polyphase_filters(up, down)
    n_out = (len(samples) * up) // down
    padded = np.pad(samples.astype(np.float64), (half, half + 1))
    out = np.empty(n_out, dtype=np.float32)
    offsets = np.arange(-half + 1, half + 1)
    chunk = max(1, 1_000_000 // taps.shape[1])  # bounded memory for long recordings
    for start in range(0, n_out, chunk):
        index = np.arange(start, min(start + chunk, n_out))
        position = index * down
        base, phase = position // up, index % up
        gathered = padded[base[:, None] + offsets[None, :] + half]
        out[start : start + len(index)] = np.einsum("ij,ij->i", gathered, taps[phase])
    return out
