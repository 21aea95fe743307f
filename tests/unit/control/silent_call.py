"""A started call fed silent blocks, its control inbox applied before each block as the
live worker does: what the softphone-hook tests drive over the real control socket."""

from __future__ import annotations

import numpy as np

from assistant.audio.block import BLOCK_SAMPLES, Block
from assistant.conduct.pack import default_pack_path, load_pack
from assistant.control.inbox import ControlInbox
from assistant.engine.calls import Call


class SilentCall:
    def __init__(self, sinks: list | None = None):
        self.pipeline = Call(load_pack(default_pack_path("zh")), has_caller=True,
                             sinks=sinks or [])
        self.inbox = ControlInbox()
        self.position = 0
        self._silence = np.zeros(BLOCK_SAMPLES, dtype=np.float32)

    def feed(self, blocks: int) -> None:
        for _ in range(blocks):
            self.inbox.apply(self.pipeline)
            self.pipeline.feed(Block(self.position, self._silence, self._silence))
            self.position += BLOCK_SAMPLES
