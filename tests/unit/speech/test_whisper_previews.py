"""An open segment decoded at each pause in it: the words so far come as a partial about a
second after the pause began, and a pause that turns out to be the segment's end gives the
final words there, before the VAD's end lag is over. Audio time only. The model is a fake
(it says how much audio it was given); the real one is in tests/integration/test_whisper_calls.py."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.ground.events import SAMPLE_RATE, Channel, SpeechEnd, SpeechStart
from assistant.speech import whisper
from assistant.speech.whisper import DELIVERY_S, LEAD_S, PREVIEW_DELIVERY_S, WhisperRecogniser
from assistant.speech.whisper_pieces import PAUSE_S
from assistant.speech.whisper_decode import Heard, HeardWord
from tests.unit.speech.test_whisper_delivery import BLOCK, speech_audio, vad_events


class FakeWhisper:
    """Says "早上好" over 0.1–0.4 s after the lead of whatever audio it is given."""

    def __init__(self) -> None:
        self.given: list[int] = []

    def hear(self, audio) -> Heard:
        self.given.append(len(audio))
        return Heard([HeardWord("早上好", LEAD_S + 0.1, LEAD_S + 0.4, 0.9)], no_speech_prob=0.0,
                     avg_logprob=-0.2)


@pytest.fixture(autouse=True)
def fake_decoder(monkeypatch):
    monkeypatch.setattr(whisper, "decode_segment",
                        lambda model, audio, language, **options: model.hear(audio))


def call_audio(speech: list[tuple[float, float]], seconds: float) -> np.ndarray:
    audio = np.zeros(round(seconds * SAMPLE_RATE), np.float32)
    for t0, t1 in speech:
        a, b = round(t0 * SAMPLE_RATE), round(t1 * SAMPLE_RATE)
        audio[a:b] = speech_audio(b - a)
    return audio


def run(rec: WhisperRecogniser, speech: list[tuple[float, float]], seconds: float = 8.0):
    """One VAD segment over ``speech`` (its end seen 0.5 s late); (block end, transcript)."""
    audio = call_audio(speech, seconds)
    start_s, end_s = speech[0][0], speech[-1][1]
    out = []
    for i in range(round(seconds * 10)):
        start = i * BLOCK
        events = vad_events(start, start_s, end_s)
        for t in rec.segment_block(audio[start: start + BLOCK], start, events):
            out.append((round((start + BLOCK) / SAMPLE_RATE, 1), t))
    return out + [(seconds, t) for t in rec.finish(round(seconds * SAMPLE_RATE))]


VAD_SEEN_S = 0.6
"""The VAD's end (0.5 s after the last voiced frame) is seen at the end of its block."""


def final_at(pause: float, end: float) -> float:
    """When a segment ended at its last ``pause`` (a preview cut there) is final: when
    that decode is delivered or the VAD's end is seen, whichever is later."""
    return max(pause + PAUSE_S + PREVIEW_DELIVERY_S, end + VAD_SEEN_S)


def test_a_pause_inside_a_segment_gives_its_words_before_the_segment_ends():
    model = FakeWhisper()
    rec = WhisperRecogniser(model, Channel.AGENT, "zh", window="fit")
    got = run(rec, [(2.0, 3.0), (3.4, 4.4)])
    *partials, final = got
    # the pause at 3.0 is seen at 3.0 + PAUSE_S; its words come PREVIEW_DELIVERY_S later
    assert partials[0][0] == pytest.approx(3.0 + PAUSE_S + PREVIEW_DELIVERY_S, abs=0.11)
    assert not any(t.final for _, t in partials)
    # the pause after the last word is the end: the final words come from its decode (as
    # soon as the VAD's end says so), not from one at the VAD's end + DELIVERY_S
    assert final[1].final
    assert final[0] == pytest.approx(final_at(4.4, 4.4), abs=0.11)
    assert final[0] < 4.9 + DELIVERY_S
    # each decode had the segment from its start (with the lead) to the pause: the first
    # piece (1.2 s) is under JOIN_SHORT_S, decoded again with the next
    assert model.given == [round((3.0 + PAUSE_S - 2.0 + LEAD_S) * SAMPLE_RATE),
                           round((4.4 + PAUSE_S - 2.0 + LEAD_S) * SAMPLE_RATE)]
    # words in call time: the fake heard its word 0.1 s after the lead
    assert final[1].words[0].t0 == pytest.approx(2.1, abs=0.01)
    assert rec.stats.segments == 1 and rec.stats.previews == 2


