"""Own-voice detection on synthetic speech-like signals with exact truth."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.ground.events import SAMPLE_RATE, Channel, SpeechEnd, SpeechStart
from assistant.speech.analyzer import ChannelAnalyzer
from assistant.speech.frames import BandEnergy
from assistant.speech.ownvoice import OwnVoiceSettings
from tests.unit.speech.synthetic import blocks, silence, syllable, utterance


def _room(seconds: float, level_db: float, seed: int = 0, from_s: float = 1.5) -> np.ndarray:
    """Neighbours: syllables at other pitches, one after another, ``level_db`` down, from
    just after the agent's first words on (before them, the room is all there is to hear)."""
    rng = np.random.default_rng(seed)
    out = np.zeros(int(seconds * SAMPLE_RATE), dtype=np.float32)
    at = int(from_s * SAMPLE_RATE)
    while at < len(out):
        piece = syllable(float(rng.uniform(0.12, 0.3)), 0.3, float(rng.choice([110, 210, 260])))
        piece = piece[: len(out) - at]
        out[at: at + len(piece)] += piece * np.float32(10 ** (level_db / 20))
        at += len(piece) + int(rng.uniform(0.0, 0.15) * SAMPLE_RATE)
    return out


def _agent_track() -> tuple[np.ndarray, list[tuple[float, float]]]:
    """Three utterances with pauses; the truth is where they are."""
    parts, spans, t = [silence(1.0)], [], 1.0
    for syllables, pause in ((12, 3.0), (8, 6.0), (10, 2.0)):
        speech = utterance(syllables, 240)
        parts += [speech, silence(pause)]
        spans.append((t, t + len(speech) / SAMPLE_RATE))
        t += (len(speech) + len(silence(pause))) / SAMPLE_RATE
    return np.concatenate(parts), spans


def _segments(agent: np.ndarray, caller: np.ndarray | None = None) -> list[tuple[float, float]]:
    analyzer = ChannelAnalyzer(Channel.AGENT, own_voice=OwnVoiceSettings())
    reference = BandEnergy()
    out = []
    for start, block in blocks(agent):
        ref = None
        if caller is not None:
            ref, _ = reference.process(caller[start: start + len(block)])
        for event in analyzer.process(block, start, ref):
            if isinstance(event, SpeechEnd):
                out.append((event.start, event.t))
    out += [(e.start, e.t) for e in analyzer.finish(len(agent)) if isinstance(e, SpeechEnd)]
    return out


def _overlaps(segment: tuple[float, float], spans: list[tuple[float, float]]) -> bool:
    return any(segment[0] < b and segment[1] > a for a, b in spans)


@pytest.mark.parametrize("room_db", [-15.0, -25.0])
def test_neighbours_below_the_agent_make_no_speech_segments(room_db):
    agent, spans = _agent_track()
    mixed = agent + _room(len(agent) / SAMPLE_RATE, room_db)
    found = _segments(mixed)
    assert found, "the agent's own speech must be found"
    assert all(_overlaps(s, spans) for s in found), found
    for n, (a, b) in enumerate(spans):  # each utterance found, its span within 0.3 s
        hits = [s for s in found if s[0] < b and s[1] > a]
        late = 1.0 if n == 0 else 0.3  # the room is measured once the agent pauses
        assert hits and abs(hits[0][0] - a) < 0.3 and -0.3 < hits[-1][1] - b < late, (a, b, hits)


def test_without_own_voice_detection_the_room_is_taken_for_speech():
    """What the detection is for: the plain VAD hears the room as one long segment."""
    agent, spans = _agent_track()
    mixed = agent + _room(len(agent) / SAMPLE_RATE, -15.0)
    analyzer = ChannelAnalyzer(Channel.AGENT)
    events = [e for start, block in blocks(mixed) for e in analyzer.process(block, start)]
    ends = [e for e in events + analyzer.finish(len(mixed)) if isinstance(e, SpeechEnd)]
    assert sum(e.duration for e in ends) > 1.5 * sum(b - a for a, b in spans)


