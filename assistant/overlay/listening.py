"""What the overlay can and cannot check right now, so the agent never trusts silence.

Listening, paused or stopped; which channels exist; whether a recogniser runs (without
one the phrase checks are off, and the overlay names them and how to install a model);
which devices are lost (the source re-acquires them; the overlay says so meanwhile).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.conduct.pack import RULE_IDS, Pack
from assistant.conduct.rules import RULE_CLASSES
from assistant.ground.events import Channel
from assistant.ground.notices import DeviceChange, PackRefusal, RecordingStop
from assistant.ground.status import CallSetup, Listening


@dataclass
class ListeningState:
    listening: Listening = Listening.LISTENING
    has_caller: bool = True
    recognising: frozenset[Channel] = frozenset({Channel.AGENT, Channel.CALLER})
    lost: dict[Channel, str] = field(default_factory=dict)
    lost_why: dict[Channel, DeviceChange] = field(default_factory=dict)
    """Why each lost device was lost, when the source said (cause and details)."""
    model_hint: str = ""
    demo: bool = False
    recording_problem: RecordingStop | None = None
    """Why the session recorder stopped; ``None`` while it records (or is off)."""
    pack_problem: tuple[PackRefusal, ...] = ()
    """Why packs were refused (the last good one stays in use); empty when none was."""

    def setup(self, setup: CallSetup) -> None:
        self.has_caller = setup.has_caller
        self.recognising = frozenset(setup.recognising)
        self.model_hint = setup.model_hint
        self.demo = setup.demo

    @property
    def has_model(self) -> bool:
        return Channel.AGENT in self.recognising

    def checks_off(self, pack: Pack) -> tuple[str, ...]:
        """Enabled rules that need the recogniser and so are not checked without one."""
        if self.has_model:
            return ()
        return tuple(rule for rule in RULE_IDS
                     if pack.rule(rule).enabled and RULE_CLASSES[rule].needs_recogniser)

    @property
    def healthy(self) -> bool:
        """Everything the overlay could check is being checked."""
        return (self.listening is Listening.LISTENING and self.has_caller
                and self.has_model and not self.lost and not self.recording_problem)
