"""Running a call, the one way every front end does it: pack, recognisers, pipeline, sinks
and, optionally, a recorder.

``analyze`` (one file or a folder), ``listen``, the supervisor's trial, the demo and the
live app all start their calls here, so a sink, a recogniser or a recorder is wired once::

    hearing = hear(pack, mode="grammar", has_caller=source.has_caller)
    call = Call(pack, hearing, has_caller=source.has_caller, sinks=[timeline],
                recorder=recorder, call_time=when)
    call.add_sink(overlay)
    summary = call.run(source.blocks())
    call.finish_recording(summary)

What listens for words is a ``Hearing``: none (acoustic checks only), vosk (grammar or
free), Whisper, or recognisers the caller built itself (a scenario's scripted stand-in).
The recorder is built by the caller (the session store is a service above the engine)
and only has to fit ``CallRecorder``: it gets each block before the pipeline does, and
every event as a sink.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Protocol

from assistant.audio.block import Block
from assistant.audio.file import AudioFileError
from assistant.call.tracker import CallState
from assistant.conduct.pack import Pack
from assistant.conduct.rules.base import AgentProfile
from assistant.engine.assembly import Mode, build_recognisers
from assistant.engine.call_core import Sink
from assistant.engine.pipeline import Pipeline
from assistant.ground.events import CallAction, Channel, Event
from assistant.ground.notices import RecordingStop
from assistant.ground.reader import say
from assistant.ground.summary import Summary
from assistant.speech.recogniser import Recogniser

MESSAGES = {
    "interrupted": {"en": "stopped before the end of the recording (interrupted)",
                    "zh": "录音未分析完即停止（被中断）"},
}

Controls = Sequence[tuple[float | None, CallAction, Channel | None]]
"""Softphone events known in advance: (audio time, action, by); time ``None`` is the end."""


class CallRecorder(Protocol):
    """What a call needs of a recorder; ``assistant.sessions.recording.recorder.Recorder`` fits."""

    session_id: str | None
    problem: RecordingStop | None
    """Why recording stopped (``None`` while it works)."""

    def audio(self, block: Block) -> None: ...

    def __call__(self, event: Event) -> None: ...

    def finish(self, summary: Summary | None, *, background: bool = False,
               remark: str = "") -> None: ...


@dataclass
class Hearing:
    """What listens for words in a call, and what the user should be told about it.

    Empty ``recognisers`` is a normal state: the acoustic checks still run and ``notes``
    say which checks are off and how to turn them on."""

    recognisers: dict[Channel, Recogniser] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    mode: str = "off"
    """What was asked for: ``grammar``, ``free``, ``whisper``, ``off``, or ``scripted``
    (recognisers built by the caller)."""

    @property
    def channels(self) -> frozenset[Channel]:
        """The channels whose words are heard."""
        return frozenset(self.recognisers)


def hear(pack: Pack, *, mode: Mode, has_caller: bool, model_path: Path | None = None,
         live: bool = False, keep_models: bool = False) -> Hearing:
    """The recognisers for a call with ``pack`` (grammar from its phrase lists) and notes.

    ``live``: Whisper results are not waited for. ``keep_models``: each model is loaded
    once per process and kept, for a worker that analyses many calls (the live app does
    not keep the vocabulary, to save memory)."""
    recognisers, notes = build_recognisers(pack, model_path=model_path, mode=mode,
                                           has_caller=has_caller, live=live,
                                           keep_models=keep_models)
    return Hearing(recognisers, notes, mode)


class Call:
    """One call through the pipeline: blocks in, events to the sinks, a summary out.

    ``started``: the call is under way from its first block (a recording, the demo);
    otherwise it waits for the softphone's start or, with ``auto_start``, for speech.
    ``position`` is the audio time (in samples) of the first block, for a live worker
    that follows call after call on one clock.
    """

    def __init__(self, pack: Pack, hearing: Hearing | None = None, *, has_caller: bool,
                 call_time: datetime | None = None, agent: AgentProfile = AgentProfile(),
                 sinks: Iterable[Sink] = (), recorder: CallRecorder | None = None,
                 controls: Controls = (), started: bool = True, auto_start: bool = False,
                 position: int = 0):
        self.pack = pack
        self.hearing = hearing or Hearing()
        self.has_caller = has_caller
        self.recorder = recorder
        self.pipeline = Pipeline(pack, has_caller=has_caller,
                                 recognisers=self.hearing.recognisers, call_time=call_time,
                                 agent=agent, sinks=sinks, auto_start=auto_start)
        if recorder is not None:
            self.pipeline.add_sink(recorder)
        self.pipeline.position = position
        if started:
            self.pipeline.control(CallAction.START)
        for t, action, by in controls:
            self.pipeline.schedule(t, action, by)

    def add_sink(self, sink: Sink) -> None:
        """Hand every event from now on to ``sink`` too (after the sinks already there)."""
        self.pipeline.add_sink(sink)

    @property
    def now(self) -> float:
        """Audio time reached, in seconds."""
        return self.pipeline.now

    @property
    def state(self) -> CallState:
        return self.pipeline.core.state

    def control(self, action: CallAction, by: Channel | None = None) -> None:
        """A call event (softphone, hotkey): it takes effect at the start of the next block."""
        self.pipeline.control(action, by)

    def schedule(self, t: float | None, action: CallAction, by: Channel | None = None) -> None:
        """A call event known in advance, at audio time ``t`` (``None``: at the end)."""
        self.pipeline.schedule(t, action, by)

    def feed(self, block: Block) -> None:
        """One block: to the recorder first (it keeps the audio), then the pipeline."""
        if self.recorder is not None:
            self.recorder.audio(block)
        self.pipeline.feed(block)

    def finish(self) -> Summary:
        """End the call if nobody did and judge it; the recorder is left to
        ``finish_recording``, after whatever the front end shows first."""
        return self.pipeline.finish()

    def run(self, blocks: Iterable[Block], *,
            cancelled: Callable[[], bool] | None = None) -> Summary:
        """Every block of a recording, then the summary.

        A file that breaks part-way (``AudioFileError``) still ends its session, with why,
        before the error goes on; so does an interrupt (Ctrl+C, SIGTERM), keeping what
        was heard. ``cancelled()`` is asked before each block: when it turns true the run
        stops with ``CallCancelled`` (nothing is finished).
        """
        try:
            for block in blocks:
                if cancelled is not None and cancelled():
                    raise CallCancelled()
                self.feed(block)
        except AudioFileError as exc:
            self.finish_recording(None, remark=str(exc))
            raise
        except KeyboardInterrupt:
            self.finish_recording(self.finish(), remark=say(MESSAGES, "interrupted"))
            raise
        return self.finish()

    def finish_recording(self, summary: Summary | None, *, background: bool = False,
                         remark: str = "") -> None:
        """The recorder (if any) stores the call: ``summary`` (``None`` when the call
        could not be judged), ``remark`` why it ended early; ``background`` compresses
        its audio on a thread."""
        if self.recorder is not None:
            self.recorder.finish(summary, background=background, remark=remark)


class CallCancelled(Exception):
    """The run was cancelled between blocks (the front end no longer wants its result)."""
