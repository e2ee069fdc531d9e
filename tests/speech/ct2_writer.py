"""Test helper: write CTranslate2 ``model.bin`` files, the inverse of the converter.

It lets the tests build small Whisper models in CT2 layout (fused q/k/v with
the zero key bias CT2's own converter writes) and damage them one way at a
time, and check that the parser reads the real file byte for byte.
"""

import struct
from pathlib import Path
from typing import Any

import numpy as np
import torch
from whisper.model import Whisper

DTYPE_IDS = {"<f4": 0, "|i1": 1, "<i2": 2, "<i4": 3, "<f2": 4}
BF16 = "bf16"


def _string(text: str) -> bytes:
    raw = text.encode("utf-8") + b"\0"
    return struct.pack("<H", len(raw)) + raw


def write_ct2(
    path: Path,
    variables: dict[str, Any],
    aliases: dict[str, str] | None = None,
    *,
    version: int = 6,
    spec: str = "WhisperSpec",
    revision: int = 3,
    bf16: frozenset[str] = frozenset(),
) -> Path:
    """Serialise ``variables`` (numpy arrays; names in ``bf16`` stored as bfloat16)."""
    parts = [struct.pack("<I", version), _string(spec), struct.pack("<I", revision)]
    parts.append(struct.pack("<I", len(variables)))
    for name, value in variables.items():
        array = np.asarray(value, order="C")  # (ascontiguousarray turns scalars 1-d)
        if name in bf16:
            dtype_id = 5
            data = (array.astype(np.float32).view(np.uint32) >> 16).astype("<u2").tobytes()
        else:
            dtype_id = DTYPE_IDS[array.dtype.str]
            data = array.tobytes()
        parts += [_string(name), struct.pack("<B", array.ndim)]
        parts += [struct.pack("<I", dim) for dim in array.shape]
        parts += [struct.pack("<B", dtype_id), struct.pack("<I", len(data)), data]
    parts.append(struct.pack("<I", len(aliases or {})))
    for alias, target in (aliases or {}).items():
        parts += [_string(alias), _string(target)]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"".join(parts))
    return path


def ct2_variables(model: Whisper) -> dict[str, np.ndarray]:
    """A Whisper model's weights under CT2's names, fused the way CT2 fuses them."""
    sd = {name: tensor.detach().numpy() for name, tensor in model.state_dict().items()}
    out: dict[str, np.ndarray] = {}

    def linear(dst: str, src: str) -> None:
        out[f"{dst}/weight"], out[f"{dst}/bias"] = sd[f"{src}.weight"], sd[f"{src}.bias"]

    def norm(dst: str, src: str) -> None:
        out[f"{dst}/gamma"], out[f"{dst}/beta"] = sd[f"{src}.weight"], sd[f"{src}.bias"]

    def self_attention(dst: str, src: str) -> None:
        q, k, v = (sd[f"{src}.attn.{p}.weight"] for p in ("query", "key", "value"))
        out[f"{dst}/linear_0/weight"] = np.concatenate([q, k, v])
        zeros = np.zeros_like(sd[f"{src}.attn.query.bias"])
        bias = [sd[f"{src}.attn.query.bias"], zeros, sd[f"{src}.attn.value.bias"]]
        out[f"{dst}/linear_0/bias"] = np.concatenate(bias)
        linear(f"{dst}/linear_1", f"{src}.attn.out")
        norm(f"{dst}/layer_norm", f"{src}.attn_ln")

    def ffn(dst: str, src: str) -> None:
        linear(f"{dst}/linear_0", f"{src}.mlp.0")
        linear(f"{dst}/linear_1", f"{src}.mlp.2")
        norm(f"{dst}/layer_norm", f"{src}.mlp_ln")

    dims = model.dims
    linear("encoder/conv1", "encoder.conv1")
    linear("encoder/conv2", "encoder.conv2")
    out["encoder/position_encodings/encodings"] = sd["encoder.positional_embedding"]
    for i in range(dims.n_audio_layer):
        self_attention(f"encoder/layer_{i}/self_attention", f"encoder.blocks.{i}")
        ffn(f"encoder/layer_{i}/ffn", f"encoder.blocks.{i}")
    norm("encoder/layer_norm", "encoder.ln_post")
    out["encoder/num_heads"] = np.array(dims.n_audio_head, dtype="<i2")
    out["decoder/embeddings/weight"] = sd["decoder.token_embedding.weight"]
    out["decoder/position_encodings/encodings"] = sd["decoder.positional_embedding"]
    for i in range(dims.n_text_layer):
        src, dst = f"decoder.blocks.{i}", f"decoder/layer_{i}"
        self_attention(f"{dst}/self_attention", src)
        linear(f"{dst}/attention/linear_0", f"{src}.cross_attn.query")
        k, v = sd[f"{src}.cross_attn.key.weight"], sd[f"{src}.cross_attn.value.weight"]
        out[f"{dst}/attention/linear_1/weight"] = np.concatenate([k, v])
        v_bias = sd[f"{src}.cross_attn.value.bias"]
        out[f"{dst}/attention/linear_1/bias"] = np.concatenate([np.zeros_like(v_bias), v_bias])
        linear(f"{dst}/attention/linear_2", f"{src}.cross_attn.out")
        norm(f"{dst}/attention/layer_norm", f"{src}.cross_attn_ln")
        ffn(f"{dst}/ffn", src)
    norm("decoder/layer_norm", "decoder.ln")
    out["decoder/num_heads"] = np.array(dims.n_text_head, dtype="<i2")
    out["decoder/activation"] = np.array(3, dtype="i1")
    out["decoder/pre_norm"] = np.array(1, dtype="i1")
    return out


def random_whisper(seed: int = 0) -> Whisper:
    """A tiny randomly initialised Whisper (every parameter and buffer random)."""
    from whisper.model import ModelDimensions

    torch.manual_seed(seed)
    model = Whisper(
        ModelDimensions(
            n_mels=8,
            n_audio_ctx=10,
            n_audio_state=128,
            n_audio_head=2,
            n_audio_layer=2,
            n_vocab=60,
            n_text_ctx=12,
            n_text_state=128,
            n_text_head=2,
            n_text_layer=3,
        )
    )
    with torch.no_grad():
        for tensor in model.state_dict().values():
            if tensor.is_floating_point():
                tensor.normal_()
    return model
