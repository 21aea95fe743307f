"""The recogniser to use when none was asked for: whichever installed model can hear the pack.

The demo runs with real recognition wherever a model is installed: a vosk model for the
pack's language (grammar), else Whisper base for the languages it is used for here, else
grammar, whose notes then say that phrase checks are off and the command that turns them
on. Looking is cheap (file sizes only; nothing is loaded or joined).
"""

from __future__ import annotations

from assistant.engine.assembly import Mode

WHISPER_LANGUAGES = ("zh", "en")
"""The languages Whisper base is measured on here (bench/whisper_phrases.py)."""


def whisper_hears(language: str) -> bool:
    """Whisper base is installed (or its PyPI parts are) and is used for ``language``."""
    from assistant.speech.whisper_model import whisper_installed

    return language in WHISPER_LANGUAGES and whisper_installed() is not None


def installed_mode(language: str) -> Mode:
    from assistant.speech.vosk_model import ModelError, find_model

    try:
        find_model(language)
    except ModelError:
        if whisper_hears(language):
            return "whisper"
    return "grammar"
