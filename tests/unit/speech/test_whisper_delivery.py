"""When Whisper's words reach the pipeline: a fixed audio time after the segment ends, so a
file gives the same result on any machine. The model is a fake here (a boundary: it says
what it was given); the real model is exercised in tests/integration/test_whisper_calls.py."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from assistant.ground.events import SAMPLE_RATE, Channel, SpeechEnd, SpeechStart, Word
from assistant.speech import whisper
from assistant.speech.whisper import DELIVERY_S, LEAD_S, WhisperRecogniser, own_voice_words
from assistant.speech.whisper_decode import Heard, HeardWord

BLOCK = SAMPLE_RATE // 10


class FakeWhisper:
    """Says "早上好" over the first 0.6 s of whatever audio it is given, after ``delay``."""

    def __init__(self, gate: threading.Event | None = None):
        self.gate = gate
        self.given: list[int] = []

    def hear(self, audio) -> Heard:
        self.given.append(len(audio))
        if self.gate is not None:
            self.gate.wait(5)
        return Heard([HeardWord("早上好", 0.3, 0.6, 0.9)], no_speech_prob=0.0, avg_logprob=-0.2)


@pytest.fixture(autouse=True)
def fake_decoder(monkeypatch):
    """The recogniser's one call into Whisper, answered by the fake model."""
    monkeypatch.setattr(whisper, "decode_segment",
                        lambda model, audio, language, **options: model.hear(audio))


@pytest.fixture(autouse=True)
def no_joining(request, monkeypatch):
    """Delivery times of a segment decoded alone (joining short ones: the tests marked
    ``joining``)."""
    if request.node.get_closest_marker("joining") is None:
        monkeypatch.setattr(whisper, "JOIN_SHORT_S", 0.0)


def speech_audio(n: int) -> np.ndarray:
    t = np.arange(n) / SAMPLE_RATE
    return (0.3 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)


def vad_events(start: int, start_s: float, end_s: float) -> list:
    """The VAD's events in the block that begins at sample ``start``, for one segment
    [start_s, end_s] whose end the VAD sees 0.5 s late."""
    events: list = []
    if start <= start_s * SAMPLE_RATE < start + BLOCK:
        events.append(SpeechStart(Channel.AGENT, start_s))
    if start <= (end_s + 0.5) * SAMPLE_RATE < start + BLOCK:
        events.append(SpeechEnd(Channel.AGENT, end_s, start_s))
    return events


def feed(rec: WhisperRecogniser, seconds: float, start_s: float = 2.0, end_s: float = 3.0):
    """Blocks of a call with one segment [start_s, end_s]; the VAD's end comes 0.5 s late."""
    out = []
    for i in range(round(seconds * 10)):
        start = i * BLOCK
        events = vad_events(start, start_s, end_s)
        for t in rec.segment_block(speech_audio(BLOCK), start, events):
            out.append((round(start / SAMPLE_RATE + 0.1, 1), t))
    return out


def test_words_come_a_fixed_audio_time_after_the_segment_ends_in_call_time():
    rec = WhisperRecogniser(FakeWhisper(), Channel.AGENT, "zh")
    [(at, transcript)] = feed(rec, 8.0)
    assert at == round(3.6 + DELIVERY_S, 1)  # VAD end seen in the block ending at 3.6 s
    assert transcript.t == at and transcript.text == "早上好"
    word = transcript.words[0]
    origin = 2.0 - LEAD_S  # the segment's audio starts LEAD_S before the VAD's onset
    assert (word.t0, word.t1) == (round(origin + 0.3, 3), round(origin + 0.6, 3))
    assert rec.stats.segments == 1 and rec.stats.late == 0


def test_a_file_waits_for_a_slow_worker_and_a_live_run_does_not():
    gate = threading.Event()
    threading.Timer(0.5, gate.set).start()
    waiting = WhisperRecogniser(FakeWhisper(gate), Channel.AGENT, "zh", wait=True)
    [(at, _)] = feed(waiting, 8.0)
    assert at == round(3.6 + DELIVERY_S, 1)

    gate = threading.Event()
    live = WhisperRecogniser(FakeWhisper(gate), Channel.AGENT, "zh", wait=False)
    assert feed(live, 8.0) == []  # fed faster than the worker: nothing yet, nothing blocked
    gate.set()
    late = live.finish(8 * SAMPLE_RATE)
    assert [t.text for t in late] == ["早上好"]


def test_clicks_are_not_decoded_and_an_open_segment_is_decoded_at_the_end():
    model = FakeWhisper()
    rec = WhisperRecogniser(model, Channel.AGENT, "zh")
    assert feed(rec, 5.0, start_s=2.0, end_s=2.1) == []
    assert model.given == []
    rec = WhisperRecogniser(model, Channel.AGENT, "zh")
    rec.segment_block(speech_audio(BLOCK), 0, [SpeechStart(Channel.AGENT, 0.0)])
    for i in range(1, 5):
        rec.segment_block(speech_audio(BLOCK), i * BLOCK, [])
    assert [t.text for t in rec.finish(5 * BLOCK)] == ["早上好"]


def test_words_much_quieter_than_the_speakers_voice_are_dropped():
    audio = np.concatenate([speech_audio(SAMPLE_RATE), 0.01 * speech_audio(SAMPLE_RATE)])
    words = [Word("我是", 0.1, 0.8), Word("回电", 1.1, 1.8)]
    assert [w.text for w in own_voice_words(words, audio, 0)] == ["我是"]


@pytest.mark.joining
def test_a_short_segment_the_speaker_goes_on_from_is_joined_with_what_follows():
    model = FakeWhisper()
    rec = WhisperRecogniser(model, Channel.AGENT, "zh")
    out = []
    for i in range(100):
        start = i * BLOCK
        events = vad_events(start, 2.0, 3.0) + vad_events(start, 3.8, 5.5)
        out += rec.segment_block(speech_audio(BLOCK), start, events)
    # one decode, from the first segment's lead to the second's end and trail
    assert len(model.given) == 1
    assert model.given[0] == round((5.5 + LEAD_S - (2.0 - LEAD_S)) * SAMPLE_RATE)
    assert len(out) == 1 and rec.stats.segments == 1


@pytest.mark.joining
def test_a_short_segment_alone_is_decoded_when_the_speaker_has_not_joined_it():
    rec = WhisperRecogniser(FakeWhisper(), Channel.AGENT, "zh")
    [(at, transcript)] = feed(rec, 8.0)
    assert at == round(3.6 + whisper.JOIN_WAIT_S + DELIVERY_S, 1)
    assert transcript.text == "早上好"
    # the caller's channel (30-s window, no previews) never waits
    rec = WhisperRecogniser(FakeWhisper(), Channel.CALLER, "zh")
    [(at, _)] = feed(rec, 8.0)
    assert at == round(3.6 + DELIVERY_S, 1)
