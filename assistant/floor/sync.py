"""Emptying the outbox: each finished session goes to the central store until acknowledged.

One pass (:func:`send_due`) sends every due entry; the :class:`Sender` thread runs passes
until stopped. A try that fails for a reason that can pass (no network, the service or its
database down) is retried with exponential backoff and jitter, the delay kept on disk with
the entry so a restart does not hammer a server that is down; a refusal (bad credential,
another agent's session, a document the store rejects) is kept too, retried at the longest
delay, and shown by ``assistant floor status``. Nothing leaves the outbox unacknowledged,
and resending is harmless: the store keeps a session once, by its id.

What leaves the desktop: the session's metadata, prompts, findings, summary and notes;
its masked transcript only if the site policy says ``send_transcripts``, its audio only if
it says ``send_audio``. Demo runs and sessions imported from other machines are not sent.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from assistant.floor.client import FloorClient, FloorError
from assistant.floor.config import FloorConfig
from assistant.sessions.session import AudioState, Session, SessionState, Source
from assistant.sessions.store.database import SessionStore, StoreError, sessions_dir
from assistant.sessions.store.outbox import Entry, Outbox
from assistant.sessions.store.transfer import session_document

log = logging.getLogger(__name__)

NOT_SENT = {Source.DEMO.value, Source.IMPORTED.value}


@dataclass(frozen=True)
class Backoff:
    base_s: float = 2.0
    cap_s: float = 600.0
    poll_s: float = 5.0
    """How often the thread looks for newly finished sessions."""

    def delay(self, attempts: int) -> float:
        """After ``attempts`` failed tries: base·2^attempts, capped, with ±50 % jitter so a
        floor of desktops does not come back in one wave after an outage."""
        return min(self.cap_s, self.base_s * 2 ** min(attempts, 30)) * random.uniform(0.5, 1.0)


@dataclass
class PassResult:
    sent: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)


def document_for(session: Session, config: FloorConfig) -> dict[str, Any]:
    """What the policy lets leave the desktop, as a session document."""
    events = session.events
    if not config.send_transcripts:
        events = [e for e in events if type(e).__name__ != "Transcript"]
    return session_document(replace(session, events=events))


def send_due(store: SessionStore, outbox: Outbox, client: FloorClient,
             backoff: Backoff = Backoff(), now: float | None = None) -> PassResult:
    result = PassResult()
    for entry in outbox.due(now):
        _send_one(store, outbox, client, backoff, entry, result)
    return result


def _send_one(store: SessionStore, outbox: Outbox, client: FloorClient, backoff: Backoff,
              entry: Entry, result: PassResult) -> None:
    sid = entry.session_id
    try:
        info = store.info(sid)
    except StoreError:
        outbox.done(sid)  # deleted here meanwhile: nothing left to send
        return
    if info.source in NOT_SENT:
        outbox.done(sid)
        result.skipped.append(sid)
        return
    if info.state is SessionState.RECORDING or (info.audio_state is AudioState.RECORDING
                                                and not _waited_too_long(entry)):
        outbox.wait(sid, backoff.poll_s)  # its audio is still being compressed
        return
    try:
        if not entry.document_sent:
            stored = client.send_session(document_for(store.load(sid), client.config))
            outbox.document_sent(sid)
            (result.sent if stored == "new" else result.already).append(sid)
        audio = store.audio_path(info)
        if client.config.send_audio and audio is not None and audio.exists() \
                and info.audio_state is not AudioState.RECORDING:
            client.send_audio(sid, audio.read_bytes())
        outbox.done(sid)
    except FloorError as exc:
        delay = backoff.delay(entry.attempts) if exc.retry else backoff.cap_s
        outbox.later(sid, delay, str(exc))
        result.failed[sid] = str(exc)
    except (StoreError, OSError) as exc:
        outbox.later(sid, backoff.cap_s, f"cannot be read here: {exc}")
        result.failed[sid] = str(exc)


AUDIO_WAIT_S = 600.0
"""How long a finished call waits for its audio to be compressed before it is sent without
it (a converter that died leaves the audio to the next start's housekeeping)."""


def _waited_too_long(entry: Entry) -> bool:
    try:
        queued = datetime.fromisoformat(entry.queued_at)
    except ValueError:
        return True
    return (datetime.now() - queued).total_seconds() > AUDIO_WAIT_S


class Sender(threading.Thread):
    """Sends finished sessions in the background until :meth:`stop`."""

    def __init__(self, config: FloorConfig, root: Path | None = None, *,
                 backoff: Backoff = Backoff(),
                 on_pass: Callable[[PassResult], None] | None = None):
        super().__init__(name="floor-sender", daemon=True)
        self.config = config
        self.root = Path(root) if root is not None else sessions_dir()
        self.backoff = backoff
        self.on_pass = on_pass
        self._stopping = threading.Event()
        self._wake = threading.Event()

    def stop(self, timeout: float | None = 5.0) -> None:
        self._stopping.set()
        self._wake.set()
        if self.is_alive():
            self.join(timeout)

    def nudge(self) -> None:
        """Look at the outbox now (a call has just ended)."""
        self._wake.set()

    def run(self) -> None:
        store = SessionStore(self.root)
        outbox = Outbox(store.db_path)
        client = FloorClient(self.config)
        try:
            while not self._stopping.is_set():
                try:
                    result = send_due(store, outbox, client, self.backoff)
                    if self.on_pass is not None:
                        self.on_pass(result)
                except Exception:
                    log.exception("sending sessions to the central store")
                self._wake.wait(self.backoff.poll_s)
                self._wake.clear()
        finally:
            client.close()
            outbox.close()
            store.close()


def start_sender(root: Path | None = None, report: Callable[[str], None] | None = None
                 ) -> Sender | None:
    """The sender for this desktop, started, if the site policy names a central store;
    ``None`` otherwise (and ``report`` is told why, if it is configured but unusable)."""
    from assistant.floor.config import usable_floor_config

    config = usable_floor_config(report, "sessions stay on this machine for now")
    if config is None:
        return None
    sender = Sender(config, root)
    sender.start()
    return sender
