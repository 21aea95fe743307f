"""Speak a scenario into a stereo call: one voice per side, agent left, caller right.

Each turn is spoken by espeak-ng at the scenario's rate and pitch (or by the natural
Mandarin voice from its committed clips, see ``clips``), resampled to 16 kHz, shaped in
pitch and tempo where the scenario asks, trimmed to its voiced span and brought to a
normal telephone speaking level (``SPEECH_DBFS``, plus the turn's ``gain_db``). The turns
are then laid out in time as the scenario says and mixed into one file, so every turn's
``t0``/``t1`` is exactly where its speech is in the call. Mandarin is fed to the
``cmn-latn-pinyin`` voice as pinyin with tone numbers; the plain ``cmn`` voice would read
most Hanzi as English letters. Last, the call is put on the scenario's floor (``floor``:
line noise, echo, babble, keys, telephone band); a clean call is exactly the turns.

Synthesised turns are cached by (voice, rate, pitch, text) so repeated test runs are fast.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import soundfile as sf

from assistant.ground.events import SAMPLE_RATE, CallControl, Channel
from assistant.ground.resources import resources_dir
from assistant.scenario import floor
from assistant.scenario.conditions import Conditions
from assistant.scenario.espeak import speak
from assistant.scenario.scenario_file import Control, Scenario, ScenarioError, Turn, load_scenario
from assistant.scenario.utterance import (
    PEAK_LIMIT,
    SPEECH_DBFS,
    TRIM_DB,
)
from assistant.scenario.voices import is_natural, natural_utterance, reshape

__all__ = ["PEAK_LIMIT", "SPEECH_DBFS", "TRIM_DB", "SynthTurn", "SyntheticCall", "speak",
           "speech_units", "spoken_text", "syllable_count", "synthesize"]

TAIL_S = 2.0
"""Silence after the last turn when the scenario gives no ``duration``."""

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_ZH_UNIT = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[A-Za-z]+")
_DIGITS = str.maketrans("0123456789", "零一二三四五六七八九")
_ZH_PUNCTUATION = str.maketrans({
    "，": ", ", "、": ", ", "；": "; ", "：": ", ", "。": ". ", "！": "! ", "？": "? ",
    "…": ", ", "—": ", ", "“": " ", "”": " ", "‘": " ", "’": " ", "（": ", ", "）": ", ",
    "《": " ", "》": " ", "～": " ",
})


@dataclass(frozen=True)
class SynthTurn:
    """A turn as it sits in the synthetic call: ``t0``/``t1`` bound its voiced audio."""

    who: Channel
    text: str
    t0: float
    t1: float
    syllables: int
    rate: int
    lang: str = "zh"
    voice: str = ""
    tempo: float = 1.0

    @property
    def duration(self) -> float:
        return self.t1 - self.t0

    @property
    def spm(self) -> float:
        """True pace of this utterance: syllables (characters) a minute of its span."""
        return 60.0 * self.syllables / self.duration


@dataclass(frozen=True)
class SyntheticCall:
    path: Path
    duration_s: float
    turns: tuple[SynthTurn, ...]
    controls: tuple[CallControl, ...]
    conditions: Conditions = field(default_factory=Conditions)
    """The floor the call was put on; ``truth`` reads the ground truth from here and the turns."""


# --- text: what espeak-ng reads, what a recogniser would hear -----------------------------


def spoken_text(text: str, lang: str) -> str:
    """The text as the language's espeak-ng voice should get it (pinyin for Mandarin)."""
    if lang != "zh":
        return " ".join(text.split())
    from pypinyin import Style, lazy_pinyin

    _word_readings()
    pieces = lazy_pinyin(text.translate(_DIGITS), style=Style.TONE3, neutral_tone_with_five=True)
    spoken = " ".join(piece.translate(_ZH_PUNCTUATION) for piece in pieces)
    spoken = re.sub(r"\s+([,.;!?])", r"\1", spoken)
    return " ".join(spoken.split())


def _word_readings() -> None:
    """pypinyin's word dictionary, which the phrase matcher keeps out of the app's memory
    (``PYPINYIN_NO_PHRASES``, :mod:`assistant.conduct.tolerant`): a polyphone read aloud
    takes its reading from its word (银行 is yin hang), whichever was imported first."""
    from pypinyin import constants
    from pypinyin.seg import mmseg

    if not constants.PHRASES_DICT:
        from pypinyin.phrases_dict import phrases_dict

        constants.PHRASES_DICT.update(phrases_dict)
        mmseg.retrain(mmseg.seg)


