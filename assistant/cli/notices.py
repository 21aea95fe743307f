"""The terminal's words for a device change and a stopped recording, in the reader's language
(a recording's, shared with the archive's batch notes, are ``sessions.recording.stop_words``).

The live source and the recorder report kinds with details (``assistant.ground.notices``);
the terminal words them here, fuller than the overlay (a terminal has room for the device's
full name and the folder). The JSON stream keeps the kinds' stable names and the English.
"""

from __future__ import annotations

from assistant.ground.notices import DeviceChange, DeviceChangeKind, LossCause
from assistant.ground.reader import say
from assistant.sessions.recording.stop_words import MESSAGES as RECORDING_MESSAGES
from assistant.sessions.recording.stop_words import recording_stop_text

__all__ = ["device_change_text", "recording_stop_text", "say_notice"]

MESSAGES = {
    "channel.agent": {"en": "agent", "zh": "坐席"},
    "channel.caller": {"en": "caller", "zh": "客户"},
    "listening": {"en": "listening: {channel} device {device} at {rate:g} Hz",
                  "zh": "正在聆听：{channel}设备 {device}，{rate:g} Hz"},
    "device_lost": {"en": "{channel} device {device} lost: {cause}; trying again every "
                          "{retry:g} s, silence fills the gap",
                    "zh": "{channel}设备 {device} 已断开：{cause}；每 {retry:g} 秒重试一次，"
                          "其间以静音填补"},
    "reacquired": {"en": "{channel} device {device} back after {seconds:.1f} s (silence "
                         "filled the gap)",
                   "zh": "{channel}设备 {device} 已恢复，断开了 {seconds:.1f} 秒（其间以静音填补）"},
    "no_caller_channel": {"en": "no caller device: the checks that compare agent and caller "
                                "(pace match, overtalk, listening) are off",
                          "zh": "没有客户设备：需要比较坐席和客户的检查（语速匹配、抢话、倾听）已关闭"},
    "stopped": {"en": "capture stopped", "zh": "采集已停止"},
    "cause.stream_stopped": {"en": "the stream stopped", "zh": "音频流中断"},
    "cause.silent": {"en": "no audio for {seconds:.1f} s", "zh": "{seconds:.1f} 秒没有音频"},
    "cause.silent_after_open": {"en": "no audio {seconds:g} s after opening",
                                "zh": "打开 {seconds:g} 秒后仍没有音频"},
    "cause.cannot_open": {"en": "cannot open it ({error})", "zh": "无法打开（{error}）"},
    "recorded": {"en": "recorded as session {id} (`assistant sessions show {id}`)",
                 "zh": "已保存为记录 {id}（`assistant sessions show {id}`）"},
    "no_loopback": {"en": "no loopback devices for the caller: {why}",
                    "zh": "没有可录制客户声音的回环设备：{why}"},
}


def device_change_text(change: DeviceChange, lang: str | None = None) -> str:
    """One line for stderr, e.g. ``坐席设备 'USB Headset' (#3, ALSA) 已断开：1.6 秒没有音频…``."""
    channel = say(MESSAGES, f"channel.{change.channel.value}", lang) if change.channel else ""
    cause = ""
    if change.kind is DeviceChangeKind.LOST:
        cause = say(MESSAGES, f"cause.{(change.cause or LossCause.STREAM_STOPPED).value}", lang,
                    seconds=change.seconds, error=change.error)
    return say(MESSAGES, change.kind.value, lang, channel=channel, device=change.device,
               rate=change.rate, cause=cause, retry=change.retry_s, seconds=change.seconds)


def say_notice(key: str, lang: str | None = None, **fields: object) -> str:
    return say(RECORDING_MESSAGES if key in RECORDING_MESSAGES else MESSAGES, key, lang,
               **fields)
