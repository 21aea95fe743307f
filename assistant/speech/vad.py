"""Voice activity from frame energies: speech starts, speech ends, with a hangover.

Works on 10 ms frames of band-limited energy (see :mod:`assistant.speech.frames`). The
threshold follows the channel's own noise floor (a low percentile of the last
``floor_window_s``), so a hissing headset and a digitally silent loopback both work, and
never drops below ``min_threshold_dbfs``. A segment starts after ``onset_frames`` voiced
frames in a row (a keyboard click is shorter) and ends after ``hangover_s`` without voice;
the end it reports is the last voiced frame, so ``SpeechEnd.t - SpeechEnd.start`` is the
speaking time, short pauses inside a sentence included.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import numpy as np

from assistant.ground.events import SAMPLE_RATE, SPEECH_END_LAG_S, Channel, SpeechEnd, SpeechStart
from assistant.speech.frames import FRAME_SAMPLES
from assistant.speech.recent import Recent


@dataclass(frozen=True)
class VadSettings:
    margin_db: float = 12.0
    min_threshold_dbfs: float = -60.0
    floor_percentile: float = 5.0
    floor_window_s: float = 10.0
    onset_frames: int = 5
    onset_window: int = 0
    """Onset needs ``onset_frames`` voiced frames within this many (0: in a row)."""
    onset_strong_frames: int = 1
    """With ``strong`` flags given, an onset also needs this many strong frames within
    its window."""
    hangover_s: float = SPEECH_END_LAG_S
    sustain_frames: int = 1
    """Inside a segment, only a run of this many voiced frames keeps it open and moves its
    end: in a loud room a neighbour's syllable crosses the cut for a frame or two at a
    time, and every such blip within the hangover of the last would stretch the segment
    over the pause after the speaker's last word (speaking time, and the room's
    syllables in it, counted as the speaker's)."""


class Vad:
    def __init__(self, channel: Channel, settings: VadSettings = VadSettings()):
        self.channel = channel
        self.settings = settings
        frame_s = FRAME_SAMPLES / SAMPLE_RATE
        self._history = Recent(round(settings.floor_window_s / frame_s))
        self._hangover = round(settings.hangover_s / frame_s)
        self._run = 0  # voiced frames in a row while not in a segment
        self._recent: deque[int] = deque()  # voiced frame indices within the onset window
        self._strong: deque[int] = deque()  # strong frame indices within the onset window
        self._needs_strong = False
        self._silent = 0  # unvoiced frames in a row while in a segment
        self._held = 0  # voiced frames in a row while in a segment
        self._start: int | None = None  # first frame index of the open segment
        self._last_voiced: int | None = None
        self.threshold = settings.min_threshold_dbfs

    @property
    def in_segment(self) -> bool:
        return self._start is not None

    @property
    def segment_start(self) -> int | None:
        """Frame index where the open segment began, if one is open."""
        return self._start

    def process(self, energies: np.ndarray, first_frame: int, allowed: np.ndarray | None = None,
                strong: np.ndarray | None = None
                ) -> tuple[list[SpeechStart | SpeechEnd], np.ndarray]:
        """Feed frame energies (dBFS); return events and the per-frame voiced flags.

        ``allowed`` (own-voice detection) vetoes frames that are loud enough but are not
        the channel's own speaker; with ``strong``, an onset also needs
        ``onset_strong_frames`` frames at the speaker's own full level within its window."""
        self._update_threshold(energies)
        voiced = energies > self.threshold
        if allowed is not None:
            voiced &= allowed
        self._needs_strong = strong is not None
        events: list[SpeechStart | SpeechEnd] = []
        for offset, is_voiced in enumerate(voiced):
            if strong is not None and strong[offset] and is_voiced and self._start is None:
                self._strong.append(first_frame + offset)
            event = self._step(first_frame + offset, bool(is_voiced))
            if event is not None:
                events.append(event)
        return events, voiced

    def flush(self) -> list[SpeechEnd]:
        """End the open segment at its last voiced frame (end of the stream)."""
        if self._start is None or self._last_voiced is None:
            return []
        end = self._end_event()
        self._start = None
        return [end]

    def _update_threshold(self, energies: np.ndarray) -> None:
        self._history.extend(energies)
        if not self._history:  # no whole frame yet (audio shorter than 10 ms)
            return
        floor = self._history.percentile(self.settings.floor_percentile)
        self.threshold = max(floor + self.settings.margin_db, self.settings.min_threshold_dbfs)

    def _step(self, frame: int, voiced: bool) -> SpeechStart | SpeechEnd | None:
        if self._start is None:
            first = self._onset(frame, voiced)
            if first is not None:
                self._start = first
                self._last_voiced, self._silent, self._run = frame, 0, 0
                self._held = self.settings.sustain_frames
                self._recent.clear()
                return SpeechStart(self.channel, _t(self._start))
            return None
        self._held = self._held + 1 if voiced else 0
        if self._held >= self.settings.sustain_frames:
            self._last_voiced, self._silent = frame, 0
            return None
        self._silent += 1
        if self._silent >= self._hangover:
            end = self._end_event()
            self._start = None
            return end
        return None

    def _onset(self, frame: int, voiced: bool) -> int | None:
        """The first frame of the onset that completes at ``frame``, if one does."""
        cfg = self.settings
        if cfg.onset_window <= cfg.onset_frames:
            self._run = self._run + 1 if voiced else 0
            return frame - self._run + 1 if self._run >= cfg.onset_frames else None
        if voiced:
            self._recent.append(frame)
        while self._recent and self._recent[0] <= frame - cfg.onset_window:
            self._recent.popleft()
        while self._strong and self._strong[0] <= frame - cfg.onset_window:
            self._strong.popleft()
        if self._needs_strong and self._recent and len(self._strong) < cfg.onset_strong_frames:
            return None  # loud enough for a while, but not long enough at the speaker's own level
        return self._recent[0] if voiced and len(self._recent) >= cfg.onset_frames else None

    def _end_event(self) -> SpeechEnd:
        assert self._start is not None and self._last_voiced is not None
        return SpeechEnd(self.channel, _t(self._last_voiced + 1), _t(self._start))


def _t(frame: int) -> float:
    return frame * FRAME_SAMPLES / SAMPLE_RATE
