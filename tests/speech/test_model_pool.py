"""The Whisper model pool (``adapters.speech.model_pool``) with the real tiny.en.

A worker decodes several answers at once, each on its own copy of the model
(openai-whisper's key/value hooks are per call); a missing or damaged model
is a configuration fault whose message names the fix.
"""

import threading
from pathlib import Path

import pytest

from adapters.speech.model_pool import LoadedModel, ModelPool, WhisperModelError, load_model
from domain.errors import UserError


def test_a_missing_model_names_the_command_that_creates_it(tmp_path: Path) -> None:
    with pytest.raises(WhisperModelError) as caught:
        load_model(str(tmp_path / "none.pt"))
    assert "not found" in str(caught.value)
    assert "hireloop models import-whisper-ct2" in str(caught.value)
    assert isinstance(caught.value, UserError)  # the CLI shows it without a traceback


def test_a_file_that_is_not_a_checkpoint_is_refused(tmp_path: Path) -> None:
    damaged = tmp_path / "model.pt"
    damaged.write_bytes(b"not a torch checkpoint")
    with pytest.raises(WhisperModelError, match="is not a Whisper checkpoint"):
        load_model(str(damaged))


def test_each_decode_gets_its_own_copy_and_a_third_waits_for_one(
    whisper_checkpoint: Path,
) -> None:
    pool = ModelPool(str(whisper_checkpoint), size=2)
    waited: list[LoadedModel] = []
    with pool.model() as first, pool.model() as second:
        assert first.model is not second.model
        assert first.version == second.version
        assert first.version.startswith("whisper-tiny.en/")
        third = threading.Thread(target=lambda: _borrow(pool, waited))
        third.start()
        third.join(timeout=1.0)
        assert third.is_alive(), "a third decode ran while both copies were busy"
    third.join(timeout=30)
    assert [w.model for w in waited] in ([first.model], [second.model])


def _borrow(pool: ModelPool, into: list[LoadedModel]) -> None:
    with pool.model() as loaded:
        into.append(loaded)