def test_a_dip_inside_a_word_is_not_a_pause():
    model = FakeWhisper()
    rec = WhisperRecogniser(model, Channel.AGENT, "zh", window="fit")
    got = run(rec, [(2.0, 3.0), (3.06, 4.4)])
    assert [t.final for _, t in got][-1] and not any(t.final for _, t in got[:-1])
    assert {tuple(w.text for w in t.words) for _, t in got} == {("早上好",)}
    assert len(model.given) == 1


def test_speech_the_pause_detector_missed_is_decoded_at_the_vads_end():
    """The VAD's segment goes on past the last pause (a soft ending the pause detector took
    for quiet): the preview stays a partial and the whole segment is decoded at the end."""
    model = FakeWhisper()
    rec = WhisperRecogniser(model, Channel.AGENT, "zh", window="fit")
    audio = call_audio([(2.0, 3.0)], 6.0)
    out = []
    for i in range(60):
        start = i * BLOCK
        events = [SpeechStart(Channel.AGENT, 2.0)] if i == 20 else []
        if i == 40:
            events.append(SpeechEnd(Channel.AGENT, 3.5, 2.0))  # the VAD heard until 3.5
        out += [(t.final, round((start + BLOCK) / SAMPLE_RATE, 1))
                for t in rec.segment_block(audio[start: start + BLOCK], start, events)]
    assert out == [(False, pytest.approx(3.0 + PAUSE_S + PREVIEW_DELIVERY_S, abs=0.11)),
                   # a 1.5-s segment waits JOIN_WAIT_S for the speaker to go on
                   (True, pytest.approx(4.0 + whisper.JOIN_WAIT_S + DELIVERY_S, abs=0.11))]


def test_a_short_segment_ended_at_its_pause_is_final_without_another_decode():
    """A 1-s sentence waits ``JOIN_WAIT_S`` after the VAD's end for the speaker to go on;
    its preview (cut at the pause it ended in) has gone out as a partial by then: the same
    words go out again as the final, and the segment is decoded once."""
    model = FakeWhisper()
    rec = WhisperRecogniser(model, Channel.AGENT, "zh", window="fit")
    got = run(rec, [(2.0, 3.0)])
    assert [(t.final, [w.text for w in t.words]) for _, t in got] == [
        (False, ["早上好"]), (True, ["早上好"])]
    assert got[0][0] == pytest.approx(3.0 + PAUSE_S + PREVIEW_DELIVERY_S, abs=0.11)
    assert got[1][0] == pytest.approx(3.0 + 0.5 + whisper.JOIN_WAIT_S, abs=0.11)
    assert len(model.given) == 1
    assert rec.stats.segments == 1


def test_the_full_window_finals_are_whole_segments_and_its_partials_fitted(monkeypatch):
    """The agent's English (the 30-s window): the open segment's pieces still come as
    partials, decoded in the fitted window; the final is the whole segment's, in the 30-s
    window, when the VAD ends it (not the last pause's decode), and a short segment does not
    wait to be joined. The caller's channel decodes whole segments only."""
    windows = []

    def decode(model, audio, language, **options):
        windows.append(options["window"])
        return model.hear(audio)

    monkeypatch.setattr(whisper, "decode_segment", decode)
    model = FakeWhisper()
    rec = WhisperRecogniser(model, Channel.AGENT, "en", window="full")
    got = run(rec, [(2.0, 3.0), (3.4, 4.4)])
    finals = [t.final for _, t in got]
    assert finals[-1] and not any(finals[:-1]) and len(finals) >= 2
    assert got[0][0] == pytest.approx(3.0 + PAUSE_S + PREVIEW_DELIVERY_S, abs=0.11)
    assert got[-1][0] == pytest.approx(4.9 + DELIVERY_S, abs=0.11)
    assert windows[-1] == "full" and set(windows[:-1]) == {"fit"}
    assert model.given[-1] > max(model.given[:-1])  # the whole segment, not its last piece

    windows.clear()
    caller = WhisperRecogniser(FakeWhisper(), Channel.CALLER, "en", window="full")
    got = run(caller, [(2.0, 3.0), (3.4, 4.4)])
    assert [t.final for _, t in got] == [True] and windows == ["full"]
    assert got[0][0] == pytest.approx(4.9 + DELIVERY_S, abs=0.11)


class UnsureWhisper(FakeWhisper):
    """Unsure of every fitted decode not allowed the full window; sure with it."""

    def __init__(self) -> None:
        super().__init__()
        self.fallbacks: list[bool] = []
        self.sizes: list[int] = []

    def hear_with(self, audio, fallback: bool) -> Heard:
        self.fallbacks.append(fallback)
        self.sizes.append(len(audio))
        return self.hear(audio) if fallback else Heard([], 0.0, 0.0, unsure=True)


