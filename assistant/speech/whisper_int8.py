"""An int8 copy of the Whisper model, written once so every start loads int8 directly.

The official ``model.bin`` holds float16 weights. CTranslate2 loading it with
``compute_type="int8"`` reads all 145 MB and converts every weight in memory: resident memory
rises by ≈ 250 MB for a moment at every start (the app's peak). CTranslate2's own converter
code (``ctranslate2.specs``: the Whisper layout and its int8 quantisation, the same one
``ct2-transformers-converter --quantization int8`` applies) writes a file that is already
int8; it is read here from the official file's variables. The copy sits beside the official
files in ``int8/`` with the same config, tokenizer and vocabulary, and a marker naming the
official file's digest and the copy's size, so a half-written or stale copy is never used.

Beside it, in ``int8-zh/``, the Mandarin copy: the same, with the output projection (and the
embeddings it shares) cut to the tokens Mandarin speech is written with and the tokenizer
renumbered to them (:mod:`assistant.speech.whisper_vocab`): a token costs ≈ 40 % less.

CTranslate2's model file (``model.bin``, binary version 6): a header (version, spec name,
spec revision), then each variable (name, shape, dtype, bytes), then aliases (a name that
reads another variable). ctranslate2 can write this format but has no reader in Python.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import tempfile
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from assistant.speech import whisper_vocab

FOLDER = "int8"
MANDARIN_FOLDER = "int8-zh"
MARKER = ".int8"
_DTYPES = ("float32", "int8", "int16", "int32", "float16")  # CTranslate2's DataType order
_BINARY_VERSION = 6
_COPIED = ("config.json", "tokenizer.json", "vocabulary.txt")


def int8_path(model: Path) -> Path | None:
    """The int8 copy of the model folder ``model``, if it is there whole."""
    return _whole(model, FOLDER)


def mandarin_path(model: Path) -> Path | None:
    """The Mandarin copy of the model folder ``model``, if it is there whole and made by
    today's token selection."""
    return _whole(model, MANDARIN_FOLDER, rule=whisper_vocab.RULE)


def copy_path(model: Path, language: str | None = None) -> Path | None:
    """The copy a channel in ``language`` loads: the Mandarin one for zh, else the int8."""
    found = mandarin_path(model) if language == "zh" else None
    return found or int8_path(model)


def _whole(model: Path, name: str, **marked: object) -> Path | None:
    folder = model / name
    try:
        want = json.loads((folder / MARKER).read_text(encoding="utf-8"))
        source = (model / "model.bin").stat()
        if want["source_size"] != source.st_size or \
                (folder / "model.bin").stat().st_size != want["size"] or \
                any(want.get(key) != value for key, value in marked.items()):
            return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return folder


