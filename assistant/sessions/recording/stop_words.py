"""A stopped recording in the reader's words, folder included: for the terminal (``listen``,
``analyze``) and the archive's batch notes alike. The recorder reports a kind with details
(``RecordingStop``); the words are chosen here, never parsed back.
"""

from __future__ import annotations

from assistant.ground.notices import RecordingStop, RecordingStopKind
from assistant.ground.reader import reader_language, say

MESSAGES = {
    "recording.stopped": {"en": "recording stopped: {why}; the analysis goes on",
                          "zh": "录音已停止：{why}；分析照常进行"},
    "recording.disk_full": {"en": "the disk is full{place}; free some space",
                            "zh": "磁盘已满{place}，请清理空间"},
    "recording.not_writable": {"en": "cannot write to {where} ({error}); check the folder's "
                                     "permissions or set ASSISTANT_DATA_DIR",
                               "zh": "无法写入 {where}（{error}）；请检查文件夹权限，"
                                     "或设置 ASSISTANT_DATA_DIR"},
    "recording.failed": {"en": "the session cannot be saved{place}: {error}",
                         "zh": "无法保存通话记录{place}：{error}"},
}


def recording_stop_text(stop: RecordingStop, lang: str | None = None) -> str:
    """The recorder's reason in the reader's words, folder included."""
    lang = lang or reader_language()
    place = f" ({stop.where})" if stop.where and lang != "zh" else \
        f"（{stop.where}）" if stop.where else ""
    if stop.kind is RecordingStopKind.NOT_WRITABLE:
        return say(MESSAGES, "recording.not_writable", lang,
                   where=stop.where or "sessions/", error=stop.error)
    return say(MESSAGES, f"recording.{stop.kind.value}", lang, place=place, error=stop.error)


def recording_stopped_note(stop: RecordingStop, lang: str | None = None) -> str:
    """``录音已停止：磁盘已满（…）；分析照常进行``: the whole line, reason included."""
    return say(MESSAGES, "recording.stopped", lang, why=recording_stop_text(stop, lang))
