"""Settings of the rules that follow who said what, and how the caller sounds: restating the
caller's need (第七条), showing understanding (第八条), keeping calm with a caller whose
voice is raised (第九条), jargon (第十三条(2)) and escalating a caller still dissatisfied at
the close (第十三条(3)). Each is optional in a pack file: left out, it runs with these
defaults. The caller-side cues they share (voice raised over the caller's own baseline,
the caller talking over the agent) are tuned once, in ``[acoustics]``."""

from __future__ import annotations

from pydantic import Field

from assistant.conduct import placeholders as ph
from assistant.conduct.settings import RuleSettings


class RestateNeedRule(RuleSettings):
    """Optional in a pack file: after a caller's request (``phrases.request``, heard on the
    caller's channel) the agent restates it (``phrases.restate``, or a ``phrases.recap``
    that confirms it with the caller); after the call."""
    wording = {"text": {"request": ph.TEXT}}

    clause: str = "kf-7"
    text: str = "请先概括并复述客户的需求（“您是想……对吗？”）"
    before_next_step: bool = False
    """Only a restatement before the agent's first next step (``phrases.next_step``,
    ``phrases.lookup``) after the request counts (the strict QA reading)."""


class ShowUnderstandingRule(RuleSettings):
    """Optional in a pack file: a caller's complaint (``phrases.complaint``, or the caller's
    voice raised / talking over the agent, see ``[acoustics]``) is answered with
    understanding (``phrases.understanding``) within the agent's first ``reply_s`` of
    speech after it. Shown live when the complaint is heard in words."""
    wording = {"text": {"complaint": ph.TEXT}}

    clause: str = "kf-8"
    text: str = "客户在抱怨（“{complaint}”）：先表示理解，再解释"
    reply_s: float = Field(default=8.0, ge=1, le=120)
    acoustic_cues: bool = True
    """A raised voice or the caller talking over the agent also asks for understanding."""
    show_s: float = Field(default=8.0, gt=0, le=60)
    priority: int = Field(default=60, ge=0, le=100)


class CalmToneRule(RuleSettings):
    """Optional in a pack file: while the caller's voice is raised over their own baseline
    or they talk over the agent (``[acoustics]``), a calm-tone reminder; after the call,
    whether the agent's level and pace held and no dismissive words (``phrases.dismissive``
    or ``phrases.forbidden``) were said. Caller-side acoustics only: nothing is inferred
    about anyone's emotions."""
    wording = {"text": {"raised": ph.NUMBER, "cue": ph.TEXT}}

    clause: str = "kf-9"
    text: str = "客户{cue}：请保持平稳的音量和语速，耐心沟通"
    raised_word: str = "声音明显提高"
    overtalk_word: str = "在打断您说话"
    agent_raised_db: float = Field(default=6.0, gt=0, le=30)
    """The agent's level this far over the agent's own level before the episode: missed."""
    agent_faster: float = Field(default=0.25, gt=0, le=2)
    """The agent's pace this share over the agent's own pace before the episode: missed."""
    after_s: float = Field(default=10.0, ge=0, le=120)
    """How long after the caller's voice settles the agent is still judged."""
    show_s: float = Field(default=10.0, gt=0, le=120)
    cooldown_s: float = Field(default=60.0, ge=0, le=3600)
    priority: int = Field(default=70, ge=0, le=100)


class JargonRule(RuleSettings):
    """Optional in a pack file: industry terms (``phrases.jargon``) per minute of the
    agent's speaking time; after the call, with the terms heard."""
    wording = {"text": {"term": ph.TEXT, "per_min": ph.NUMBER}}

    clause: str = "kf-13.2"
    text: str = "少用行业术语（“{term}”），请用客户听得懂的话解释"
    max_per_min: float = Field(default=1.0, ge=0, le=60)
    min_minutes: float = Field(default=1.0, gt=0, le=60)
    """A call with less agent speech than this is counted as this long (one term in a
    short call is not "too many")."""


class EscalationRule(RuleSettings):
    """Optional in a pack file: a caller still dissatisfied at the close
    (``phrases.dissatisfied`` on the caller's channel, in the closing phase or the last
    ``closing_s`` of the call) is told the matter goes to a supervisor
    (``phrases.escalation``). Shown live when heard in the closing phase."""
    wording = {"text": {"heard": ph.TEXT}}

    clause: str = "kf-13.3"
    text: str = "客户仍不满意（“{heard}”）：告知会上报管理人员，并约定回复时间"
    closing_s: float = Field(default=60.0, ge=5, le=1800)
    show_s: float = Field(default=15.0, gt=0, le=120)
    priority: int = Field(default=65, ge=0, le=100)
