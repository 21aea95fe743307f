"""A stored session of the bundled demo call, made by the real pipeline, for report tests.

The audio is the shipped demo recording; VAD, level, pace, the call tracker and the rules
are the real ones. The recogniser "hears" the demo scenario's own script (no Chinese model
can be installed here), so the session has transcripts (with a spoken account number that
the store masks) and phrase-based findings, as a call with a model would.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from assistant.analysis import demo_call
from assistant.audio.file import open_call_file
from assistant.conduct.pack import default_pack_path, load_pack
from assistant.core.events import CallAction, Channel, Event
from assistant.core.pipeline import Pipeline
from assistant.resources import resources_dir
from assistant.scenario.model import load_scenario
from assistant.scenario.scripted import ScriptedRecogniser
from assistant.scenario.synth import synthesize
from assistant.sessions.model import NewSession, SessionInfo
from assistant.sessions.store import SessionStore

NOTES = [(30.5, "先征得了同意，很好 — asked before the lookup"),
         (44.0, "等待超过 15 秒没有通报进展"),
         (64.0, "结束前应复述：用电量高是空调所致")]


def record_demo_session(store: SessionStore, work: Path, *, lang: str = "zh",
                        finish: bool = True, notes: bool = True) -> SessionInfo:
    """Run the demo call through the pipeline into ``store``; ``finish=False`` leaves it as
    a crash would (events, no summary)."""
    scenario = load_scenario(resources_dir() / "demo" / "demo_call.toml")
    call = synthesize(scenario, work / "demo-turns.wav", cache_dir=work / "tts")
    turns, hang_up = call.turns, call.controls[0]  # the caller hangs up first
    path, call_time = demo_call()
    pack_path = default_pack_path("zh")
    pack = load_pack(pack_path)
    info = store.create(NewSession(
        source="demo", language=lang, pack_id=pack.pack.id, pack_version=pack.pack.version,
        has_caller=True, pack_text=pack_path.read_text(encoding="utf-8"),
        source_path=str(path), started_at=datetime(2026, 11, 25, 14, 30, 5),
        call_time=call_time, agent_name="小王", agent_id="1234", model="scripted",
        recogniser="grammar"))
    pending: list[Event] = []
    pipeline = Pipeline(pack, has_caller=True, call_time=call_time, sinks=[pending.append],
                        recognisers={ch: ScriptedRecogniser(turns, ch) for ch in Channel})
    pipeline.control(CallAction.START)
    hung_up = False
    for block in open_call_file(path).blocks():
        if not hung_up and block.start / 16000 >= hang_up.t:
            pipeline.control(hang_up.action, hang_up.by)
            hung_up = True
        pipeline.feed(block)
        if len(pending) > 200:
            store.append(info.id, pending, duration_s=pipeline.now)
            pending.clear()
    if not finish:
        store.append(info.id, pending, duration_s=pipeline.now)
        return store.info(info.id)
    summary = pipeline.finish()
    store.append(info.id, pending, duration_s=pipeline.now)
    store.finish(info.id, summary)
    if notes:
        for t, text in NOTES:
            store.add_note(info.id, t, text, author="培训师 李")
    return store.info(info.id)
