"""One way to run a call: sinks added later, the recorder fed first, a run that breaks or
is interrupted still ends its recording, a cancelled run stops between blocks."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.audio.block import BLOCK_SAMPLES, Block
from assistant.audio.file import AudioFileError
from assistant.conduct.pack import default_pack_path, load_pack
from assistant.engine.calls import Call, CallCancelled, Hearing, hear
from assistant.ground.events import CallAction, CallControl, Event, PromptRaised
from assistant.ground.summary import Summary


class FakeRecorder:
    """Stands in for the session recorder at its boundary: what it was given, in order."""

    session_id: str | None = "s1"
    problem = None

    def __init__(self) -> None:
        self.log: list[tuple[str, object]] = []
        self.finished: list[tuple[Summary | None, str]] = []

    def audio(self, block: Block) -> None:
        self.log.append(("audio", block.start))

    def __call__(self, event: Event) -> None:
        self.log.append(("event", event))

    def finish(self, summary: Summary | None, *, background: bool = False,
               remark: str = "") -> None:
        self.finished.append((summary, remark))


def blocks(seconds: float):
    """Silence on both channels, in 100 ms blocks."""
    for i in range(round(seconds * 10)):
        yield Block(i * BLOCK_SAMPLES, np.zeros(BLOCK_SAMPLES, np.float32),
                    np.zeros(BLOCK_SAMPLES, np.float32))


@pytest.fixture(scope="module")
def pack():
    return load_pack(default_pack_path("zh"))


def test_a_call_starts_at_once_and_keeps_its_sinks_in_order(pack):
    first: list[Event] = []
    later: list[Event] = []
    call = Call(pack, has_caller=True, sinks=[first.append])
    call.feed(next(blocks(0.1)))
    call.add_sink(later.append)
    summary = call.run(blocks(2.0))
    assert isinstance(first[0], CallControl) and first[0].action is CallAction.START
    assert later and later == first[-len(later):]  # from when it was added, the same events
    assert summary.duration_s == pytest.approx(2.0)


def test_softphone_events_known_in_advance_land_on_their_block(pack):
    seen: list[Event] = []
    call = Call(pack, has_caller=True, sinks=[seen.append],
                controls=[(1.0, CallAction.HOLD, None), (None, CallAction.END, None)])
    call.run(blocks(3.0))
    controls = [(e.t, e.action) for e in seen if isinstance(e, CallControl)]
    assert controls == [(0.0, CallAction.START), (1.0, CallAction.HOLD),
                        (pytest.approx(3.0), CallAction.END)]


def test_the_recorder_gets_each_block_before_the_pipeline_and_every_event(pack):
    recorder = FakeRecorder()
    seen: list[Event] = []
    call = Call(pack, has_caller=True, sinks=[seen.append], recorder=recorder)
    summary = call.run(blocks(1.0))
    assert [start for kind, start in recorder.log if kind == "audio"] == \
        [i * BLOCK_SAMPLES for i in range(10)]
    assert [e for kind, e in recorder.log if kind == "event"] == seen
    assert recorder.finished == []  # the front end shows the summary first
    call.finish_recording(summary)
    assert recorder.finished == [(summary, "")]


def test_a_recording_that_breaks_part_way_still_ends_its_session(pack):
    recorder = FakeRecorder()

    def broken():
        yield from blocks(0.5)
        raise AudioFileError("call.wav: damaged at 0.5 s")

    with pytest.raises(AudioFileError):
        Call(pack, has_caller=True, recorder=recorder).run(broken())
    assert recorder.finished == [(None, "call.wav: damaged at 0.5 s")]


def test_an_interrupt_keeps_what_was_heard(pack):
    recorder = FakeRecorder()

    def interrupted():
        yield from blocks(0.5)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        Call(pack, has_caller=True, recorder=recorder).run(interrupted())
    ((summary, remark),) = recorder.finished
    assert summary is not None and summary.duration_s == pytest.approx(0.5)
    assert "interrupted" in remark or "中断" in remark


def test_a_cancelled_run_stops_between_blocks(pack):
    fed: list[int] = []

    def counted():
        for block in blocks(2.0):
            fed.append(block.start)
            yield block

    with pytest.raises(CallCancelled):
        Call(pack, has_caller=True).run(counted(), cancelled=lambda: len(fed) > 3)
    assert len(fed) == 4  # the fourth block was read, then the run stopped before feeding it


def test_no_model_is_a_hearing_with_notes_and_acoustic_checks_still_run(pack):
    hearing = hear(pack, mode="off", has_caller=True)
    assert hearing.recognisers == {} and hearing.channels == frozenset()
    assert hearing.notes and "not checked" in hearing.notes[0]
    seen: list[Event] = []
    Call(pack, hearing, has_caller=True, sinks=[seen.append],
         controls=[(1.0, CallAction.HOLD, None)]).run(blocks(17.0))
    updates = [e.t for e in seen if isinstance(e, PromptRaised) and e.prompt.rule == "hold_update"]
    assert updates == [pytest.approx(1.0 + pack.rules.hold_update.interval_s)]


def test_a_live_call_waits_for_its_start(pack):
    seen: list[Event] = []
    call = Call(pack, Hearing(), has_caller=True, sinks=[seen.append], started=False,
                position=50 * BLOCK_SAMPLES)
    for block in blocks(0.3):
        call.feed(Block(block.start + 50 * BLOCK_SAMPLES, block.agent, block.caller))
    assert not any(isinstance(e, CallControl) for e in seen)
    assert call.now == pytest.approx(5.3)  # its clock goes on from the worker's
