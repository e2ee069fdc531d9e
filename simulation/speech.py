"""Synthetic spoken answers from espeak-ng, for the demo, benchmarks and tests.

There are no real candidates' recordings here, and none may be invented from
real people; espeak-ng turns text into real audio that Whisper must really
transcribe. Voices and speaking rates vary so the speech features vary too.
"""

import shutil
import subprocess
import tempfile
from pathlib import Path

from domain.errors import UserError

VOICES = ("en-us", "en-gb", "en-us+f3", "en-gb+m3")


def espeak() -> str:
    found = shutil.which("espeak-ng")
    if found is None:
        raise UserError("espeak-ng is not installed; run scripts/apt-deps.sh (or make install)")
    return found


def speak(text: str, *, voice: str = "en-us", words_per_minute: int = 150) -> bytes:
    """WAV bytes (22.05 kHz mono) of ``text`` spoken by espeak-ng."""
    if not text.strip():
        raise UserError("nothing to speak: the text is empty")
    with tempfile.TemporaryDirectory(prefix="hireloop-speech-") as directory:
        out = Path(directory) / "answer.wav"
        result = subprocess.run(
            [espeak(), "-v", voice, "-s", str(words_per_minute), "-w", str(out), text],
            capture_output=True,
            check=False,
        )
        if result.returncode != 0 or not out.exists():
            raise UserError(
                f"espeak-ng failed (exit {result.returncode}) for voice {voice}; "
                "check `espeak-ng --voices`"
            )
        return out.read_bytes()
