"""Everything one channel says about itself, block by block, in audio time.

    samples ─▶ BandEnergy (10 ms frames) ─▶ OwnVoice ─▶ Vad ─▶ SpeechStart / SpeechEnd
                        (the other channel's frames ┘        └──▶ PaceTracker ─▶ PaceReading
            ─▶ SubBandEnvelope (the same frames) ──────────────────────┘
                         reject its echo)
            ─▶ level of the own-voice frames ─▶ LevelReading (one per block)
            ─▶ SpeechGate ─▶ recogniser (optional) ─▶ Transcript

On the agent's microphone only the agent's own voice counts as speech
(:mod:`assistant.speech.ownvoice`): neighbours' babble and the caller's echo are not
speech segments, not speaking level, not syllables and not fed to the recogniser.

The analyser holds no clock of its own: ``start`` (a sample index) says where a block
sits in the call, so live capture, a file read at full speed and a replay all give the
same observations.
"""

from __future__ import annotations

from dataclasses import replace
from typing import cast

import numpy as np

from assistant.ground.events import SAMPLE_RATE, Channel, Event, LevelReading, SpeechStart
from assistant.speech import level
from assistant.speech.frames import FRAME_SAMPLES, BandEnergy
from assistant.speech.gate import SpeechGate
from assistant.speech.ownvoice import OwnVoice, OwnVoiceSettings
from assistant.speech.pace import PaceSettings, PaceTracker
from assistant.speech.recogniser import Recogniser, SegmentRecogniser
from assistant.speech.subbands import SubBandEnvelope
from assistant.speech.vad import Vad, VadSettings

MIN_VOICED_FRAMES = 3
"""A block counts as speaking (for the volume rule) with this many voiced 10 ms frames, or
with any inside a speech segment (in a loud room only the agent's louder frames are sure
to be theirs)."""


class ChannelAnalyzer:
    def __init__(self, channel: Channel, *, pace: PaceSettings = PaceSettings(),
                 vad: VadSettings = VadSettings(), recogniser: Recogniser | None = None,
                 own_voice: OwnVoiceSettings | None = None):
        self.channel = channel
        self.energy = BandEnergy()
        self.syllables = SubBandEnvelope()
        self.own_voice = OwnVoice(own_voice) if own_voice is not None else None
        if own_voice is not None:
            per_s = SAMPLE_RATE / FRAME_SAMPLES
            vad = replace(vad, onset_frames=max(vad.onset_frames, round(own_voice.onset_s * per_s)),
                          onset_window=round(own_voice.onset_window_s * per_s),
                          onset_strong_frames=round(own_voice.onset_level_s * per_s),
                          sustain_frames=max(1, round(own_voice.sustain_s * per_s)))
        self.vad = Vad(channel, vad)
        self.energies = np.zeros(0)
        """The last block's frame energies (dBFS): the other channel's echo reference."""
        self.voiced = np.zeros(0, dtype=bool)
        """The last block's voiced frames: where the other channel's echo may be."""
        self.pace = PaceTracker(channel, pace)
        self.recogniser = recogniser
        self.gate = SpeechGate(recogniser) if recogniser is not None and getattr(
            recogniser, "skips_silence", False) else None
        self._segments = cast(SegmentRecogniser, recogniser) if getattr(
            recogniser, "decodes_segments", False) else None
        self._placed = False

    def process(self, samples: np.ndarray, start: int, reference: np.ndarray | None = None,
                reference_voiced: np.ndarray | None = None) -> list[Event]:
        """Observations for one block; ``start`` is its first sample's index.

        ``reference`` is the other channel's frame energies for the same block (the
        caller's, for the agent's echo), or None (a mono recording); ``reference_voiced``
        its voiced frames (the room's floor is measured away from them and the echo)."""
        samples = np.asarray(samples, dtype=np.float32)
        if not self._placed:  # a live worker's later calls start late on its clock
            self.energy.frames_done, self._placed = start // FRAME_SAMPLES, True
        energies, first_frame = self.energy.process(samples)
        self.energies = energies
        own = strong = None
        if self.own_voice is not None:
            own, strong = self.own_voice.process(energies, reference, self.vad.threshold)
        voices = own if own is not None else energies > self.vad.threshold
        if reference_voiced is not None and len(reference_voiced) == len(voices):
            voices = voices | reference_voiced  # the caller's echo is not the room
        # the room's floor is taken out of the syllable envelope, so the agent's syllables
        # softer than the own-voice cut still count
        envelope = self.syllables.process(samples, voices)
        speech, voiced = self.vad.process(energies, first_frame, own, strong)
        floor = self.vad.threshold
        if self.own_voice is not None:
            floor = max(floor, self.own_voice.nucleus_floor)
        self.pace.frames(energies, first_frame, floor, envelope)
        self.voiced = voiced
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
        elif self._segments is not None:
            out.extend(self._segments.segment_block(samples, start, speech))
        elif self.recogniser is not None:
            out.extend(self.recogniser.accept(samples, start))
        return out

    def finish(self, end: int) -> list[Event]:
        """Close what is open at the end of the stream."""
        out: list[Event] = []
        flushed = self.vad.flush()
        for event in flushed:
            out += [event, self.pace.end(event.t, event.start)]
        if flushed and self._segments is not None:
            out.extend(self._segments.segment_block(np.zeros(0, np.float32), end, flushed))
        if self.recogniser is not None:
            out.extend(self.recogniser.finish(end))
        return out

    def _level(self, samples: np.ndarray, start: int, voiced: np.ndarray) -> LevelReading:
        """Level of the block; while speaking, of its voiced frames only (pauses don't
        pull the speaking level down)."""
        count = int(np.count_nonzero(voiced))
        speaking = count >= MIN_VOICED_FRAMES or (count > 0 and self.vad.in_segment)
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



