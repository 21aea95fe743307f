"""The int8 copy of the Whisper model written at assembly: int8 weights, loaded by
CTranslate2, hearing what the official float16 file hears. About 20 s (two model loads)."""

from __future__ import annotations

import numpy as np
import pytest
from faster_whisper import WhisperModel

from assistant.speech.whisper_decode import decode_segment
from assistant.speech.whisper_int8 import int8_path, read_model
from tests.integration.test_whisper_decode import spoken, words

pytestmark = pytest.mark.integration


def test_the_assembled_model_has_an_int8_copy_that_hears_the_same(whisper_model, tmp_path):
    copy = int8_path(whisper_model)
    assert copy is not None and copy != whisper_model
    with (copy / "model.bin").open("rb") as f:
        name, _, variables, aliases = read_model(f)
    assert name == "WhisperSpec"
    assert variables["encoder/layer_0/ffn/linear_0/weight"].dtype == np.int8
    assert variables["decoder/embeddings/weight"].dtype == np.int8
    assert aliases == {"decoder/projection/weight": "decoder/embeddings/weight"}
    assert (copy / "model.bin").stat().st_size < 0.6 * (whisper_model / "model.bin").stat().st_size
    audio = spoken("Thank you for waiting. Your parcel will arrive tomorrow morning.", tmp_path)
    heard = [words(decode_segment(WhisperModel(str(folder), device="cpu", compute_type="int8",
                                               cpu_threads=1), audio, "en", window="full"))
             for folder in (whisper_model, copy)]
    assert heard[0] == heard[1]
    assert {"thank", "waiting", "parcel", "tomorrow"} <= set(heard[1])
