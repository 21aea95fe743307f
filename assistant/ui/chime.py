"""An optional soft chime when a new prompt appears; off by default.

Many agents share a floor and wear headsets: a sound from the overlay would go into
the call or annoy neighbours, so it is opt-in. The tone is a short, quiet two-note sine
(never the system beep). Without QtMultimedia (PySide6-Essentials lacks it) the chime
is simply unavailable and the overlay stays silent.
"""

from __future__ import annotations

import math
import struct
import tempfile
import wave
from pathlib import Path

RATE = 22_050


def _chime_samples() -> bytes:
    frames = []
    notes = ((659.3, 0.0, 0.22), (880.0, 0.12, 0.34))
    length = int(RATE * 0.36)
    for i in range(length):
        t = i / RATE
        value = 0.0
        for freq, start, end in notes:
            if start <= t < end:
                span = end - start
                envelope = math.sin(math.pi * (t - start) / span) ** 2
                value += 0.18 * envelope * math.sin(2 * math.pi * freq * t)
        frames.append(struct.pack("<h", int(max(-1.0, min(1.0, value)) * 32767)))
    return b"".join(frames)


def write_chime(path: Path) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(_chime_samples())
    return path


class Chime:
    def __init__(self, enabled: bool = False, volume: float = 0.3):
        self.enabled = enabled
        self.volume = volume
        self._effect = None
        self.played = 0

    @property
    def available(self) -> bool:
        try:
            from PySide6.QtMultimedia import QSoundEffect  # noqa: F401
        except ImportError:
            return False
        return True

    def play(self) -> None:
        if not self.enabled or not self.available:
            return
        if self._effect is None:
            from PySide6.QtCore import QUrl
            from PySide6.QtMultimedia import QSoundEffect

            path = write_chime(Path(tempfile.gettempdir()) / "etiquette-assistant-chime.wav")
            self._effect = QSoundEffect()
            self._effect.setSource(QUrl.fromLocalFile(str(path)))
            self._effect.setVolume(self.volume)
        self._effect.play()
        self.played += 1
