"""The analyser stamps speech in the call's audio time even when its first block is late."""

from __future__ import annotations

from assistant.ground.events import Channel, SpeechStart
from assistant.speech.analyzer import ChannelAnalyzer
from tests.unit.sessions.recorded_call import blocks, call_audio


def starts(offset_s: float) -> list[float]:
    agent, _ = call_audio(4.0)
    analyzer = ChannelAnalyzer(Channel.AGENT)
    out = []
    for block in blocks(agent, None, int(offset_s * 16000)):
        out += [e.t for e in analyzer.process(block.agent, block.start)
                if isinstance(e, SpeechStart)]
    return out


def test_a_pipeline_created_late_in_a_live_shift_stamps_speech_on_the_shift_clock():
    """A live worker's second call starts at the worker's position, not at 0."""
    at_zero, late = starts(0.0), starts(3600.0)
    assert at_zero and [round(t - 3600.0, 3) for t in late] == [round(t, 3) for t in at_zero]
