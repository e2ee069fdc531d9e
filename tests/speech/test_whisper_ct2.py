"""Converting CTranslate2 Whisper models into openai-whisper checkpoints."""

import base64
import gzip
import hashlib
import shutil
from pathlib import Path
from typing import Any

import click
import numpy as np
import pytest
import torch
import whisper
from click.testing import CliRunner

from adapters.speech.ct2_format import read_ct2_model
from adapters.speech.whisper_ct2 import Dimensions, import_whisper_ct2, model_name
from domain.errors import UserError
from hireloop.cli import models as cli_models
from tests.speech.ct2_writer import ct2_variables, random_whisper, write_ct2

TIED = {"decoder/projection/weight": "decoder/embeddings/weight"}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def heads(dump: bytes) -> list[int]:
    """Indices of the (layer, head) pairs set in a whisper alignment-heads dump."""
    mask = np.frombuffer(gzip.decompress(base64.b85decode(dump)), dtype=bool)
    return [int(i) for i in np.flatnonzero(mask)]


def synthetic(tmp_path: Path, edit: Any = None, **write: Any) -> Path:
    """A CT2 model directory holding a random tiny Whisper, optionally edited."""
    variables = ct2_variables(random_whisper())
    if edit is not None:
        edit(variables)
    write_ct2(tmp_path / "src" / "model.bin", variables, write.pop("aliases", TIED), **write)
    return tmp_path / "src"


def convert_error(src: Path, tmp_path: Path) -> str:
    with pytest.raises(UserError) as caught:
        import_whisper_ct2(src, tmp_path / "out.pt")
    assert not (tmp_path / "out.pt").exists()
    return str(caught.value)


@pytest.mark.slow
def test_parser_reads_the_real_model_bin_byte_for_byte(ct2_dir: Path, tmp_path: Path) -> None:
    model = read_ct2_model(ct2_dir / "model.bin")
    stored = {n: a for n, a in model.variables.items() if n not in model.aliases}
    copy = write_ct2(
        tmp_path / "model.bin",
        stored,
        model.aliases,
        version=model.version,
        spec=model.spec,
        revision=model.revision,
    )

    assert (model.version, model.spec) == (6, "WhisperSpec")
    assert model.aliases == TIED
    assert model.variables["decoder/embeddings/weight"].dtype == np.float16
    assert copy.read_bytes() == (ct2_dir / "model.bin").read_bytes()


def test_real_tiny_en_converts_to_a_checkpoint_whisper_loads(whisper_checkpoint: Path) -> None:
    model = whisper.load_model(str(whisper_checkpoint), device="cpu")
    checkpoint = torch.load(whisper_checkpoint, weights_only=True)

    assert model.dims.__dict__ == {
        "n_mels": 80,
        "n_audio_ctx": 1500,
        "n_audio_state": 384,
        "n_audio_head": 6,
        "n_audio_layer": 4,
        "n_vocab": 51864,
        "n_text_ctx": 448,
        "n_text_state": 384,
        "n_text_head": 6,
        "n_text_layer": 4,
    }
    assert model.is_multilingual is False
    # config.json's alignment heads are the ones whisper ships for tiny.en
    assert heads(checkpoint["alignment_heads"]) == heads(whisper._ALIGNMENT_HEADS["tiny.en"])
    assert model_name(Dimensions(**checkpoint["dims"])) == "tiny.en"


def test_conversion_is_the_exact_inverse_of_ct2_fusing(tmp_path: Path) -> None:
    original = random_whisper()
    out = import_whisper_ct2(synthetic(tmp_path), tmp_path / "out.pt")
    loaded = whisper.load_model(str(out), device="cpu")

    assert loaded.dims == original.dims
    expected, actual = original.state_dict(), loaded.state_dict()
    assert expected.keys() == actual.keys()
    for name, tensor in expected.items():
        assert torch.equal(actual[name], tensor), name


def test_bfloat16_weights_are_widened(tmp_path: Path) -> None:
    name = "decoder/layer_0/ffn/linear_0/weight"
    src = synthetic(tmp_path, bf16=frozenset({name}))
    out = import_whisper_ct2(src, tmp_path / "out.pt")
    weight = torch.load(out, weights_only=True)["model_state_dict"]["decoder.blocks.0.mlp.0.weight"]
    truncated = ct2_variables(random_whisper())[name].view(np.uint32) & 0xFFFF0000

    assert weight.dtype == torch.float32
    assert np.array_equal(weight.numpy(), truncated.view(np.float32))


def test_missing_directory_and_missing_file(tmp_path: Path) -> None:
    assert "is not a directory" in convert_error(tmp_path / "nowhere", tmp_path)
    (tmp_path / "empty").mkdir()
    assert "model.bin does not exist" in convert_error(tmp_path / "empty", tmp_path)


