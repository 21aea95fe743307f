"""The overlay's and the settings window's words for a refused or broken pack and a stopped
recording.

The roll-out and the recorder say *what kind* of problem it is (``assistant.ground.notices``);
the words are chosen here, from the UI's catalogue (context ``overlay`` for packs,
``recording`` for the recorder), in the window's language. The overlay is small: a file is
named without its folders; the whole story, paths included, is the notice's ``str()``, which
the settings window puts in a tooltip for an administrator.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from assistant.ground.datafile import DataFileError
from assistant.ground.notices import PackRefusal, RecordingStop, RecordingStopKind
from assistant.rollout.editing import ErrorKind
from assistant.ui.i18n import Texts
from assistant.ui.supervisor_texts import SupervisorTexts


def pack_refusal_words(refusal: PackRefusal, texts: Texts) -> str:
    """One reason, e.g. ``floor-2.2.toml 签名不符，文件已被改动``."""
    return texts(f"status.pack.{refusal.kind.value}", file=refusal.file,
                 version=refusal.version, held=refusal.held)


def pack_problem_words(refusals: Sequence[PackRefusal], lang: str) -> str:
    """The banner's line: the pack was not updated, and the first reason (the share's own
    problems first, as the roll-out lists them)."""
    texts = Texts(lang, "overlay")
    return texts("status.pack_problem", why=pack_refusal_words(refusals[0], texts)) \
        if refusals else ""


def pack_error_words(error: DataFileError, lang: str) -> str:
    """A pack that cannot be loaded, one problem a line (``file:line: field: what``), each
    worded in ``lang`` by its kind; a problem of no known kind keeps the loader's words
    (load the pack inside ``reading_in(lang)`` so that those are in ``lang`` too)."""
    texts = SupervisorTexts(lang)
    return "\n".join(str(replace(p, message=texts.problem(ErrorKind(p.kind, dict(p.details)),
                                                           p.message)))
                     if p.kind else str(p) for p in error.problems)


def recording_stop_words(stop: RecordingStop, lang: str) -> str:
    """The banner's line for a recorder that stopped (prompts go on)."""
    texts = Texts(lang, "recording")
    key = f"status.recording.{stop.kind.value}"
    if stop.kind is RecordingStopKind.FAILED and stop.where:
        key += "_at"  # an unforeseen failure: where it happened is all an agent can pass on
    return texts("status.recording_stopped", why=texts(key, where=stop.where))
