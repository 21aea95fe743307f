"""Settings of the rules judged from the agent's words and the softphone after the call:
outbound rings (第十一条(1)), polite address (第四条), positive wording (第六条) and no
denial (第十条). Each is optional in a pack file: left out, it runs with these defaults."""

from __future__ import annotations

from pydantic import Field

from assistant.conduct import placeholders as ph
from assistant.conduct.settings import RuleSettings


class OutboundRingsRule(RuleSettings):
    """Optional in a pack file: applies only when the softphone reports an outbound ``dial``.
    The ring cycle is ``answer_within_rings.ring_s`` (one line, one cadence)."""
    wording = {"text": {"rings": ph.INTEGER, "waited_s": ph.INTEGER}}

    clause: str = "kf-11.1"
    text: str = "外呼未接通时，响铃 {rings} 声后再挂断（本次 {waited_s} 秒）"
    rings: int = Field(default=6, ge=1, le=20)


class PoliteAddressRule(RuleSettings):
    """Optional in a pack file: the share of 您 among the agent's 您/你 (free text only)."""
    wording = {"text": {"share": ph.NUMBER, "polite": ph.INTEGER, "plain": ph.INTEGER}}

    clause: str = "kf-4"
    text: str = "称呼客户请用“您”：本次通话“您” {polite} 次，“你” {plain} 次"
    polite: tuple[str, ...] = ("您",)
    plain: tuple[str, ...] = ("你", "妳")
    plain_unless: tuple[str, ...] = ("你们", "妳们")
    """Words that hold a plain form but do not address the caller (你们 is the company)."""
    min_share: float = Field(default=0.8, ge=0, le=1)
    min_count: int = Field(default=3, ge=1, le=100)
    """Fewer forms of address than this in a call: not enough to judge (not needed)."""


class PositiveWordingRule(RuleSettings):
    """Optional in a pack file: negative or hedging wording (``phrases.negative``), after the
    call, with the standard wording from ``[[wording]]`` where the pack gives one."""
    wording = {"text": {"phrase": ph.TEXT}}

    clause: str = "kf-6"
    text: str = "请用积极、肯定的说法代替“{phrase}”"
    max_count: int = Field(default=0, ge=0, le=100)
    """How many negative phrases a call may hold and still meet the clause."""


class NoDenialRule(RuleSettings):
    """Optional in a pack file: denial phrases (``phrases.denial``), and a refusal (a denial
    or a ``phrases.negative`` phrase) left without a next step (``phrases.next_step``)
    before the call ends; after the call."""
    wording = {"text": {"phrase": ph.TEXT}}

    clause: str = "kf-10"
    text: str = "不否认问题，请给出解决办法或下一步（听到“{phrase}”）"