def test_truncated_model_bin(ct2_dir: Path, tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "model.bin").write_bytes((ct2_dir / "model.bin").read_bytes()[:1_000_000])
    message = convert_error(src, tmp_path)
    assert "is truncated" in message and "decoder/embeddings/weight" in message


def test_wrong_version_and_wrong_spec(tmp_path: Path) -> None:
    wrong_version = synthetic(tmp_path / "v", version=99)
    not_whisper = synthetic(tmp_path / "s", spec="TransformerSpec")
    garbage = tmp_path / "g"
    garbage.mkdir()
    (garbage / "model.bin").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))

    assert "format version 99, expected 4-6" in convert_error(wrong_version, tmp_path)
    assert "'TransformerSpec' model, not a WhisperSpec" in convert_error(not_whisper, tmp_path)
    assert "format version" in convert_error(garbage, tmp_path)


def test_missing_and_unexpected_tensors_are_named(tmp_path: Path) -> None:
    def drop(variables: dict[str, np.ndarray]) -> None:
        del variables["decoder/layer_1/attention/linear_1/bias"]
        del variables["encoder/layer_norm/gamma"]

    def add(variables: dict[str, np.ndarray]) -> None:
        variables["decoder/layer_0/adapter/weight"] = np.zeros((4, 4), dtype=np.float32)

    missing = convert_error(synthetic(tmp_path / "m", drop), tmp_path)
    unexpected = convert_error(synthetic(tmp_path / "u", add), tmp_path)

    assert "missing tensors" in missing
    assert "decoder/layer_1/attention/linear_1/bias" in missing
    assert "encoder/layer_norm/gamma" in missing
    assert "unexpected tensors: decoder/layer_0/adapter/weight" in unexpected


def test_quantized_models_wrong_activation_and_bad_aliases_are_refused(tmp_path: Path) -> None:
    def quantize(variables: dict[str, np.ndarray]) -> None:
        variables["encoder/layer_0/ffn/linear_0/weight"] = np.ones((512, 128), dtype=np.int8)

    def relu(variables: dict[str, np.ndarray]) -> None:
        variables["decoder/activation"] = np.array(0, dtype="i1")

    dangling = {"decoder/projection/weight": "decoder/nowhere"}
    assert "quantized" in convert_error(synthetic(tmp_path / "q", quantize), tmp_path)
    assert "decoder/activation = 0" in convert_error(synthetic(tmp_path / "r", relu), tmp_path)
    message = convert_error(synthetic(tmp_path / "a", aliases=dangling), tmp_path)
    assert "refers to missing variable 'decoder/nowhere'" in message


def models_cli() -> click.Group:
    """The real top-level group once cli.py registers ``models``; until then the
    module's own group under a bare parent (settings then come from the env)."""
    from hireloop.cli import main

    if "models" in main.commands:
        return main
    group = click.Group("hireloop")
    cli_models.register(group)
    return group


def test_cli_writes_the_default_checkpoint_whisper_loads(
    tmp_path: Path, whisper_checkpoint: Path
) -> None:
    result = CliRunner().invoke(
        models_cli(),
        ["models", "import-whisper-ct2"],
        env={"HIRELOOP_DATA_DIR": str(tmp_path / "data")},
        catch_exceptions=False,
    )
    written = tmp_path / "data" / "models" / "whisper-tiny.en.pt"

    assert result.exit_code == 0, result.output
    assert str(written) in result.output
    assert whisper.load_model(str(written), device="cpu").dims.n_vocab == 51864
    assert sha256(written) == sha256(whisper_checkpoint)  # conversion is deterministic


def test_cli_converts_a_given_directory_to_out(tmp_path: Path) -> None:
    src = synthetic(tmp_path)
    out = tmp_path / "custom" / "model.pt"
    result = CliRunner().invoke(
        models_cli(), ["models", "import-whisper-ct2", str(src), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert whisper.load_model(str(out), device="cpu").dims.n_text_layer == 3


def test_cli_exits_2_with_a_message_on_a_bad_directory(tmp_path: Path) -> None:
    not_a_model = tmp_path / "src"
    not_a_model.mkdir()
    shutil.copyfile(__file__, not_a_model / "model.bin")
    runner = CliRunner()
    missing = runner.invoke(models_cli(), ["models", "import-whisper-ct2", str(tmp_path / "x")])
    bad = runner.invoke(models_cli(), ["models", "import-whisper-ct2", str(not_a_model)])

    assert missing.exit_code == 2
    assert "error:" in missing.output and "is not a directory" in missing.output
    assert bad.exit_code == 2 and "not a CTranslate2 model" in bad.output
    assert "Traceback" not in missing.output + bad.output
