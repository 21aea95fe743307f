"""One module per rule family; ``RULE_CLASSES`` maps each stable rule id to its class."""

from assistant.conduct.rules.address import PoliteAddressRule
from assistant.conduct.rules.answer import AnswerWithinRingsRule
from assistant.conduct.rules.base import Rule
from assistant.conduct.rules.calm import CalmToneRule
from assistant.conduct.rules.closing import (
    CallerHangsUpFirstRule,
    ClosingRecapRule,
    ClosingThanksRule,
)
from assistant.conduct.rules.denial import NoDenialRule
from assistant.conduct.rules.escalation import EscalationRule
from assistant.conduct.rules.greeting import GreetingRule, SelfIntroRule
from assistant.conduct.rules.hold import HoldCallbackRule, HoldPermissionRule, HoldUpdateRule
from assistant.conduct.rules.jargon import JargonRule
from assistant.conduct.rules.listening import BackchannelRule, OvertalkRule
from assistant.conduct.rules.outbound import OutboundRingsRule
from assistant.conduct.rules.pace import PaceDriftRule
from assistant.conduct.rules.positive import PositiveWordingRule
from assistant.conduct.rules.restate import RestateNeedRule
from assistant.conduct.rules.understanding import ShowUnderstandingRule
from assistant.conduct.rules.volume import VolumeRule
from assistant.conduct.rules.wording import ForbiddenPhraseRule

RULE_CLASSES: dict[str, type[Rule]] = {
    cls.id: cls
    for cls in (
        AnswerWithinRingsRule,
        GreetingRule,
        SelfIntroRule,
        HoldPermissionRule,
        HoldUpdateRule,
        HoldCallbackRule,
        ClosingRecapRule,
        ClosingThanksRule,
        CallerHangsUpFirstRule,
        PaceDriftRule,
        VolumeRule,
        OvertalkRule,
        ForbiddenPhraseRule,
        BackchannelRule,
        OutboundRingsRule,
        PoliteAddressRule,
        PositiveWordingRule,
        NoDenialRule,
        RestateNeedRule,
        ShowUnderstandingRule,
        CalmToneRule,
        JargonRule,
        EscalationRule,
    )
}
