"""The agent's app on the live floor: the reporter beside the overlay, and its link.

``LiveFloor`` is what the running app starts when the site has a central store: a
``LiveReporter`` that the live call feeds (through :func:`fan_out`, beside the overlay's
bridge) and a ``LiveLink`` that sends its state under the agent's credential.
"""

from __future__ import annotations

import ssl
from collections.abc import Callable

from assistant.conduct.rules.base import AgentProfile
from assistant.floor.link import LiveLink
from assistant.floor.reporter import LiveReporter

Sink = Callable[[object], None]


class LiveFloor:
    def __init__(self, server: str, token: str, *, agent: AgentProfile = AgentProfile(),
                 ssl_context: ssl.SSLContext | None = None,
                 session_id: Callable[[], str | None] = lambda: None):
        self.reporter = LiveReporter(session_id=session_id, name=agent.name)
        self.link = LiveLink(server, token, self.reporter.current, ssl_context=ssl_context)
        self.reporter.on_change = self.link.changed

    def start(self) -> LiveFloor:
        self.link.start()
        return self

    def stop(self) -> None:
        """The app is closing: the floor shows the agent offline at once."""
        self.reporter.quit()
        self.link.stop()


def fan_out(*sinks: Sink) -> Sink:
    """One sink that hands each event to every one of ``sinks``, in order."""
    def sink(event: object) -> None:
        for each in sinks:
            each(event)
    return sink


def start_live_floor(agent: AgentProfile = AgentProfile(),
                     report: Callable[[str], None] | None = None) -> LiveFloor | None:
    """This desktop's live link, started, if the site policy names a central store (its
    service carries the live floor); ``None`` otherwise, and ``report`` is told why when one
    is configured but unusable."""
    from assistant.floor.config import usable_floor_config

    config = usable_floor_config(report, "the live floor does not see this desktop for now")
    if config is None:
        return None
    return LiveFloor(config.url, config.token, agent=agent,
                     ssl_context=config.tls_context()).start()
