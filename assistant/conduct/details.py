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
        (r"late: (“.*?”(?: \[[^\]]*\])?) after the prompt", "提示后才说 {0}"),
        (r"late: (“.*?”(?: \[[^\]]*\])?) after the opening", "开场之后才说 {0}"),
        (r"no recap before closing", "结束前未复述"),
        (r"caller not thanked", "未感谢客户来电"),
        (r"agent hung up first", "坐席先挂机"),
        (r"caller hung up first", "客户先挂机"),
        (r"needs the softphone's call-end event to know who hung up",
         "需要软电话的挂机事件才能判断谁先挂机"),
        (r"not heard in the opening", "开场时未听到"),
        (r"heard (“.*?”(?: \[[^\]]*\])?), expected (“.*”)", "听到 {0}，应为 {1}"),
        (r"long hold, but no recogniser to hear a callback offer",
         "等待较长，但未运行语音识别，无法确认是否告知回电"),
        (r"no hold in this call", "本次通话没有查询等待"),
        (r"no callback offered on a long hold", "等待较长，未告知回电时间"),
        (r"no caller channel", "没有客户声道"),
        (r"no caller channel: absolute band only", "没有客户声道：只按语速范围判断"),
        (r"too little speech to judge pace", "讲话太少，无法判断语速"),
        (r"too little speech to judge volume", "讲话太少，无法判断音量"),
        (r"no words of the agent's were heard", "没有听到坐席的话，无需检查"),
        (r"the caller never spoke", "客户没有讲话，无需检查"),
        (r"no long caller turn", "客户没有长时间连续讲话，无需检查"),
        (r"no hold reached (\d+) s", "没有超过 {0} 秒的等待，无需告知回电"),
        (r"a (\d+) s silence: could not tell whether the caller was waiting",
         "有 {0} 秒的静默，但无法判断是否客户在等坐席（未听到查询说明，也听不到客户一方）"),
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
        (r"the caller's words are not recognised", "未识别客户的话，无法判断"),
        (r"the pack lists no request phrases", "提示包未列出客户提需求的用语"),
        (r"no request heard from the caller", "未听到客户提出需求，无需复述"),
        (r"not restated: (.*)", "未复述客户的需求：{0}"),
        (r"no complaint from the caller", "客户没有抱怨，无需表示理解"),
        (r"no understanding shown after: (.*)", "未先表示理解：{0}"),
        (r"the caller's voice was never raised, nor did they talk over the agent",
         "客户没有提高声音，也没有打断坐席，无需提醒"),
        (r"steady through (\d+) cue\(s\)", "客户 {0} 次提高声音或打断，坐席保持平稳"),
        (r"steady through (\d+) cue\(s\) \(words not heard\)",
         "客户 {0} 次提高声音或打断，坐席音量语速平稳（未运行语音识别，用语未检查）"),
        (r"louder by (\d+) dB at ([\d:.]+)", "客户声音提高或打断时（{1}），坐席音量提高了 {0} dB"),
        (r"faster by (\d+)% at ([\d:.]+)", "客户声音提高或打断时（{1}），坐席语速加快了 {0}%"),
        (r"dismissive at ([\d:.]+): (.*)", "客户声音提高或打断时（{0}），坐席说了 {1}"),
        (r"the pack lists no jargon", "提示包未列出行业术语"),
        (r"(\d+) term\(s\) in ([\d.]+) min of speech", "{1} 分钟讲话中行业术语 {0} 个"),
        (r"(\d+) term\(s\) in ([\d.]+) min of speech: (.*)",
         "{1} 分钟讲话中行业术语 {0} 个：{2}"),
        (r"the caller was not dissatisfied at the close", "结束时客户没有表示不满，无需上报"),
        (r"no supervisor offered after: (.*)", "客户仍不满意，未告知上报管理人员：{0}"),
    )
)


_TIMES = re.compile(r"^(\d+) time\(s\)$")

_INNER_ZH = (
    (re.compile(r"raised voice \(\+(\d+) dB\) at ([\d:.]+)"), r"客户声音提高 \1 dB（\2）"),
    (re.compile(r"caller talking over the agent at ([\d:.]+)"), r"客户打断坐席（\1）"),
)
"""Caller cues inside a longer detail (the evidence of 第八条)."""


def detail_text(detail: str, lang: str) -> str:
    """``detail`` for a reader of ``lang`` ("zh" translates; every other language reads the
    rules' English, which is also the Korean pack's scorecard language)."""
    if not detail:
        return detail
    if lang != "zh":
        if match := _TIMES.match(detail):
            n = int(match[1])
            return "once" if n == 1 else f"{n} times"
        return detail
    return _QUOTE_LIST.sub("、", _in_chinese(detail))


_QUOTE_LIST = re.compile(r"(?<=[\])”]), (?=“)")
"""The comma between two quoted pieces of evidence; a Chinese reader's list takes 、."""


def _in_chinese(detail: str) -> str:
    for pattern, zh in _ZH:
        if match := pattern.match(detail):
            text = zh.format(*match.groups())
            for inner, replacement in _INNER_ZH:
                text = inner.sub(replacement, text)
            return text
    if "; " in detail:  # a finding of several parts, each a detail of its own
        return "；".join(_in_chinese(part) for part in detail.split("; "))
    return detail


def known(detail: str) -> bool:
    """Whether the table has Chinese for ``detail`` (quoted phrases need none)."""
    if "; " in detail and not any(p.match(detail) for p, _ in _ZH):
        return all(known(part) for part in detail.split("; "))
    return detail.startswith("“") or "、" in detail or any(p.match(detail) for p, _ in _ZH)


_REASONS_ZH = {
    "agent acknowledged": "坐席已回应",
    "agent updated the caller": "坐席已向客户通报",
    "call ended": "通话结束",
    "caller finished": "客户说完了",
    "hold ended": "等待结束",
    "not answered": "未处理，已收起",
    "overlap over": "不再抢话",
    "pace back in step": "语速恢复正常",
    "shown": "已显示",
    "volume back in band": "音量恢复正常",
    "superseded": "被新提示取代",
    "resumed from hold": "已恢复通话",
    "call started": "通话开始",
    "speech": "有人说话",
    "greeting over": "开场结束",
    "caller waiting in silence": "客户在静候",
    "put on hold": "软电话保持",
    "caller talking": "客户在说话",
    "agent talking": "坐席在说话",
    "caller went on talking": "客户继续说话",
}
_HEARD = re.compile(r"^heard (“.*”)$")
_SAID = re.compile(r"^agent said (“.*”)$")


def resolution_text(reason: str, lang: str) -> str:
    """Why a prompt went away (``PromptResolved.reason``, stored in English) for a reader of
    ``lang``."""
    if lang != "zh" or not reason:
        return reason
    if match := _HEARD.match(reason):
        return f"听到 {match[1]}"
    if match := _SAID.match(reason):
        return f"坐席说 {match[1]}"
    return _REASONS_ZH.get(reason, reason)


def known_resolution(reason: str) -> bool:
    return reason in _REASONS_ZH or bool(_HEARD.match(reason))
