"""The coaching report's own words in Chinese and English.

Prompt wording comes from the session's pack and clause texts from the clause catalogue;
this holds only headings and labels (the rule names as the overlay shows them). Kept in
Python, not in Qt's translation files, so ``assistant.sessions`` stays Qt-free; a key
missing here shows as the key itself.
"""

from __future__ import annotations

from assistant.core.events import Phase, Status

LANGUAGES = ("zh", "en")

_TEXT: dict[str, dict[str, str]] = {
    "zh": {
        "title": "通话辅导报告",
        "header.agent": "坐席",
        "header.when": "通话时间",
        "header.duration": "时长",
        "header.pack": "提示包",
        "header.speech": "语音识别",
        "header.audio": "录音",
        "header.session": "会话编号",
        "header.source": "来源",
        "speech.off": "未启用（话术类检查未检查）",
        "audio.recorded": "已录音（报告不含音频）",
        "audio.partial": "部分录音（通话中断）",
        "audio.stopped": "录音中途停止",
        "audio.none": "未录音",
        "recovered": "本会话在通话中意外中断后恢复：记录截至最后一次保存，评分可能不完整。",
        "no_summary": "本会话没有保存通话结论（未正常结束）：评分卡由已保存的观测重新计算。",
        "section.scorecard": "条款评分卡",
        "section.timeline": "通话时间线",
        "section.pace": "语速",
        "section.findings": "各项结论与条款原文",
        "section.prompts": "提示记录",
        "section.notes": "培训师批注",
        "section.transcript": "转写文本（数字已遮蔽）",
        "transcript.hits": "［短语命中，非转写］{text}",
        "col.clause": "条款",
        "col.rule": "检查项",
        "col.status": "结果",
        "col.times": "时间",
        "col.detail": "说明",
        "col.time": "时间",
        "col.prompt": "提示",
        "col.resolved": "解除",
        "col.note": "批注",
        "col.author": "作者",
        "col.who": "说话人",
        "col.text": "内容",
        "status.met": "达标",
        "status.missed": "未达标",
        "status.not_checked": "未检查",
        "status.not_applicable": "不适用",
        "counts": "达标 {met} · 未达标 {missed} · 未检查 {not_checked} · 不适用 {not_applicable}",
        "clause.original": "原文",
        "clause.english": "英文",
        "phase.greeting": "问候",
        "phase.conversation": "交谈",
        "phase.hold": "等待",
        "phase.closing": "结束",
        "lane.agent": "坐席",
        "lane.caller": "客户",
        "lane.phase": "阶段",
        "axis.time": "通话时间 (分:秒)",
        "axis.pace": "语速 (字/分钟)",
        "legend.hold": "客户等待",
        "legend.hold_mark": "15 秒通报节点",
        "legend.prompt": "提示",
        "legend.note": "批注",
        "legend.band": "与客户语速相差 {band} 以内",
        "pace.none": "语音不足，无法计算语速",
        "pace.summary": "全程语速：坐席 {agent}，客户 {caller}（字/分钟）",
        "resolved.open": "通话结束时仍未解除",
        "none": "无",
        "team.title": "团队辅导报告",
        "team.scope": "范围",
        "team.everyone": "全部坐席",
        "team.period": "时间段",
        "team.calls": "通话数",
        "team.agents": "坐席数",
        "team.recovered": "其中 {n} 通通话中途中断后恢复，没有保存通话结论：其评分由已保存的观测重新计算。",
        "team.rate_note": "未达标率 = 未达标 ÷（达标 + 未达标）；未检查的通话不计入。",
        "team.agent_line": "{calls} 通通话 · 平均语速：坐席 {agent}，客户 {caller}（字/分钟）",
        "team.replay_hint": "用 `assistant replay 会话编号` 回放其中一通。",
        "team.no_misses": "所选通话中没有未达标的条款。",
        "section.team_top": "未达标最多的条款",
        "section.team_agents": "各坐席按条款统计",
        "section.team_pace": "平均语速",
        "section.team_calls": "通话列表",
        "col.agent": "坐席",
        "col.calls": "通话",
        "col.met": "达标",
        "col.missed": "未达标",
        "col.not_checked": "未检查",
        "col.miss_rate": "未达标率",
        "col.misses": "未达标条款",
        "col.what": "未达标情况",
        "col.agent_pace": "坐席语速",
        "col.caller_pace": "客户语速",
        "col.pace_ratio": "坐席 ÷ 客户",
        "col.id": "会话编号",
        "col.duration": "时长",
        "col.prompts": "提示",
        "axis.calls": "通话数",
        "footer": "本报告在本机生成：通话音频和文字均未离开这台电脑。由客服礼仪助手 {version} 生成于 {now}。",
    },
    "en": {
        "title": "Call coaching report",
        "header.agent": "Agent",
        "header.when": "Call time",
        "header.duration": "Duration",
        "header.pack": "Prompt pack",
        "header.speech": "Speech recogniser",
        "header.audio": "Audio",
        "header.session": "Session",
        "header.source": "Source",
        "speech.off": "off (phrase checks not checked)",
        "audio.recorded": "recorded (not part of this report)",
        "audio.partial": "partly recorded (the call was cut off)",
        "audio.stopped": "recording stopped during the call",
        "audio.none": "not recorded",
        "recovered": "This session was recovered after the assistant stopped mid-call: it holds "
                     "everything up to the last save, so the scorecard may be incomplete.",
        "no_summary": "This session has no stored verdict (it did not end normally): the "
                      "scorecard is recomputed from the saved observations.",
        "section.scorecard": "Scorecard by clause",
        "section.timeline": "Call timeline",
        "section.pace": "Pace",
        "section.findings": "Findings and clause texts",
        "section.prompts": "Prompts",
        "section.notes": "Trainer's notes",
        "section.transcript": "Transcript (digits masked)",
        "transcript.hits": "[phrase hits, not a transcript] {text}",
        "col.clause": "Clause",
        "col.rule": "Check",
        "col.status": "Result",
        "col.times": "Times",
        "col.detail": "Detail",
        "col.time": "Time",
        "col.prompt": "Prompt",
        "col.resolved": "Resolved",
        "col.note": "Note",
        "col.author": "By",
        "col.who": "Speaker",
        "col.text": "Text",
        "status.met": "met",
        "status.missed": "missed",
        "status.not_checked": "not checked",
        "status.not_applicable": "not applicable",
        "counts": "met {met} · missed {missed} · not checked {not_checked} · "
                  "not applicable {not_applicable}",
        "clause.original": "Original",
        "clause.english": "English",
        "phase.greeting": "greeting",
        "phase.conversation": "conversation",
        "phase.hold": "hold",
        "phase.closing": "closing",
        "lane.agent": "Agent",
        "lane.caller": "Caller",
        "lane.phase": "Phase",
        "axis.time": "call time (min:s)",
        "axis.pace": "pace (syllables/min)",
        "legend.hold": "caller waiting",
        "legend.hold_mark": "15-s update due",
        "legend.prompt": "prompt",
        "legend.note": "note",
        "legend.band": "within {band} of the caller",
        "pace.none": "not enough speech to measure pace",
        "pace.summary": "Whole-call pace: agent {agent}, caller {caller} syllables/min",
        "resolved.open": "still open when the call ended",
        "none": "none",
        "team.title": "Team coaching report",
        "team.scope": "Selection",
        "team.everyone": "all agents",
        "team.period": "Period",
        "team.calls": "Calls",
        "team.agents": "Agents",
        "team.recovered": "{n} of these calls were recovered after the assistant stopped "
                          "mid-call and have no stored verdict: they are scored from the "
                          "saved observations.",
        "team.rate_note": "Miss rate = missed ÷ (met + missed); calls where the clause could "
                          "not be checked are left out.",
        "team.agent_line": "{calls} call(s) · average pace: agent {agent}, caller {caller} "
                           "syllables/min",
        "team.replay_hint": "Open one with `assistant replay ID`.",
        "team.no_misses": "No clause was missed in these calls.",
        "section.team_top": "Clauses missed most",
        "section.team_agents": "Per agent and clause",
        "section.team_pace": "Average pace",
        "section.team_calls": "Calls",
        "col.agent": "Agent",
        "col.calls": "Calls",
        "col.met": "Met",
        "col.missed": "Missed",
        "col.not_checked": "Not checked",
        "col.miss_rate": "Miss rate",
        "col.misses": "Missed clauses",
        "col.what": "What was missed",
        "col.agent_pace": "Agent pace",
        "col.caller_pace": "Caller pace",
        "col.pace_ratio": "Agent ÷ caller",
        "col.id": "Session",
        "col.duration": "Duration",
        "col.prompts": "Prompts",
        "axis.calls": "calls",
        "footer": "Generated on this computer: no call audio or text left it. Etiquette "
                  "assistant {version}, {now}.",
    },
}


