"""Putting the speech side together for a call: which model, which recognisers, what is off.

No model is a normal state: the acoustic checks still run and the notes say which checks
are off and how to install a model. Phrases that the model cannot recognise are reported
to the supervisor here, never dropped silently.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Literal

from assistant.conduct.pack import Pack
from assistant.ground.events import Channel
from assistant.ground.status import CallSetup
from assistant.speech.recogniser import Recogniser

Mode = Literal["grammar", "free", "whisper", "off"]
MODES: tuple[str, ...] = ("grammar", "free", "whisper", "off")

AGENT_KINDS = (
    "greeting_morning", "greeting_afternoon", "greeting_evening", "greeting_generic",
    "self_intro", "permission", "lookup", "progress", "callback", "recap", "agreement",
    "thanks", "closing", "farewell", "backchannel", "forbidden", "negative", "denial",
    "next_step", "restate", "understanding", "dismissive", "jargon", "escalation",
)
CALLER_KINDS = ("caller_wait", "backchannel", "thanks", "farewell", "request", "complaint",
                "dissatisfied")


def model_hint(language: str, mode: str) -> str:
    """The command that turns phrase checks on, shown where they are off."""
    if mode == "whisper":
        return "assistant models install whisper-base"
    if language in ("zh", "en"):
        return (f"assistant models install {language} (or: assistant models install "
                f"whisper-base, and the recogniser whisper)")
    return f"assistant models install {language}"


def call_setup(t: float, *, has_caller: bool, recognising: Iterable[Channel],
               call_time: datetime | None, language: str, mode: str,
               demo: bool = False) -> CallSetup:
    """What the overlay is told before the first word, one way for a live call, the demo
    and a replay: which channels exist and are heard, the call's time, and the command
    that turns the phrase checks on."""
    return CallSetup(t, has_caller, frozenset(recognising), call_time,
                     model_hint(language, mode), demo=demo)


def phrases_for(pack: Pack, channel: Channel) -> list[str]:
    kinds = AGENT_KINDS if channel is Channel.AGENT else CALLER_KINDS
    phrases = [p for kind in kinds for p in getattr(pack.phrases, kind)]
    if channel is Channel.AGENT:  # a grammar must be able to hear a forbidden phrase's context
        phrases += [u for entry in pack.wording for u in entry.unless]
    return list(dict.fromkeys(phrases))


class SetupNote(str):
    """A note about the recognisers, in English for the terminal, with its ``kind`` and
    ``fields`` so a window words it in the reader's language (``note.<kind>``)."""

    kind: str
    fields: dict[str, str]

    def __new__(cls, kind: str, text: str, **fields: object) -> SetupNote:
        note = super().__new__(cls, text)
        note.kind, note.fields = kind, {k: str(v) for k, v in fields.items()}
        return note

    def __reduce__(self) -> tuple[type[SetupNote], tuple[str, str], dict[str, object]]:
        # batch workers hand notes back across processes
        return (SetupNote, (self.kind, str(self)), {"fields": self.fields})


