"""A small real pipeline run with a recorder attached: bursts of "speech" (tones) on both
channels and a recogniser stand-in that says a chosen sentence, so tests can look at what
reached the disk. No espeak-ng, no model: fast enough for unit tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant.audio.block import BLOCK_SAMPLES, Block
from assistant.conduct.pack import Pack, default_pack_path, load_pack
from assistant.engine.calls import Call, Hearing
from assistant.ground.events import SAMPLE_RATE, Channel, Event, Transcript, Word
from assistant.ground.notices import RecordingStop
from assistant.ground.summary import Summary
from assistant.sessions.recording.recorder import Recorder, new_session

PHONE = "我的电话是 13800138000"


class SayOnce:
    """Recogniser stand-in: one final transcript at ``at`` seconds of its channel."""

    grammar = False

    def __init__(self, channel: Channel, text: str, at: float):
        self.channel, self.text, self.at, self.done = channel, text, at, False

    def accept(self, samples: np.ndarray, start: int) -> list[Transcript]:
        t = (start + len(samples)) / SAMPLE_RATE
        if self.done or t < self.at:
            return []
        self.done = True
        words = tuple(Word(w, self.at - 1.0, self.at - 0.2) for w in self.text.split())
        return [Transcript(self.channel, round(t, 3), self.text, words, final=True)]

    def finish(self, end: int) -> list[Transcript]:
        return []


def call_audio(seconds: float, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Agent speaks 0.5–3 s and 6–8 s, caller 3.5–5.5 s: tones loud enough for the VAD."""
    n = int(seconds * SAMPLE_RATE)
    t = np.arange(n) / SAMPLE_RATE
    rng = np.random.default_rng(seed)
    agent, caller = (rng.normal(0, 1e-4, n).astype(np.float32) for _ in range(2))
    syllables = 0.5 * (1 + np.sign(np.sin(2 * np.pi * 4 * t)))  # 4 "syllables" a second
    voice = (0.2 * np.sin(2 * np.pi * 220 * t) * syllables).astype(np.float32)
    for lo, hi, ch in ((0.5, 3.0, agent), (3.5, 5.5, caller), (6.0, 8.0, agent)):
        a, b = int(lo * SAMPLE_RATE), min(int(hi * SAMPLE_RATE), n)
        ch[a:b] += voice[a:b]
    return agent, caller


def blocks(agent: np.ndarray, caller: np.ndarray | None, offset: int = 0):
    for start in range(0, len(agent), BLOCK_SAMPLES):
        yield Block(offset + start, agent[start:start + BLOCK_SAMPLES],
                    None if caller is None else caller[start:start + BLOCK_SAMPLES])


@dataclass
class RecordedCall:
    root: Path
    pack: Pack = field(default_factory=lambda: load_pack(default_pack_path("zh")))
    audio: bool = True
    seconds: float = 10.0
    say: str = PHONE
    offset_s: float = 0.0
    events: list[Event] = field(default_factory=list)
    stopped: list[RecordingStop] = field(default_factory=list)
    recorder: Recorder | None = None
    summary: Summary | None = None

    def run(self, *, on_block=None) -> RecordedCall:
        new = new_session(self.pack, source="file", has_caller=True, pack_text="[pack]",
                          recogniser="free")
        self.recorder = Recorder(new, audio=self.audio, root=self.root,
                                 on_stopped=self.stopped.append)
        recognisers = {Channel.CALLER: SayOnce(Channel.CALLER, self.say, 5.8)}
        offset = int(self.offset_s * SAMPLE_RATE)
        call = Call(self.pack, Hearing(recognisers, mode="scripted"), has_caller=True,
                    sinks=[self.events.append], recorder=self.recorder, position=offset)
        agent, caller = call_audio(self.seconds)
        for block in blocks(agent, caller, offset):
            call.feed(block)  # the recorder takes the audio first, as live
            if on_block is not None:
                on_block(self, block)
        self.summary = call.finish()
        call.finish_recording(self.summary)
        return self
