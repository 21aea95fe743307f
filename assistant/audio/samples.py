"""Samples a recording should not hold: NaN/inf (a broken float WAV) and full-scale noise.

One NaN fed to the analysis poisons every running statistic it touches (noise floors,
pace windows) for the rest of the call. :class:`SampleCheck` sits where samples enter the
pipeline: it replaces non-finite samples with silence, clamps to [-1, 1], counts both and
how long each channel sat at full scale, and words that for the reader once the call is read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from assistant.ground.reader import say

FULL_SCALE = 0.999
SATURATED_SHARE = 0.5
"""A channel at full scale in more than this share of its samples is unusable as speech."""

MESSAGES = {
    "not_numbers": {"en": "{count} samples were not numbers (NaN/inf), first at {at:.1f} s; "
                          "they were replaced by silence",
                    "zh": "有 {count} 个采样不是数值（NaN/inf），首次出现在 {at:.1f} 秒；已替换为静音"},
    "out_of_range": {"en": "{count} samples were outside full scale and were clipped",
                     "zh": "有 {count} 个采样超出满刻度，已截断"},
    "saturated": {"en": "the {channel} channel is at full scale for {share:.0f} % of the call "
                        "(noise or a broken input): its volume and pace cannot be judged",
                  "zh": "{channel}声道有 {share:.0f}% 的时间处于满刻度（噪声或输入故障），"
                        "无法判断其音量和语速"},
}
_CHANNEL_NAMES = {"en": ("agent", "caller"), "zh": ("坐席", "客户")}


@dataclass
class SampleCheck:
    """Counts what :meth:`clean` repaired; :meth:`notes` words it (empty for a clean call)."""

    sample_rate: int
    not_numbers: int = 0
    first_bad_s: float | None = None
    out_of_range: int = 0
    seen: int = 0
    saturated: list[int] = field(default_factory=lambda: [0, 0])

    def clean(self, frames: np.ndarray, first_frame: int) -> np.ndarray:
        """``frames`` (n × channels) made finite and in range; counted as it goes."""
        bad = ~np.isfinite(frames)
        if bad.any():
            row = int(np.argmax(bad.any(axis=1)))
            if self.first_bad_s is None:
                self.first_bad_s = (first_frame + row) / self.sample_rate
            self.not_numbers += int(bad.sum())
            frames = np.where(bad, 0.0, frames).astype(frames.dtype, copy=False)
        over = np.abs(frames) > 1.0
        if over.any():
            self.out_of_range += int(over.sum())
            frames = np.clip(frames, -1.0, 1.0)
        self.seen += len(frames)
        at_full = np.abs(frames) >= FULL_SCALE
        for channel in range(min(frames.shape[1], 2)):
            self.saturated[channel] += int(at_full[:, channel].sum())
        return frames

    def saturated_channels(self) -> list[int]:
        return [ch for ch, n in enumerate(self.saturated)
                if self.seen and n / self.seen > SATURATED_SHARE]

    def notes(self, lang: str | None = None) -> list[str]:
        out = []
        if self.not_numbers:
            out.append(say(MESSAGES, "not_numbers", lang, count=self.not_numbers,
                           at=self.first_bad_s or 0.0))
        if self.out_of_range:
            out.append(say(MESSAGES, "out_of_range", lang, count=self.out_of_range))
        names = _CHANNEL_NAMES.get(lang or "", None)
        for channel in self.saturated_channels():
            from assistant.ground.reader import reader_language

            words = names or _CHANNEL_NAMES.get(reader_language(), _CHANNEL_NAMES["en"])
            out.append(say(MESSAGES, "saturated", lang, channel=words[channel],
                           share=100 * self.saturated[channel] / self.seen))
        return out
