"""Which of a pack's phrases the installed model can hear, for the supervisor's editor.

Phrase checks listen with a grammar of model words; a phrase with a word the model does
not know is dropped when the grammar is built (the app reports it at start). The editor
asks here first, per phrase, with the same segmentation the grammar uses, so the
supervisor fixes the wording before agents are affected. Reading a vocabulary takes about
a second (half a million words for the Korean model): call it off the UI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assistant.speech.recogniser import grammar_for
from assistant.speech.vocabulary import model_vocabulary
from assistant.speech.vosk_model import ModelError, find_model


@dataclass(frozen=True, eq=False)
class ModelVocabulary:
    language: str
    model: Path | None
    words: set[str] | None = None
    note: str = ""
    """Why phrases cannot be checked (no model installed, word list unreadable), or ``""``."""

    @property
    def usable(self) -> bool:
        return self.words is not None


def load_model_vocabulary(language: str, model: Path | None = None) -> ModelVocabulary:
    try:
        path = find_model(language, model)
    except ModelError as exc:
        return ModelVocabulary(language, None, None,
                               f"{exc}: phrases cannot be checked against a model's "
                               f"vocabulary (install one with `assistant models install "
                               f"{language}`)")
    words = model_vocabulary(path)
    if words is None:
        return ModelVocabulary(language, path, None,
                               f"the word list of the model at {path} cannot be read; "
                               f"phrases cannot be checked")
    return ModelVocabulary(language, path, words)


def phrase_problem(phrase: str, vocabulary: ModelVocabulary) -> str | None:
    """Why the model cannot hear ``phrase`` (e.g. a word not in its vocabulary), or ``None``."""
    if vocabulary.words is None:
        return None
    _, rejected = grammar_for([phrase], vocabulary.words, vocabulary.language)
    if not rejected:
        return None
    reason = rejected[0].removeprefix(f"“{phrase}”").strip()
    return reason.removeprefix("(").removesuffix(")")
