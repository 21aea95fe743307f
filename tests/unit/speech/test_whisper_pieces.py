"""Where an open segment is cut for Whisper: at the speaker's pauses, in a quiet room and in a
room whose babble fills the pauses 10 dB below the voice; never inside a clause."""

from __future__ import annotations

import numpy as np

from assistant.ground.events import SAMPLE_RATE
from assistant.speech.whisper_pieces import PAUSE_S, PauseCutter

RNG = np.random.default_rng(11)


def voice(clauses: list[tuple[float, float]], seconds: float, *, dips: bool = False) -> np.ndarray:
    """A 220 Hz voice over ``clauses`` (s), its syllables 0.2 s long, each swelling to its
    nucleus and back; with ``dips``, 60 ms of silence between syllables (a stop consonant),
    far shorter than a pause."""
    t = np.arange(round(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    on = np.zeros_like(t, dtype=bool)
    for t0, t1 in clauses:
        on |= (t >= t0) & (t < t1)
    if dips:
        on &= (t % 0.26) < 0.2
    phase = np.minimum(t % 0.26, 0.2) / 0.2 if dips else t % 0.2 / 0.2
    swell = 0.3 + 0.7 * np.sin(np.pi * phase)  # nucleus 10 dB above the syllable's edges
    return (0.3 * np.sin(2 * np.pi * 220 * t) * swell * on).astype(np.float32)


def room(seconds: float, below_db: float, voice_rms: float) -> np.ndarray:
    """Babble-like noise: its level, ``below_db`` under the voice's RMS, swells by ±3 dB."""
    n = round(seconds * SAMPLE_RATE)
    swell = 10 ** (3 * np.sin(2 * np.pi * 1.7 * np.arange(n) / SAMPLE_RATE) / 20)
    level = voice_rms * 10 ** (-below_db / 20)
    return (RNG.standard_normal(n) * level * swell).astype(np.float32)


def rms(speech: np.ndarray) -> float:
    """The voice's RMS while it speaks (its syllables, not the gaps)."""
    return float(np.sqrt(np.mean(speech[speech != 0] ** 2)))


def cuts(audio: np.ndarray, start_s: float) -> list[float]:
    """The cutter fed ``audio`` from ``start_s`` on in 100-ms blocks: its cuts (s)."""
    cutter = PauseCutter()
    first = round(start_s * SAMPLE_RATE)
    cutter.open(first)
    out: list[int] = []
    for at in range(first, len(audio), 1600):
        out += cutter.feed(audio[at:at + 1600], at, None)
    return [round(c / SAMPLE_RATE, 2) for c in out]


CLAUSES = [(1.0, 2.3), (2.7, 4.2), (4.6, 5.8)]
"""Three clauses, 0.4 s apart (a comma's pause in natural Mandarin is 0.3–0.4 s)."""


def test_a_quiet_room_is_cut_at_each_pause():
    got = cuts(voice(CLAUSES, 7.0, dips=True), 1.0)
    assert len(got) == 3
    for cut, (_, end) in zip(got, CLAUSES):
        assert end + PAUSE_S - 0.02 <= cut <= end + PAUSE_S + 0.05


def test_babble_filling_the_pauses_10_db_down_is_cut_at_each_pause():
    """The pauses are never 16 dB below the voice here; they are as quiet as the segment gets."""
    speech = voice(CLAUSES, 7.0, dips=True)
    got = cuts(speech + room(7.0, 10.0, rms(speech)), 1.0)
    assert len(got) == 3
    for cut, (_, end) in zip(got, CLAUSES):  # a syllable's soft tail may be under the room
        assert end + PAUSE_S - 0.06 <= cut <= end + PAUSE_S + 0.1


def test_a_clause_over_babble_is_not_cut_at_its_consonants():
    """Inside a clause the voice drops to the room's level for 60 ms at a time: no pause."""
    speech = voice([(1.0, 5.0)], 6.0, dips=True)
    got = cuts(speech + room(6.0, 10.0, rms(speech)), 1.0)
    assert all(cut > 5.0 for cut in got)
