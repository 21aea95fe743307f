"""The int8 copy of the Whisper model is used only when it is whole and made from the file
beside it; CTranslate2's model file is read back as written (a tiny file made here)."""

from __future__ import annotations

import io
import json
import struct

import numpy as np

from assistant.speech.whisper_int8 import (
    FOLDER,
    MANDARIN_FOLDER,
    MARKER,
    copy_path,
    int8_path,
    read_model,
)
from assistant.speech.whisper_vocab import RULE


def model_folder(tmp_path, source=b"x" * 100, copy=b"y" * 40, marked=(100, 40),
                 folder=FOLDER, **extra):
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "model.bin").write_bytes(source)
    (tmp_path / folder).mkdir()
    (tmp_path / folder / "model.bin").write_bytes(copy)
    (tmp_path / folder / MARKER).write_text(json.dumps(
        {"source_sha256": "-", "source_size": marked[0], "size": marked[1], **extra}))
    return tmp_path


def test_a_whole_copy_is_used(tmp_path):
    assert int8_path(model_folder(tmp_path)) == tmp_path / "int8"


def test_a_half_written_or_stale_copy_is_not_used(tmp_path):
    assert int8_path(model_folder(tmp_path / "a", marked=(100, 41))) is None  # cut short
    assert int8_path(model_folder(tmp_path / "b", marked=(99, 40))) is None  # other source
    folder = model_folder(tmp_path / "c")
    (folder / "int8" / MARKER).write_text("{")
    assert int8_path(folder) is None
    assert int8_path(tmp_path / "nothing") is None


def test_mandarin_loads_its_copy_only_when_whole_and_made_by_todays_selection(tmp_path):
    folder = model_folder(tmp_path / "a")
    model_folder(folder, copy=b"z" * 30, marked=(100, 30), folder=MANDARIN_FOLDER, rule=RULE)
    assert copy_path(folder, "zh") == folder / MANDARIN_FOLDER
    assert copy_path(folder, "en") == copy_path(folder) == folder / FOLDER
    stale = model_folder(tmp_path / "b")
    model_folder(stale, copy=b"z" * 30, marked=(100, 30), folder=MANDARIN_FOLDER,
                 rule=RULE - 1)
    assert copy_path(stale, "zh") == stale / FOLDER  # every token, as before
    cut = model_folder(tmp_path / "c")
    model_folder(cut, copy=b"z" * 29, marked=(100, 30), folder=MANDARIN_FOLDER, rule=RULE)
    assert copy_path(cut, "zh") == cut / FOLDER


def test_a_model_file_is_read_back(tmp_path):
    def string(text: str) -> bytes:
        return struct.pack("H", len(text) + 1) + text.encode() + b"\0"

    weight = np.arange(6, dtype=np.float16).reshape(2, 3)
    data = (struct.pack("I", 6) + string("WhisperSpec") + struct.pack("I", 3)
            + struct.pack("I", 1) + string("a/weight") + struct.pack("B", 2)
            + struct.pack("II", 2, 3) + struct.pack("B", 4) + struct.pack("I", weight.nbytes)
            + weight.tobytes() + struct.pack("I", 1) + string("b/weight") + string("a/weight"))
    name, revision, variables, aliases = read_model(io.BytesIO(data))
    assert (name, revision, aliases) == ("WhisperSpec", 3, {"b/weight": "a/weight"})
    assert variables["a/weight"].dtype == np.float16
    assert np.array_equal(variables["a/weight"], weight)
