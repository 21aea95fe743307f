"""A recording process for crash tests: a scenario's synthetic call through the real
pipeline with a real recorder, paced at ``speed`` × real time, printing the audio time
reached after every block (``reached <seconds>``) so a test knows when to ``kill -9``.

    python -m tests.integration.recording_process SCENARIO WORK PACK SPEED
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from assistant.conduct.pack import load_pack
from assistant.engine.calls import Call, Hearing
from assistant.ground.events import Channel, Event
from assistant.scenario.playback import call_blocks
from assistant.scenario.scenario_file import load_scenario
from assistant.scenario.scripted import ScriptedRecogniser
from assistant.scenario.synth import synthesize
from assistant.sessions.recording.start import start_recorder
from assistant.sessions.session import Source


def run(scenario_path: Path, work: Path, pack_path: Path, speed: float | None,
        record: bool = True, sink=None) -> list[Event]:
    """Returns the events the pipeline produced (all of them, unmasked)."""
    scenario = load_scenario(scenario_path)
    call = synthesize(scenario, work / f"{scenario_path.stem}.wav", cache_dir=work / "tts-cache")
    pack = load_pack(pack_path)
    recognisers = {ch: ScriptedRecogniser(call.turns, ch) for ch in Channel}
    events: list[Event] = []
    recorder = None
    if record:
        recorder = start_recorder(pack, source=Source.FILE, has_caller=True,
                                  pack_path=pack_path, mode="grammar", recognisers=recognisers,
                                  source_path=str(call.path), call_time=scenario.call_time)
    pipeline = Call(pack, Hearing(recognisers, mode="scripted"), has_caller=True,
                    call_time=scenario.call_time, sinks=[events.append], recorder=recorder)
    started = time.monotonic()
    for block in call_blocks(call, pipeline):
        pipeline.feed(block)  # the recorder takes the audio first
        if sink is not None:
            sink(pipeline.now)
        if speed:
            delay = started + pipeline.now / speed - time.monotonic()
            if delay > 0:
                time.sleep(delay)
    summary = pipeline.finish()
    pipeline.finish_recording(summary)
    return events


if __name__ == "__main__":
    scenario, work, pack, speed = sys.argv[1:5]
    print(f"pid {__import__('os').getpid()}", flush=True)
    run(Path(scenario), Path(work), Path(pack), float(speed),
        sink=lambda t: print(f"reached {t:.3f}", flush=True))
    print("done", flush=True)