def speech_units(text: str, lang: str) -> list[str]:
    """What a recogniser outputs word by word: characters in Mandarin, words otherwise."""
    if lang == "zh":
        return _ZH_UNIT.findall(text.translate(_DIGITS))
    return [w for w in (re.sub(r"[^\w']", "", word).lower() for word in text.split()) if w]


def syllable_count(text: str, lang: str) -> int:
    """Spoken syllables: Chinese characters, Hangul blocks, or English vowel groups."""
    if lang == "zh":
        return len(_HAN.findall(text.translate(_DIGITS))) + sum(
            _english_syllables(w) for w in re.findall(r"[A-Za-z]+", text))
    if lang == "ko":
        return len(_HANGUL.findall(text))
    return sum(_english_syllables(word) for word in re.findall(r"[A-Za-z']+", text))


def _english_syllables(word: str) -> int:
    word = word.lower().strip("'")
    groups = len(re.findall(r"[aeiouy]+", word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and groups > 1:
        groups -= 1
    return max(1, groups)


# --- speaking one turn ------------------------------------------------------------------------


# --- the call ---------------------------------------------------------------------------------


def synthesize(scenario: Scenario, out_path: Path | str, *,
               cache_dir: Path | str | None = None) -> SyntheticCall:
    """Write the scenario's call (16-bit WAV or FLAC by suffix) and say where each turn is."""
    out_path = Path(out_path)
    if out_path.suffix.lower() not in (".wav", ".flac"):
        raise ScenarioError.at(out_path, None, "", "write a .wav or .flac file")
    cache = Path(cache_dir) if cache_dir is not None else None
    placed = _place(scenario, cache)
    last_end = max(turn.t1 for turn, _ in placed)
    controls = tuple(sorted((_control(c, last_end) for c in scenario.controls), key=lambda c: c.t))
    mix = _mix(placed, _duration(scenario, placed, controls, last_end), scenario, cache)
    pcm = np.round(mix * 32767).astype(np.int16)  # the same samples whatever the container
    out_path.parent.mkdir(parents=True, exist_ok=True)
    sf.write(out_path, pcm, SAMPLE_RATE, subtype="PCM_16",
             format="FLAC" if out_path.suffix.lower() == ".flac" else "WAV")
    return SyntheticCall(out_path, len(mix) / SAMPLE_RATE, tuple(t for t, _ in placed), controls,
                         scenario.conditions)


def main_synth(scenario_path: Path | str, out_path: Path | str) -> SyntheticCall:
    """``assistant synth``: a scenario file to a call file, with the shared turn cache."""
    from platformdirs import user_cache_dir

    return synthesize(load_scenario(scenario_path), out_path,
                      cache_dir=Path(user_cache_dir("etiquette-assistant")) / "tts")


def _turn_audio(scenario: Scenario, turn: Turn, cache: Path | None) -> np.ndarray:
    voice = scenario.voices[turn.who]
    tempo = _tempo(scenario, turn)
    cents = scenario.pitch_cents.get(turn.who, 0.0)
    try:
        if is_natural(voice):
            _check_licence(scenario, turn)
            audio = natural_utterance(turn.text, voice, pitch_cents=cents, tempo=tempo,
                                      cache_dir=cache, make_hint=str(scenario.path))
        else:
            audio = speak(spoken_text(turn.spoken or turn.text, scenario.lang),
                          voice=voice,
                          rate=turn.rate or scenario.rate,
                          pitch=turn.pitch if turn.pitch is not None else scenario.pitch[turn.who],
                          cache_dir=cache)
            if cents or tempo != 1.0:
                audio = reshape(audio, pitch_cents=cents, tempo=tempo)
    except ScenarioError as exc:
        if exc.problems[0].path == scenario.path:
            raise
        raise ScenarioError.at(scenario.path, turn.line, "turn", str(exc.problems[0])) from None
    if audio.size == 0:
        raise ScenarioError.at(scenario.path, turn.line, "turn.text",
                               f"{voice} produced no sound for {turn.text!r}")
    gain_db = scenario.gain_db[turn.who] + turn.gain_db
    gain = 10 ** (gain_db / 20)
    if gain_db <= 0:
        gain = min(gain, PEAK_LIMIT / float(np.max(np.abs(audio))))
    return audio * np.float32(gain)


def _tempo(scenario: Scenario, turn: Turn) -> float:
    return turn.tempo if turn.tempo is not None else scenario.tempo.get(turn.who, 1.0)


def _check_licence(scenario: Scenario, turn: Turn) -> None:
    """The natural voice's licence (Baker corpus) is non-commercial: nothing shipped uses it."""
    shipped = resources_dir().resolve()
    if scenario.path.resolve().is_relative_to(shipped):
        raise ScenarioError.at(
            scenario.path, turn.line, f"scenario.{turn.who.value}_voice",
            f"'{scenario.voices[turn.who]}' is a test-only voice (Baker corpus, non-commercial "
            "licence) and cannot be used by anything shipped in resources/; use an espeak-ng voice")


def _place(scenario: Scenario, cache: Path | None) -> list[tuple[SynthTurn, np.ndarray]]:
    """Each turn's audio and where it starts: ``at``, or ``after`` the speech so far."""
    placed: list[tuple[SynthTurn, np.ndarray]] = []
    speech_end = 0.0
    channel_end = {Channel.AGENT: 0.0, Channel.CALLER: 0.0}
    for turn in scenario.turns:
        audio = _turn_audio(scenario, turn, cache)
        t0 = turn.at if turn.at is not None else speech_end + (
            turn.after if turn.after is not None else scenario.gap)
        if t0 < 0:
            raise ScenarioError.at(scenario.path, turn.line, "turn.after",
                                   f"this turn would start at {t0:.2f} s, before the call")
        if t0 < channel_end[turn.who]:
            raise ScenarioError.at(
                scenario.path, turn.line, "turn",
                f"starts at {t0:.2f} s while the {turn.who.value}'s previous turn runs until "
                f"{channel_end[turn.who]:.2f} s (one voice cannot say two things at once)")
        start = round(t0 * SAMPLE_RATE)
        synth = SynthTurn(turn.who, turn.text, start / SAMPLE_RATE,
                          (start + len(audio)) / SAMPLE_RATE,
                          syllable_count(turn.text, scenario.lang), turn.rate or scenario.rate,
                          scenario.lang, scenario.voices[turn.who], _tempo(scenario, turn))
        placed.append((synth, audio))
        speech_end = max(speech_end, synth.t1)
        channel_end[turn.who] = synth.t1
    return placed


def _control(control: Control, last_end: float) -> CallControl:
    t = control.t if control.t is not None else last_end + control.after
    return CallControl(round(t, 3), control.action, control.by)


def _duration(scenario: Scenario, placed: list[tuple[SynthTurn, np.ndarray]],
              controls: tuple[CallControl, ...], last_end: float) -> float:
    if scenario.duration is None:
        return max([last_end + TAIL_S] + [c.t + 1.0 for c in controls])
    for (turn, _), source in zip(placed, scenario.turns):
        if turn.t1 > scenario.duration:
            raise ScenarioError.at(scenario.path, source.line, "turn",
                                   f"this turn ends at {turn.t1:.2f} s, past the scenario's "
                                   f"duration of {scenario.duration:g} s")
    return scenario.duration


def _mix(placed: list[tuple[SynthTurn, np.ndarray]], duration: float, scenario: Scenario,
         cache: Path | None) -> np.ndarray:
    mix = np.zeros((round(duration * SAMPLE_RATE), 2), dtype=np.float32)
    for turn, audio in placed:
        column = 0 if turn.who is Channel.AGENT else 1
        start = round(turn.t0 * SAMPLE_RATE)
        mix[start: start + len(audio), column] += audio
    conditions = scenario.conditions
    if not conditions.clean:
        mix = floor.add_room(mix, conditions, floor.agent_spans([t for t, _ in placed]),
                             seed=scenario.floor_seed, babble_set=scenario.babble_set,
                             cache_dir=cache)
    if scenario.noise_dbfs is not None:
        noise = np.random.default_rng(0).standard_normal(mix.shape).astype(np.float32)
        mix += noise * np.float32(10 ** (scenario.noise_dbfs / 20))
    if conditions.telephone:
        mix = floor.telephone_band(mix)
    return np.clip(mix, -1.0, 1.0)
