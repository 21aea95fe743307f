"""Everything one channel says about itself, block by block, in audio time.

    samples ─▶ BandEnergy (10 ms frames) ─▶ Vad ─▶ SpeechStart / SpeechEnd
                                        └──▶ PaceTracker ─▶ PaceReading
            ─▶ level ─▶ LevelReading (one per block)
            ─▶ SpeechGate ─▶ recogniser (optional) ─▶ Transcript

The analyser holds no clock of its own: ``start`` (a sample index) says where a block
sits in the call, so live capture, a file read at full speed and a replay all give the
same observations.
"""

from __future__ import annotations

import numpy as np

from assistant.core.events import (
    SAMPLE_RATE,
    Channel,
    Event,
    LevelReading,
    SpeechStart,
)
from assistant.speech import level
from assistant.speech.frames import FRAME_SAMPLES, BandEnergy
from assistant.speech.gate import SpeechGate
from assistant.speech.pace import PaceSettings, PaceTracker
from assistant.speech.recogniser import Recogniser
from assistant.speech.vad import Vad, VadSettings

MIN_VOICED_FRAMES = 3
"""A block counts as speaking (for the volume rule) with this many voiced 10 ms frames."""


class ChannelAnalyzer:
    def __init__(self, channel: Channel, *, pace: PaceSettings = PaceSettings(),
                 vad: VadSettings = VadSettings(), recogniser: Recogniser | None = None):
        self.channel = channel
        self.energy = BandEnergy()
        self.vad = Vad(channel, vad)
        self.pace = PaceTracker(channel, pace)
        self.recogniser = recogniser
        self.gate = SpeechGate(recogniser) if getattr(recogniser, "skips_silence", False) \
            else None
        self._placed = False

    def process(self, samples: np.ndarray, start: int) -> list[Event]:
        """Observations for one block; ``start`` is its first sample's index."""
        samples = np.asarray(samples, dtype=np.float32)
        if not self._placed:  # a live worker's later calls start late on its clock
            self.energy.frames_done, self._placed = start // FRAME_SAMPLES, True
        energies, first_frame = self.energy.process(samples)
        self.pace.frames(energies, first_frame, self.vad.threshold)
        speech, voiced = self.vad.process(energies, first_frame)
        out: list[Event] = []
        for event in speech:
            out.append(event)
            if isinstance(event, SpeechStart):
                self.pace.start(event.t)
            else:
                out.append(self.pace.end(event.t, event.start))
        t_end = (start + len(samples)) / SAMPLE_RATE
        if (reading := self.pace.tick(t_end)) is not None:
            out.append(reading)
        out.append(self._level(samples, start, voiced))
        if self.gate is not None:
            out.extend(self.gate.process(samples, start, bool(voiced.any())
                                         or self.vad.in_segment))
        elif getattr(self.recogniser, "decodes_segments", False):
            out.extend(self.recogniser.segment_block(samples, start, speech))
        elif self.recogniser is not None:
            out.extend(self.recogniser.accept(samples, start))
        return out

    def finish(self, end: int) -> list[Event]:
        """Close what is open at the end of the stream."""
        out: list[Event] = []
        flushed = self.vad.flush()
        for event in flushed:
            out += [event, self.pace.end(event.t, event.start)]
        if flushed and getattr(self.recogniser, "decodes_segments", False):
            out.extend(self.recogniser.segment_block(np.zeros(0, np.float32), end, flushed))
        if self.recogniser is not None:
            out.extend(self.recogniser.finish(end))
        return out

    def _level(self, samples: np.ndarray, start: int, voiced: np.ndarray) -> LevelReading:
        """Level of the block; while speaking, of its voiced frames only (pauses don't
        pull the speaking level down)."""
        speaking = int(np.count_nonzero(voiced)) >= MIN_VOICED_FRAMES
        measured = samples
        if speaking and len(voiced) * FRAME_SAMPLES <= len(samples):
            frames = samples[: len(voiced) * FRAME_SAMPLES].reshape(len(voiced), FRAME_SAMPLES)
            measured = frames[voiced].ravel()
        return LevelReading(
            self.channel,
            round(start / SAMPLE_RATE, 3),
            round(level.rms_dbfs(measured), 1),
            round(level.peak_dbfs(samples), 1),
            level.clipped(samples),
            speaking,
        )