RULE_NAMES: dict[str, dict[str, str]] = {
    "zh": {
        "answer_within_rings": "三声内接听",
        "greeting": "问候语",
        "self_intro": "自我介绍",
        "hold_permission": "查询前征得同意",
        "hold_update": "每15秒通报",
        "hold_callback": "告知回电时间",
        "closing_recap": "结束前复述",
        "closing_thanks": "感谢来电",
        "caller_hangs_up_first": "客户先挂机",
        "pace_drift": "语速",
        "volume": "音量",
        "overtalk": "插话",
        "forbidden_phrase": "禁用语",
        "backchannel": "适时回应",
    },
    "en": {
        "answer_within_rings": "answer within three rings",
        "greeting": "greeting",
        "self_intro": "self-introduction",
        "hold_permission": "permission before a hold",
        "hold_update": "15-second hold updates",
        "hold_callback": "callback offer",
        "closing_recap": "closing recap",
        "closing_thanks": "thanking the caller",
        "caller_hangs_up_first": "caller hangs up first",
        "pace_drift": "pace",
        "volume": "volume",
        "overtalk": "overtalk",
        "forbidden_phrase": "forbidden phrases",
        "backchannel": "acknowledgements",
    },
}
"""The overlay's names for the rules, so the report and the screen agree."""


class ReportText:
    def __init__(self, lang: str):
        if lang not in LANGUAGES:
            raise ValueError(f"report language {lang!r}: use one of {', '.join(LANGUAGES)}")
        self.lang = lang
        self._strings = _TEXT[lang]

    def __call__(self, key: str, **fields: object) -> str:
        text = self._strings.get(key, key)
        return text.format(**fields) if fields else text

    def status(self, status: Status) -> str:
        return self(f"status.{status.value}")

    def phase(self, phase: Phase) -> str:
        return self(f"phase.{phase.value}")

    def rule(self, rule_id: str) -> str:
        return RULE_NAMES[self.lang].get(rule_id, rule_id)