def build_recognisers(
    pack: Pack, *, model_path: Path | None, mode: Mode, has_caller: bool, live: bool = False,
    keep_models: bool = False,
) -> tuple[dict[Channel, Recogniser], list[str]]:
    """Recognisers per channel (grammar from the pack's phrase lists) and notes for the user.

    ``live``: Whisper results are not waited for (see :mod:`assistant.speech.whisper`).
    ``keep_models``: a vosk model and its word list are loaded once per process and kept
    (a worker analysing many calls; loading takes 1–2 s)."""
    if mode == "off":
        return {}, [SetupNote("recogniser_off",
                              "speech recogniser off: phrase checks are not checked")]
    if mode == "whisper":
        return _whisper(pack, model_path, has_caller, live)
    from assistant.speech.recogniser import VoskRecogniser, filler_words, grammar_for, load_model
    from assistant.speech.vocabulary import model_vocabulary
    from assistant.speech.vosk_model import ModelError, find_model

    if keep_models:
        load_model, model_vocabulary = _kept_model, _kept_vocabulary
    try:
        path = find_model(pack.language, model_path)
        model = load_model(path)
    except ModelError as exc:
        return {}, [SetupNote("no_model",
                              f"{exc} — phrase checks are not checked; acoustic checks still run "
                              f"(to turn them on: {model_hint(pack.language, mode)})",
                              lang=pack.language)]
    notes: list[str] = []
    channels = [Channel.AGENT, Channel.CALLER] if has_caller else [Channel.AGENT]
    grammars: dict[Channel, list[str] | None] = {}
    vocabulary = model_vocabulary(path) if mode == "grammar" else None
    for channel in channels:
        grammar = None
        if mode == "grammar" and vocabulary is None:
            notes.append(SetupNote(
                "vocabulary_unknown",
                f"vocabulary unknown: the word list of the model at {path} cannot be "
                f"read, so pack phrases cannot be checked against it; the free "
                f"recogniser listens instead of a phrase grammar", path=path))
        elif mode == "grammar":
            grammar, rejected = grammar_for(phrases_for(pack, channel), vocabulary, pack.language)
            for item in rejected:
                notes.append(SetupNote(
                    "phrase_rejected", f"pack {pack.pack.id}: phrase {item} — cannot be "
                    f"recognised by the model at {path}", phrase=item, path=path))
            if not grammar:
                notes.append(SetupNote(
                    "no_phrase_fits", f"pack {pack.pack.id}: no {channel.value} phrase fits "
                    f"the model at {path}; the free recogniser listens instead",
                    channel=channel.value, path=path, pack=pack.pack.id))
                grammar = None
        grammars[channel] = grammar
    # One filler list for every channel (picking it sorts the whole vocabulary): it avoids
    # the phrase words of all of them.
    fillers = filler_words([entry for g in grammars.values() if g for entry in g], vocabulary,
                           pack.language)
    recognisers: dict[Channel, Recogniser] = {
        channel: VoskRecogniser(model, channel, grammar=grammar,
                                fillers=fillers if grammar else [])
        for channel, grammar in grammars.items()
    }
    return recognisers, list(dict.fromkeys(notes))


@cache
def _kept_model(path: Path) -> object:
    from assistant.speech.recogniser import load_model

    return load_model(path)


@cache
def _kept_vocabulary(path: Path) -> set[str] | None:
    from assistant.speech.vocabulary import model_vocabulary

    return model_vocabulary(path)


def _whisper(pack: Pack, model_path: Path | None, has_caller: bool, live: bool
             ) -> tuple[dict[Channel, Recogniser], list[str]]:
    from assistant.engine.bias import bias_phrases, token_counter
    from assistant.speech.vosk_model import ModelError
    from assistant.speech.whisper import WhisperRecogniser, load_whisper
    from assistant.speech.whisper_model import INSTALL_NAME, find_whisper

    try:
        model = load_whisper(find_whisper(model_path), pack.language)
    except ModelError as exc:
        return {}, [SetupNote("no_whisper",
                              f"{exc} — phrase checks are not checked; acoustic checks still run "
                              f"(to turn them on: assistant models install {INSTALL_NAME})",
                              install=INSTALL_NAME)]
    except ImportError:
        return {}, [SetupNote("no_faster_whisper",
                              "faster-whisper is not installed — phrase checks are not checked; "
                              "acoustic checks still run (pip install faster-whisper)")]
    channels = [Channel(c) for c in pack.recognition.channels
                if c == "agent" or has_caller]
    recognisers: dict[Channel, Recogniser] = {
        channel: WhisperRecogniser(model, channel, pack.language, bias=pack.recognition.bias,
                                   phrases=bias_phrases(pack, channel, token_counter(model)),
                                   wait=not live)
        for channel in channels
    }
    notes: list[str] = [] if Channel.CALLER in recognisers or not has_caller else [SetupNote(
        "whisper_agent_only",
        f"pack {pack.pack.id}: Whisper listens to the agent only ([recognition] channels); "
        f"caller phrases (asking to wait, thanks) are not checked", pack=pack.pack.id)]
    return recognisers, notes
