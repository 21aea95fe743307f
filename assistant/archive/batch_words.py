"""What `analyze DIR` (local pool or cluster) prints for people, in the reader's language:
a line per call, the table's heads, the totals, a skipped file. The JSON lines stay as
they are in every language."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from assistant.ground.reader import reader_language, say

MESSAGES = {
    "file": {"en": "{path}  {agent}  {seconds:.0f} s  {prompts}  missed: {missed}{tail}",
             "zh": "{path}  {agent}  {seconds:.0f} 秒  {prompts}  未达标：{missed}{tail}"},
    "prompt.one": {"en": "1 prompt", "zh": "1 条提示"},
    "prompt.many": {"en": "{n} prompts", "zh": "{n} 条提示"},
    "none": {"en": "none", "zh": "无"},
    "session": {"en": "  session {id}", "zh": "  记录 {id}"},
    "call": {"en": "  call {id}", "zh": "  通话 {id}"},
    "skipped": {"en": "skipped {why}", "zh": "已跳过：{why}"},
    "totals": {"en": "{done} of {total} calls analysed{where}{skipped}",
               "zh": "已分析 {done}/{total} 个通话{where}{skipped}"},
    "on_workers": {"en": " on {n} workers", "zh": "（{n} 个工作进程）"},
    "some_skipped": {"en": ", {n} skipped (see above)", "zh": "，跳过 {n} 个（见上文）"},
    "progress": {"en": "analysing", "zh": "分析中"},
    "no_recordings": {"en": "{folder}: no recordings here (looked for {suffixes} in it and its "
                            "sub-folders)",
                      "zh": "{folder}：此处没有录音（在其及子文件夹中查找了 {suffixes}）"},
}

HEADS = {
    "en": ("AGENT", "CALLS", "CLAUSE", "MET", "MISSED", "NOT NEEDED", "NOT CHECKED"),
    "zh": ("坐席", "通话数", "条款", "达标", "未达标", "不涉及", "未检查"),
}


def file_line(path: Path, agent: str, seconds: float, prompts: int, missed: Sequence[str],
              *, session: str = "", call: str = "") -> str:
    """``calls/a.wav  王芳 1024  66 s  2 prompts  missed: hold_update  session s-…``."""
    count = say(MESSAGES, "prompt.one") if prompts == 1 else say(MESSAGES, "prompt.many",
                                                                   n=prompts)
    tail = (say(MESSAGES, "session", id=session) if session else "") + \
        (say(MESSAGES, "call", id=call) if call else "")
    return say(MESSAGES, "file", path=path, agent=agent, seconds=seconds, prompts=count,
               missed=", ".join(missed) or say(MESSAGES, "none"), tail=tail)


def skipped_line(why: str) -> str:
    return say(MESSAGES, "skipped", why=why)


def totals_line(done: int, total: int, skipped: int, workers: int | None = None) -> str:
    """``3 of 4 calls analysed, 1 skipped (see above)``; on a cluster, on how many workers."""
    return say(MESSAGES, "totals", done=done, total=total,
               where=say(MESSAGES, "on_workers", n=workers) if workers else "",
               skipped=say(MESSAGES, "some_skipped", n=skipped) if skipped else "")


def heads() -> tuple[str, ...]:
    return HEADS.get(reader_language(), HEADS["en"])


def no_recordings(folder: Path, suffixes: Sequence[str]) -> str:
    return say(MESSAGES, "no_recordings", folder=folder, suffixes=", ".join(suffixes))


def progress_label() -> str:
    return say(MESSAGES, "progress")
