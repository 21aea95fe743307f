"""What the app knows of one input device, whichever library records it, and what can go
wrong finding or opening one.

A ``DeviceError`` carries its kind and details; ``str()`` is the reader's language (the
terminal's: ``assistant.ground.reader``), :meth:`DeviceError.words` any other (the settings window
words it in its own). The audio library's own words, when there are any, are a detail.
"""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.ground.reader import say

PORTAUDIO = "portaudio"
LOOPBACK = "loopback"


class DeviceProblem(str, enum.Enum):
    NO_PORTAUDIO = "no_portaudio"
    CANNOT_LIST = "cannot_list"
    NO_DEVICES = "no_devices"
    NO_DEFAULT = "no_default"
    NO_SUCH_INDEX = "no_such_index"
    NO_MATCH = "no_match"
    SEVERAL = "several"
    NO_SUCH_CHANNEL = "no_such_channel"
    NO_AUDIO_SERVER = "no_audio_server"
    NO_LOOPBACK = "no_loopback"
    SERVER_AWAY = "server_away"
    CANNOT_RECORD = "cannot_record"
    NOT_THERE = "not_there"
    CANNOT_LIST_LOOPBACK = "cannot_list_loopback"
    REMOVED = "removed"


MESSAGES = {
    "no_portaudio": {
        "en": "the PortAudio library is missing ({error}); install it with `apt-get install "
              "libportaudio2` (Debian/Ubuntu), then try again",
        "zh": "缺少 PortAudio 库（{error}）；请安装：`apt-get install libportaudio2`"
              "（Debian/Ubuntu），然后重试"},
    "cannot_list": {"en": "PortAudio cannot list the audio devices: {error}",
                    "zh": "PortAudio 无法列出音频设备：{error}"},
    "no_devices": {
        "en": "no audio input devices found: plug in a headset or check the audio server; "
              "`assistant demo` shows the assistant on a recorded call meanwhile",
        "zh": "未找到音频输入设备：请插上耳麦，或检查音频服务；在此之前可用 `assistant demo` "
              "在录好的通话上看看效果"},
    "no_default": {"en": "there is no default input device; choose one:",
                   "zh": "没有默认输入设备，请选择一个："},
    "no_such_index": {"en": "no input device #{index}; choose one of:",
                      "zh": "没有 #{index} 号输入设备，请从中选择："},
    "no_match": {"en": "no input device matches '{spec}'; choose one of:",
                 "zh": "没有与“{spec}”相符的输入设备，请从中选择："},
    "several": {"en": "'{spec}' matches several input devices; give the index or more of the "
                      "name:",
                "zh": "“{spec}”与多个输入设备相符，请给出编号或更完整的名称："},
    "no_such_channel": {
        "en": "{device} has {channels} input channel(s); channel {channel} does not exist "
              "(channels count from 0)",
        "zh": "{device} 只有 {channels} 个输入声道，没有第 {channel} 声道（声道从 0 开始编号）"},
    "no_audio_server": {"en": "loopback capture is unavailable: no PulseAudio or PipeWire "
                              "server answers",
                        "zh": "无法录制播放的声音：没有 PulseAudio 或 PipeWire 服务应答"},
    "no_loopback": {"en": "loopback capture is unavailable here ({error}); on Linux it needs "
                          "PulseAudio or PipeWire and libpulse0",
                    "zh": "此处无法录制播放的声音（{error}）；Linux 上需要 PulseAudio 或 PipeWire "
                          "以及 libpulse0"},
    "server_away": {"en": "the audio server does not answer ({error})",
                    "zh": "音频服务没有应答（{error}）"},
    "cannot_record": {"en": "cannot record {device}: {error}",
                      "zh": "无法录制 {device}：{error}"},
    "not_there": {"en": "{device} is not there (unplugged, or its output device was removed)",
                  "zh": "{device} 不在了（已拔出，或其输出设备已移除）"},
    "cannot_list_loopback": {"en": "cannot list loopback devices: {error}",
                             "zh": "无法列出可录制的播放设备：{error}"},
    "removed": {"en": "{device} was removed", "zh": "{device} 已被移除"},
    "table.header": {"en": "|#|name|host api|inputs|rate", "zh": "|#|名称|接口|输入声道|采样率"},
    "table.default": {"en": "* default input", "zh": "* 默认输入"},
}


class DeviceError(Exception):
    """No usable input device, or its library is unavailable; says what to do.

    ``kind`` and ``details`` are what happened; ``choices`` the devices to pick from, when
    the problem is which one was meant."""

    def __init__(self, kind: DeviceProblem, *, choices: Sequence[DeviceInfo] = (),
                 **details: object):
        self.kind, self.choices, self.details = kind, tuple(choices), details
        super().__init__(self.words())

    def words(self, lang: str | None = None) -> str:
        """The message in ``lang`` (default: the reader's), with the choices' table."""
        text = say(MESSAGES, self.kind.value, lang, **self.details)
        return f"{text}\n{device_table(self.choices, lang)}" if self.choices else text


@dataclass(frozen=True)
class DeviceInfo:
    index: int
    name: str
    host_api: str
    input_channels: int
    default_samplerate: float
    is_default_input: bool = False
    backend: str = PORTAUDIO
    """``portaudio`` (sounddevice: microphones, ALSA devices) or ``loopback`` (soundcard:
    what an output device plays — WASAPI loopback on Windows, a PulseAudio/PipeWire
    monitor on Linux)."""
    key: str = ""
    """The backend's own id of a loopback device (a PulseAudio source name, a WASAPI
    endpoint id), used to find it again after it was lost."""

    def __str__(self) -> str:
        return f"'{self.name}' (#{self.index}, {self.host_api})"


def device_table(devices: Sequence[DeviceInfo], lang: str | None = None) -> str:
    """A table of input devices, ``*`` marking the default; says so when there are none."""
    if not devices:
        return say(MESSAGES, "no_devices", lang)
    header = tuple(say(MESSAGES, "table.header", lang).split("|"))
    rows = [
        ("*" if d.is_default_input else "", str(d.index), d.name, d.host_api,
         str(d.input_channels), f"{d.default_samplerate:g}")
        for d in devices
    ]
    widths = [max(_width(r[i]) for r in [header, *rows]) for i in range(len(header))]
    right = {1, 4, 5}

    def line(cells: tuple[str, ...]) -> str:
        padded = (_pad(cell, width, i in right)
                  for i, (cell, width) in enumerate(zip(cells, widths, strict=True)))
        return "  ".join(padded).rstrip()

    out = [line(header), *(line(r) for r in rows)]
    if any(d.is_default_input for d in devices):
        out.append(say(MESSAGES, "table.default", lang))
    return "\n".join(out)


def _width(text: str) -> int:
    """Columns on a terminal: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(cell: str, width: int, right: bool) -> str:
    space = " " * (width - _width(cell))
    return space + cell if right else cell + space
