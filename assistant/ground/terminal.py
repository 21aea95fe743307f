"""The terminal's human output in the reader's language (zh or en); JSON output is not.

The language is ``--ui-lang`` when given, else the reader's (``assistant.ground.reader``:
``ASSISTANT_UI_LANG``, then the locale; ``zh_CN.UTF-8`` reads Chinese), else English. Phase and rule names are the
overlay's own (the Qt catalogue, read without Qt), verdicts and details the reports', so
the terminal, the windows and the reports use one set of words.
"""

from __future__ import annotations

import re
import unicodedata

from assistant.ground.reader import reader_language
from assistant.ground.translations import words

LANGUAGES = ("zh", "en")

_WORDS = {
    "zh": {
        "verdict.met": "达标",
        "verdict.missed": "未达标",
        "verdict.not_checked": "未检查",
        "verdict.not_applicable": "不涉及",
        "duration": "时长 {d}",
        "pace.agent": "语速：坐席 {a}",
        "pace.caller": "，客户 {c} 字/分",
        "pace.caller_none": "，客户 –",
        "pace.no_caller": "（没有客户声道）",
        "pace.ratio": "（比值 {r}）",
        "no_model": "话术检查：未检查（没有语音模型）。开启方法：`assistant models install "
                    "whisper-base`，再加 `--recogniser whisper`（或 vosk 模型：`assistant models "
                    "install LANG`）",
        "no_model.whisper": "话术检查：未检查（没有这个识别方式的语音模型）。Whisper base 已安装："
                            "加 `--recogniser whisper` 即可开启",
        "findings": "检查结果：",
        "resolved": "{rule} 已解除：{why}",
        "certain_at": "{t} 确认",
        "at": "于 {times}",
        "header": "{path}  {seconds} 秒  {channels}  提示包 {pack} {version}{when}",
        "channels.both": "坐席 + 客户",
        "channels.agent": "仅坐席（没有客户声道）",
        "when": "  通话时间 {when}",
        "demo": "演示：内置的演示通话，不是真实来电",
        "channel.agent": "坐席",
        "channel.caller": "客户",
        "note.recogniser_off": "语音识别已关闭：话术检查未检查",
        "note.no_model": "未安装语音模型：话术检查未检查，声学检查照常"
                         "（安装：assistant models install {lang}）",
        "note.no_whisper": "未安装 Whisper 模型：话术检查未检查，声学检查照常"
                           "（安装：assistant models install {install}）",
        "note.no_faster_whisper": "未安装 faster-whisper：话术检查未检查，声学检查照常"
                                  "（pip install faster-whisper）",
        "note.whisper_agent_only": "提示包 {pack}：Whisper 只转写坐席声道（[recognition] "
                                   "channels）；客户一方的话（请稍等、感谢、诉求、抱怨、不满意）"
                                   "未检查",
        "note.vocabulary_unknown": "无法读取 {path} 模型的词表，提示包短语无法逐一核对；"
                                   "改用自由识别",
        "note.no_phrase_fits": "提示包 {pack}：{channel} 声道的短语没有一个在 {path} 模型的词表中；"
                               "改用自由识别",
    },
    "en": {
        "verdict.met": "met",
        "verdict.missed": "missed",
        "verdict.not_checked": "not checked",
        "verdict.not_applicable": "not needed",
        "duration": "Duration {d}",
        "pace.agent": "Pace: agent {a}",
        "pace.caller": ", caller {c} syllables/min",
        "pace.caller_none": ", caller –",
        "pace.no_caller": " (no caller channel)",
        "pace.ratio": " (ratio {r})",
        "no_model": "Phrase checks: not checked (no speech model). To turn them on: "
                    "`assistant models install whisper-base`, then `--recogniser whisper` "
                    "(or a vosk model: `assistant models install LANG`)",
        "no_model.whisper": "Phrase checks: not checked (no speech model for this recogniser). "
                            "Whisper base is installed: add `--recogniser whisper` to turn them on",
        "findings": "Findings:",
        "resolved": "{rule} resolved: {why}",
        "certain_at": "certain at {t}",
        "at": "at {times}",
        "header": "{path}  {seconds} s  {channels}  pack {pack} {version}{when}",
        "channels.both": "agent + caller",
        "channels.agent": "agent only (no caller channel)",
        "when": "  call time {when}",
        "demo": "DEMO: the bundled demo call, not a real call",
    },
}


def terminal_lang(explicit: str | None = None) -> str:
    """``explicit`` when it is a language, else the reader's (``assistant.ground.reader``)."""
    if explicit in LANGUAGES:
        return explicit
    return reader_language()


class TerminalWords:
    def __init__(self, lang: str):
        self.lang = lang if lang in LANGUAGES else "en"
        self._overlay = words(self.lang, "overlay")

    def __call__(self, key: str, **fields: object) -> str:
        text = _WORDS[self.lang].get(key, key)
        return text.format(**fields) if fields else text

    def note(self, note: str) -> str:
        """A recogniser note (``assembly.SetupNote``) in this language where it has words."""
        key = f"note.{getattr(note, 'kind', '')}"
        if key not in _WORDS[self.lang]:
            return str(note)
        fields = dict(getattr(note, "fields", {}))
        if "channel" in fields:
            fields["channel"] = _WORDS[self.lang].get(f"channel.{fields['channel']}",
                                                      fields["channel"])
        return self(key, **fields)

    def phase(self, phase: str) -> str:
        return self._overlay.get(f"phase.{phase}", phase)

    def rule(self, rule: str) -> str:
        return self._overlay.get(f"rule.{rule}", rule)


def pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal columns (a Chinese character takes two)."""
    columns = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - columns)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """A cell as it may reach a terminal: control characters (ANSI escapes, newlines) shown
    as ``�``, so a stored name can neither fake a row nor move the cursor."""
    return _CONTROL.sub("\ufffd", text)


def table(rows: list[tuple[str, ...]]) -> str:
    """Columns padded to their widest cell (East Asian characters count double)."""
    rows = [tuple(printable(cell) for cell in row) for row in rows]
    widths = [max(_width(r[c]) for r in rows) for c in range(len(rows[0]))]
    return "\n".join("  ".join(cell + " " * (w - _width(cell)) for cell, w in zip(r, widths))
                     .rstrip() for r in rows)


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def clock(t: float) -> str:
    minutes, seconds = divmod(max(t, 0.0), 60)
    return f"{int(minutes)}:{seconds:04.1f}"
