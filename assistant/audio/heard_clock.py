"""Which moment of a played call is being heard now: the replay playhead in audio time.

Frames handed to an output stream are heard later, by the stream's latency, and that
latency is not fixed: after an underrun, or a stall on a busy machine, PortAudio fills the
device's whole buffer at once, and with a PulseAudio server behind ALSA that buffer can
hold seconds. A playhead that counts frames handed over then runs ahead of the sound, and
a prompt on the timeline shows before its words are heard. So each block the callback
fills is stamped with the time its first frame reaches the speaker (PortAudio's
``outputBufferDacTime``), and the playhead is read from those stamps.

The stamps are also chained: a block cannot start playing before the one before it has
finished, so a device that took seconds of audio in an instant is still heard at the
rate it plays. After an underrun the device really did skip, so the chain starts again
from the device's own stamp.

No locking here: the player calls it under its own lock.
"""

from __future__ import annotations

import math
from collections import deque


class HeardClock:
    def __init__(self, rate: int, *, keep: int = 4096) -> None:
        self.rate = rate
        self._blocks: deque[tuple[float, float, int]] = deque(maxlen=keep)
        """(stream time the block's first frame is heard, call position of that frame,
        frames of call audio in the block), oldest first."""
        self._free_at = -math.inf
        self._speed = 1.0

    def restart(self, speed: float) -> None:
        """A seek, a pause, a new speed: what was queued before is not heard."""
        self._blocks.clear()
        self._free_at = -math.inf
        self._speed = speed

    def played(self, heard_at: float, position: float, frames: int, audio: int, *,
               underflow: bool = False) -> None:
        """The callback filled ``frames`` frames, the first ``audio`` of them from the call
        starting at ``position``; the device says the first is heard at ``heard_at``."""
        start = heard_at if underflow else max(heard_at, self._free_at)
        self._free_at = start + frames / self.rate
        if audio > 0:
            self._blocks.append((start, position, audio))

    def at(self, now: float) -> float | None:
        """The call position heard at stream time ``now``; ``None`` before any is heard."""
        for start, position, audio in reversed(self._blocks):
            if start <= now:
                return position + min(now - start, audio / self.rate) * self._speed
        return None