def test_an_unsure_preview_gives_no_words_and_the_final_is_decoded_again(monkeypatch):
    monkeypatch.setattr(whisper, "decode_segment", lambda model, audio, language, **options:
                        model.hear_with(audio, options["fallback"]))
    model = UnsureWhisper()
    rec = WhisperRecogniser(model, Channel.AGENT, "zh", window="fit")
    got = run(rec, [(2.0, 3.0), (3.4, 4.4)])
    # the first preview, without the full window, is unsure: the next (at the second pause,
    # the segment's end) decodes the sentence so far whole, is unsure too, and as the final
    # is decoded again, full window allowed
    assert model.fallbacks == [False, False, True]
    assert [t.final for _, t in got] == [True]
    assert got[0][0] == pytest.approx(final_at(4.4, 4.4) + DELIVERY_S, abs=0.11)
    whole = round((4.4 + PAUSE_S - 2.0 + LEAD_S) * SAMPLE_RATE)
    assert model.sizes[1:] == [whole, whole]
    assert rec.stats.unsure == 2


class PieceWhisper:
    """Hears one word per piece (named by its order) just before the pause that ends it;
    says what it was given."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, tuple[int, ...]]] = []

    def hear(self, audio, context) -> Heard:
        self.calls.append((len(audio), tuple(context)))
        n = len(self.calls)
        end = len(audio) / SAMPLE_RATE - PAUSE_S
        return Heard([HeardWord(f"w{n}", end - 0.4, end - 0.1, 0.9)], 0.0, -0.2, tokens=(n,))


def piece_recogniser(monkeypatch, model: PieceWhisper) -> WhisperRecogniser:
    """The agent's Mandarin recogniser (fitted window, decoded at pauses) on ``model``."""
    monkeypatch.setattr(whisper, "decode_segment", lambda model, audio, language, **options:
                        model.hear(audio, options["context"]))
    return WhisperRecogniser(model, Channel.AGENT, "zh", window="fit")


def texts(got) -> list[tuple[bool, list[str]]]:
    return [(t.final, [w.text for w in t.words]) for _, t in got]


def test_each_piece_of_a_sentence_is_decoded_once_with_the_sentence_so_far_as_context(
        monkeypatch):
    model = PieceWhisper()
    rec = piece_recogniser(monkeypatch, model)
    # a 2.5-s clause (long enough to stand alone), a 0.4-s one (its piece, from the last
    # cut, is under PIECE_ALONE_S: decoded again with the next), then a 1-s one
    got = run(rec, [(2.0, 4.5), (4.9, 5.3), (5.7, 6.7)], seconds=10.0)
    first = round((4.5 + PAUSE_S - 2.0 + LEAD_S) * SAMPLE_RATE)
    short = round((5.3 + PAUSE_S - (4.5 + PAUSE_S) + whisper.PIECE_LEAD_S) * SAMPLE_RATE)
    again = round((6.7 + PAUSE_S - (4.5 + PAUSE_S) + whisper.PIECE_LEAD_S) * SAMPLE_RATE)
    assert model.calls == [(first, ()), (short, (1,)), (again, (1,))]
    # the last partial, delivered before the VAD's end is seen, is the final too
    assert texts(got) == [(False, ["w1"]), (False, ["w1", "w2"]), (False, ["w1", "w3"]),
                          (True, ["w1", "w3"])]
    # words in call time, each piece's from its own start
    assert [w.t0 for w in got[-1][1].words] == pytest.approx([4.1, 6.3], abs=0.01)


class FirstUnsureWhisper(PieceWhisper):
    """Unsure of the first audio it is given, then as PieceWhisper."""

    def hear(self, audio, context) -> Heard:
        heard = super().hear(audio, context)
        return Heard([], 0.0, -1.5, unsure=True) if len(self.calls) == 1 else heard


def test_after_an_unsure_piece_the_next_partial_decodes_the_sentence_so_far_whole(
        monkeypatch):
    model = FirstUnsureWhisper()
    rec = piece_recogniser(monkeypatch, model)
    got = run(rec, [(2.0, 4.5), (4.9, 6.4), (6.8, 7.8)], seconds=10.0)
    first = round((4.5 + PAUSE_S - 2.0 + LEAD_S) * SAMPLE_RATE)
    whole = round((6.4 + PAUSE_S - 2.0 + LEAD_S) * SAMPLE_RATE)
    last = round((7.8 + PAUSE_S - (6.4 + PAUSE_S) + whisper.PIECE_LEAD_S) * SAMPLE_RATE)
    # the unsure first piece is not context for anything; the whole decode is, once sure
    assert model.calls == [(first, ()), (whole, ()), (last, (2,))]
    assert texts(got) == [(False, ["w2"]), (False, ["w2", "w3"]), (True, ["w2", "w3"])]
    assert rec.stats.unsure == 1