def test_the_callers_echo_is_not_agent_speech_and_its_path_is_measured():
    caller, _ = _agent_track()
    delay = round(0.04 * SAMPLE_RATE)
    echo = np.concatenate([np.zeros(delay, np.float32), caller[:-delay]]) * np.float32(0.1)
    analyzer = ChannelAnalyzer(Channel.AGENT, own_voice=OwnVoiceSettings())
    reference = BandEnergy()
    starts = []
    for start, block in blocks(echo):
        ref, _ = reference.process(caller[start: start + len(block)])
        starts += [e for e in analyzer.process(block, start, ref) if isinstance(e, SpeechStart)]
    assert starts == []
    path = analyzer.own_voice.echo
    assert path.delay_s == pytest.approx(0.04, abs=0.011)
    assert path.coupling_db == pytest.approx(-20.0, abs=3.0)


def test_the_agent_talking_over_the_echo_is_still_heard():
    caller, _ = _agent_track()
    delay = round(0.03 * SAMPLE_RATE)
    echo = np.concatenate([np.zeros(delay, np.float32), caller[:-delay]]) * np.float32(0.06)
    agent = np.zeros_like(caller)
    at = round(13.0 * SAMPLE_RATE)  # late in the call, over the caller's third utterance
    speech = utterance(8, 240)
    agent[at: at + len(speech)] = speech
    found = _segments(agent + echo, caller)
    assert len(found) == 1 and abs(found[0][0] - 13.0) < 0.2, found


def test_key_clicks_are_not_speech():
    rng = np.random.default_rng(1)
    agent, spans = _agent_track()
    for t in rng.uniform(0.5, len(agent) / SAMPLE_RATE - 0.5, 60):
        at = round(t * SAMPLE_RATE)
        click = rng.normal(0, 0.2, round(0.012 * SAMPLE_RATE)).astype(np.float32)
        agent[at: at + len(click)] += click * np.exp(-np.arange(len(click)) / 40.0)
    found = _segments(agent)
    assert all(_overlaps(s, spans) for s in found), found


def test_a_mono_recording_needs_no_caller_channel():
    agent, spans = _agent_track()
    found = _segments(agent, None)
    assert len(found) == len(spans)


def _neighbour_phrase(level_db: float, peak_db: float, peak_s: float) -> np.ndarray:
    """A neighbour's phrase ``level_db`` below the agent, its stressed syllable reaching
    ``peak_db`` below the agent at its height and lasting ``peak_s``."""
    quiet = np.concatenate([syllable(0.2, 0.3, 210) for _ in range(3)]) * np.float32(
        10 ** (level_db / 20))
    stressed = syllable(peak_s, 0.3, 210) * np.float32(10 ** (peak_db / 20))
    return np.concatenate([quiet, stressed, quiet])


def test_a_neighbours_loud_instant_is_not_the_agent_but_a_soft_acknowledgement_is():
    """At 10 dB a neighbour's stressed syllable comes within a few dB of the agent for an
    instant; the agent's soft 嗯 stays near their level for a syllable's length."""
    agent, spans = _agent_track()
    murmur = _neighbour_phrase(-14.0, -14.0, 0.2)  # the room: neighbours talking all along
    for start in np.arange(0.0, len(agent) / SAMPLE_RATE - 2.0, 1.6):
        at = round(start * SAMPLE_RATE)
        agent[at: at + len(murmur)] += murmur
    phrase = _neighbour_phrase(-12.0, -7.0, 0.3)
    at = round(5.0 * SAMPLE_RATE)  # in the agent's 3-s pause
    agent[at: at + len(phrase)] += phrase
    found = _segments(agent)
    assert all(_overlaps(s, spans) for s in found), found
    ack = syllable(0.4, 0.3) * np.float32(10 ** (-3.0 / 20))  # 嗯, 3 dB under their level
    at = round(11.5 * SAMPLE_RATE)  # in the 6-s pause
    agent[at: at + len(ack)] += ack
    assert any(abs(s[0] - 11.5) < 0.2 for s in _segments(agent)), _segments(agent)

