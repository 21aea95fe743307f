"""Where an own-voice speech segment can be cut for Whisper while it is still being spoken.

The VAD ends a segment 0.5 s after its last voiced frame, and a sentence of several clauses
is one segment: a phrase said early in it ("我是小李" in "我是小李，工号五六七八，很高兴为您服务")
would wait for the whole sentence before Whisper hears it, several seconds after the words.
A speaker pauses between clauses (natural Mandarin: 0.3–0.4 s at a comma, 0.5 s between
sentences; inside a word a dip lasts under 0.1 s), so a segment is cut where its audio has
stayed ``PAUSE_DB`` below the speaker's voice for ``PAUSE_S``, and each piece is decoded on
its own as soon as its pause is seen. The end of the last piece is found the same way,
before the VAD's end lag is over. Everything is audio time: a file and a live run cut at
the same samples. Where neighbours' babble fills the pauses (louder than ``PAUSE_DB`` below
the voice), a pause is as quiet as the segment gets: within ``FLOOR_DB`` of its quietest
tenth. Where even that is not found for ``PAUSE_S``, the segment is decoded whole.
"""

from __future__ import annotations

import numpy as np

from assistant.ground.events import SAMPLE_RATE

FRAME = 160
"""10 ms at 16 kHz."""
PAUSE_S = 0.15
"""Quiet this long is a pause between words (dips inside a word are under 0.1 s). With 0.2 s
the pieces were cut 0.05 s later and a comma espeak barely pauses at was not a pause: 0.15
kept every hit and verdict of ``bench/whisper_phrases.py`` (tuning and held-out, four floors;
one more held-out hit on the telephone), and the Mandarin phrase latency's p95 went from
1.62 to 1.50 s on the clean tuning calls (held-out 2.51 to 2.41), English's median from
1.50 to 0.98 s, for ≈ 0–8 % more decoding."""
PAUSE_DB = 16.0
"""A frame this far below the speaker's voice is quiet."""
FLOOR_PERCENTILE = 10
"""The segment's floor: this percentile of its frames' levels (its pauses, in a loud room)."""
FLOOR_DB = 6.0
"""When the floor is less than ``PAUSE_DB`` below the voice (babble fills the pauses), a frame
within this much of the floor is quiet too. On the natural calls with babble 10 dB down
(``bench/whisper_phrases.py``) the Mandarin phrase latency went from p50 1.22 to 0.98 s and
p95 3.11 to 3.01 s (tuning), p50 1.85 to 1.76 s and p95 4.21 to 3.08 s (held-out), every
precision, recall and verdict the same, and nothing changed on the other floors (clean,
telephone, babble 20 dB down: the room never fills their pauses). 3 dB cut less: babble
swells above it inside most pauses; letting two frames of a pause swell above it cut no more
and decoded more."""
VOICE_GAP_DB = 6.0
"""A frame that quiet is still this far below the voice: a segment whose floor is nearer the
voice than ``FLOOR_DB + VOICE_GAP_DB`` has no pause to measure yet (its floor is speech)."""
MIN_PIECE_S = 0.4
"""No piece shorter than this from its start to its pause (Whisper mishears fragments)."""
MIN_VOICED_S = 0.25
"""A piece needs this much voiced audio (a breath or a click is not decoded)."""


class PauseCutter:
    """The pauses of one open segment, fed its audio in order; see the module docstring."""

    def __init__(self) -> None:
        self.piece_start = 0
        """Sample where the current piece begins (the segment's onset, or the last cut)."""
        self.scanned = 0
        """Samples up to here have been looked at."""
        self.voiced = 0
        """Voiced frames in the current piece."""
        self._quiet_from: int | None = None
        self._levels: list[float] = []

    def open(self, start: int) -> None:
        """A segment begins at sample ``start``."""
        self.piece_start = self.scanned = start
        self.voiced = 0
        self._quiet_from = None
        self._levels = []

    def has_speech(self) -> bool:
        """The current piece holds enough voiced audio to be decoded."""
        return self.voiced * FRAME >= MIN_VOICED_S * SAMPLE_RATE

    def feed(self, audio: np.ndarray, start: int, voice_db: float | None) -> list[int]:
        """Look at ``audio`` (beginning at sample ``start`` = :attr:`scanned`); the samples
        where pieces end, in order (each the start of the next piece). ``voice_db``: the
        speaker's voice level remembered from earlier segments, if any."""
        n = len(audio) // FRAME
        if n == 0:
            return []
        frames = audio[: n * FRAME].reshape(n, FRAME).astype(np.float64)
        db = 10 * np.log10(np.mean(frames ** 2, axis=1) + 1e-12)
        self._levels.extend(db.tolist())
        loud = float(np.percentile(self._levels, 90))
        if voice_db is not None:
            loud = max(loud, voice_db)
        quiet = db < loud - PAUSE_DB
        floor = float(np.percentile(self._levels, FLOOR_PERCENTILE))
        if FLOOR_DB + VOICE_GAP_DB <= loud - floor < PAUSE_DB:
            quiet |= db < floor + FLOOR_DB  # the room fills the pauses: as quiet as it gets
        cuts = []
        for i in range(n):
            at = start + i * FRAME
            if not quiet[i]:
                self._quiet_from = None
                self.voiced += 1
                continue
            if self._quiet_from is None:
                self._quiet_from = at
            cut = at + FRAME
            if (cut - self._quiet_from >= PAUSE_S * SAMPLE_RATE
                    and self._quiet_from - self.piece_start >= MIN_PIECE_S * SAMPLE_RATE
                    and self.has_speech()):
                cuts.append(cut)
                self.piece_start = cut
                self.voiced = 0
                self._quiet_from = None
        self.scanned = start + n * FRAME
        return cuts
