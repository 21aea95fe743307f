"""A synthetic call's audio with its softphone events, as the pipeline would get them live.

Each event of the scenario (ring, hold, end by the caller…) is handed to the pipeline just
before the block it falls in, so it is stamped with that block's audio time, as a hook
from a real softphone would be; events after the last block come after it.
"""

from __future__ import annotations

from collections.abc import Iterator

from assistant.audio.block import Block
from assistant.audio.file import open_call_file
from assistant.control.inbox import Controllable
from assistant.ground.events import SAMPLE_RATE
from assistant.scenario.synth import SyntheticCall


def call_blocks(call: SyntheticCall, pipeline: Controllable) -> Iterator[Block]:
    """The call's blocks, in order, with its events given to ``pipeline`` on time; the
    caller feeds each block (after recording it, pacing it…)."""
    controls = sorted(call.controls, key=lambda c: c.t)
    for block in open_call_file(call.path).blocks():
        while controls and controls[0].t <= block.start / SAMPLE_RATE:
            control = controls.pop(0)
            pipeline.control(control.action, control.by)
        yield block
    for control in controls:
        pipeline.control(control.action, control.by)
