"""A finding's detail in the reader's language.

Rules write a finding's detail in English ("2 time(s)", "caller hung up first"), and it is
stored that way in every session; scorecards, reports and the terminal show it in the
language of the pack or of the window. This table is the one place that knows the Chinese
for each detail a rule can write, so stored sessions read right without being rewritten.
Quoted phrases (what the agent said) are kept as they were heard.

A detail this table does not know is shown as it is: a new rule's words appear in English
until they are added here (a test checks every rule's details are covered).
"""

from __future__ import annotations

import re

_ZH: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(f"^{pattern}$"), zh)
    for pattern, zh in (
        (r"(\d+) time\(s\)", "{0} 次"),
        (r"no speech recogniser running", "未运行语音识别，无法检查"),
        (r"the softphone reported no ringing", "软电话未报告振铃"),
        (r"late: (“.*”) after the prompt", "提示后才说 {0}"),
        (r"no recap before closing", "结束前未复述"),
        (r"caller not thanked", "未感谢客户来电"),
        (r"agent hung up first", "坐席先挂机"),
        (r"caller hung up first", "客户先挂机"),
        (r"needs the softphone's call-end event to know who hung up",
         "需要软电话的挂机事件才能判断谁先挂机"),
        (r"not heard in the opening", "开场时未听到"),
        (r"heard (“.*”), expected (“.*”)", "听到 {0}，应为 {1}"),
        (r"long hold, but no recogniser to hear a callback offer",
         "等待较长，但未运行语音识别，无法确认是否告知回电"),
        (r"no hold in this call", "本次通话没有查询等待"),
        (r"no callback offered on a long hold", "等待较长，未告知回电时间"),
        (r"no caller channel", "没有客户声道"),
        (r"no caller channel: absolute band only", "没有客户声道：只按语速范围判断"),
        (r"too little speech to judge pace", "讲话太少，无法判断语速"),
        (r"hung up unanswered after (.*) s \(limit (\d+) s\)",
         "未接通即挂断：响铃 {0} 秒（应至少 {1} 秒）"),
        (r"no unanswered outbound call", "没有未接通的外呼"),
        (r"the recogniser hears only the pack's phrases",
         "语音识别只听提示包中的短语，无法判断称呼"),
        (r"too few forms of address to judge", "称呼次数太少，无法判断"),
        (r"您 (\d+), 你 (\d+)", "“您” {0} 次，“你” {1} 次"),
        (r"您 (\d+), 你 (\d+): (.*)", "“您” {0} 次，“你” {1} 次：{2}"),
        (r"the pack lists no negative phrases", "提示包未列出消极用语"),
        (r"the pack lists no denial phrases", "提示包未列出否认问题的用语"),
        (r"denied: (.*); no next step after (.*)",
         "否认问题：{0}；{1} 之后没有给出解决办法或下一步"),
        (r"denied: (.*)", "否认问题：{0}"),
        (r"no next step after (.*)", "{0} 之后没有给出解决办法或下一步"),
    )
)


def detail_text(detail: str, lang: str) -> str:
    """``detail`` for a reader of ``lang`` ("zh" translates; every other language reads the
    rules' English, which is also the Korean pack's scorecard language)."""
    if lang != "zh" or not detail:
        return detail
    for pattern, zh in _ZH:
        if match := pattern.match(detail):
            return zh.format(*match.groups())
    return detail


def known(detail: str) -> bool:
    """Whether the table has Chinese for ``detail`` (quoted phrases need none)."""
    return detail.startswith("“") or "、" in detail or any(p.match(detail) for p, _ in _ZH)
