"""What is wrong with a call recording, in the reader's words (zh/en): what, where, what to do.

The table of ``assistant.audio.file``'s messages, worded with ``assistant.ground.reader.say``
(the terminal's language, or a window's inside ``reading_in``).
"""

from __future__ import annotations

from assistant.ground.reader import reader_language, say

MESSAGES = {
    "missing": {"en": "{path}: no such file", "zh": "{path}：文件不存在"},
    "folder": {"en": "{path}: is a folder, not an audio file",
               "zh": "{path}：这是文件夹，不是音频文件"},
    "unsafe": {"en": "{path}: {why}", "zh": "{path}：{why}"},
    "unreadable": {"en": "{path}: cannot be read ({why})", "zh": "{path}：无法读取（{why}）"},
    "empty": {"en": "{path}: is empty (0 bytes)", "zh": "{path}：文件是空的（0 字节）"},
    "not_audio": {"en": "{path}: not an audio file in a supported format (WAV, FLAC, OGG, "
                        "AIFF…): {why}",
                  "zh": "{path}：不是受支持格式的音频文件（WAV、FLAC、OGG、AIFF…）：{why}"},
    "channels": {"en": "{path}: has {n} channels; a call recording must be mono (the agent) "
                       "or stereo (agent and caller, one on each side)",
                 "zh": "{path}：有 {n} 个声道；通话录音须为单声道（坐席）或立体声（坐席和客户各占一侧）"},
    "no_audio": {"en": "{path}: contains no audio (zero length)",
                 "zh": "{path}：没有音频（长度为零）"},
    "wav_short": {"en": "{path}: is truncated: its header promises {promised} of audio but the "
                        "file holds only {present} (cut off while being written?)",
                  "zh": "{path}：文件不完整：文件头标明 {promised}的音频，实际只有 {present}"
                        "（写入时被中断？）"},
    "end_unreadable": {"en": "{path}: is truncated or damaged: its header promises {promised} "
                             "of audio but the end cannot be read ({why})",
                       "zh": "{path}：文件不完整或已损坏：文件头标明 {promised}的音频，但结尾无法读取"
                             "（{why}）"},
    "end_missing": {"en": "{path}: is truncated: its header promises {promised} of audio but "
                          "the end is missing",
                    "zh": "{path}：文件不完整：文件头标明 {promised}的音频，但结尾缺失"},
    "damaged": {"en": "{path}: the audio is damaged at {at} of {total} and cannot be decoded "
                      "further ({why})",
                "zh": "{path}：音频在 {at}（共 {total}）处损坏，无法继续解码（{why}）"},
    "stops_early": {"en": "{path}: the audio stops at {at} although the header promises "
                          "{total} (truncated or damaged file)",
                    "zh": "{path}：音频在 {at}处中断，而文件头标明 {total}（文件不完整或已损坏）"},
}


def file_problem(key: str, **fields: object) -> str:
    return say(MESSAGES, key, None, **fields)


def clock(seconds: float) -> str:
    """``12.3 s`` (``12.3 秒``) or ``1:02:03.4`` (h:mm:ss.s) for long calls, as trainers read
    them."""
    if seconds < 60:
        return f"{seconds:.1f} 秒" if reader_language() == "zh" else f"{seconds:.1f} s"
    minutes, secs = divmod(seconds, 60)
    hours, minutes = divmod(int(minutes), 60)
    return f"{hours}:{minutes:02d}:{secs:04.1f}" if hours else f"{minutes}:{secs:04.1f}"