def write_int8(model: Path, digest: str, *, mandarin: bool = False) -> Path:
    """Write the int8 copy of the model folder ``model`` (whose ``model.bin`` has sha256
    ``digest``) into ``model/int8`` and return it; with ``mandarin``, the Mandarin copy
    into ``model/int8-zh``. Raises ``OSError``/``ValueError``."""
    from ctranslate2.specs import model_spec
    from ctranslate2.specs.whisper_spec import WhisperSpec

    with (model / "model.bin").open("rb") as f:
        name, revision, variables, aliases = read_model(f)
    lines = (model / "vocabulary.txt").read_text(encoding="utf-8").split("\n")
    kept = list(range(len(variables["decoder/embeddings/weight"])))
    extra: dict[str, object] = {}
    tokenizer: dict[str, Any] = {}  # read only for the Mandarin copy
    if mandarin:
        tokenizer = json.loads((model / "tokenizer.json").read_text(encoding="utf-8"))
        kept = whisper_vocab.mandarin_tokens(tokenizer, len(kept))
        variables["decoder/embeddings/weight"] = variables["decoder/embeddings/weight"][kept]
        extra = {"rule": whisper_vocab.RULE, "tokens": len(kept)}

    def layers(part: str) -> int:
        return len({key.split("/")[1] for key in variables
                    if re.match(rf"{part}/layer_\d+/", key)})

    heads = int(variables["encoder/num_heads"])
    spec = WhisperSpec(layers("encoder"), heads, layers("decoder"), heads)
    if name != spec.name or revision != spec.revision:
        raise ValueError(f"model.bin is a {name} revision {revision}, not {spec.name} "
                         f"revision {spec.revision}")
    for key, value in variables.items():
        scope, attr = model_spec._parent_scope(key)
        setattr(model_spec.index_spec(spec, scope), attr, model_spec.NumpyVariable(value))
    for key, same in aliases.items():  # the same weights: optimize() aliases them again
        scope, attr = model_spec._parent_scope(key)
        setattr(model_spec.index_spec(spec, scope), attr,
                model_spec.NumpyVariable(variables[same]))
    del variables
    spec.register_vocabulary([lines[i] for i in kept])
    spec.validate()  # its defaults the file lacks (False flags) become variables, as a converter writes them
    spec.optimize("int8")
    work = Path(tempfile.mkdtemp(dir=model, prefix=".int8-"))
    try:
        spec._serialize(str(work / "model.bin"))
        del spec
        if mandarin:
            whisper_vocab.write_renumbered(model, work, kept, tokenizer, lines)
        else:
            for file in _COPIED:
                shutil.copyfile(model / file, work / file)
        (work / MARKER).write_text(json.dumps({
            "source_sha256": digest, "source_size": (model / "model.bin").stat().st_size,
            "size": (work / "model.bin").stat().st_size, **extra}), encoding="utf-8")
        target = model / (MANDARIN_FOLDER if mandarin else FOLDER)
        if target.exists():
            shutil.rmtree(target)
        os.rename(work, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


def read_model(f: BinaryIO) -> tuple[str, int, dict[str, np.ndarray], dict[str, str]]:
    """A CTranslate2 ``model.bin``: spec name, revision, variables, aliases."""
    def unpack(fmt: str) -> int:
        size = struct.calcsize(fmt)
        data = f.read(size)
        if len(data) != size:
            raise ValueError("model.bin ends early")
        return int(struct.unpack(fmt, data)[0])

    def string() -> str:
        length = unpack("H")
        return f.read(length)[:-1].decode("utf-8")

    version = unpack("I")
    if version != _BINARY_VERSION:
        raise ValueError(f"model.bin has binary version {version}, not {_BINARY_VERSION}")
    name, revision = string(), unpack("I")
    variables = {}
    for _ in range(unpack("I")):
        key = string()
        shape = tuple(unpack("I") for _ in range(unpack("B")))
        dtype = _DTYPES[unpack("B")]
        data = f.read(unpack("I"))
        variables[key] = np.frombuffer(data, dtype=dtype).reshape(shape).copy()
    aliases = {string(): string() for _ in range(unpack("I"))}
    return name, revision, variables, aliases


def ensure_int8(model: Path, digest: str) -> Path | None:
    """The int8 copy of ``model`` (and the Mandarin copy), written first if missing, in a
    child process (converting holds the float16 weights and their int8 copy at once,
    ≈ 380 MB, which the app itself should not keep as its peak). None when it cannot be
    written (a read-only folder)."""
    import subprocess
    import sys

    if (found := int8_path(model)) is not None and mandarin_path(model) is not None:
        return found
    try:
        subprocess.run([sys.executable, "-m", "assistant.speech.whisper_int8", str(model),
                        digest], check=True, capture_output=True, timeout=600)
    except (OSError, subprocess.SubprocessError):
        return None
    return int8_path(model)


if __name__ == "__main__":
    import sys

    folder = Path(sys.argv[1])
    if int8_path(folder) is None:
        write_int8(folder, sys.argv[2])
    if mandarin_path(folder) is None:
        write_int8(folder, sys.argv[2], mandarin=True)
