"""Render the replay window for the docs, in Chinese and English, from real recordings.

    python3 -m assistant.ui.replay.screenshots docs/screenshots

Each language's synthetic lookup call (espeak-ng speech from a scenario file; the
recogniser scripted from the scenario's text) runs through the real pipeline with the
real ``Recorder`` into a throw-away store; the window then opens it and is rendered
offscreen at twice the pixel density: at the second hold-update prompt with the
scorecard, and compared with a pack whose hold updates are due every 10 s.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

SCENARIOS = {"zh": "zh_long_hold_no_updates.toml", "en": "en_long_hold.toml"}


def record(scenario_path: Path, root: Path, work: Path) -> str:
    """The scenario as a session in the store at ``root``; returns its id."""
    from assistant.conduct.pack import default_pack_path, load_pack
    from assistant.conduct.rules.base import AgentProfile
    from assistant.engine.calls import Call, Hearing
    from assistant.ground.events import Channel
    from assistant.scenario.playback import call_blocks
    from assistant.scenario.scenario_file import load_scenario
    from assistant.scenario.scripted import ScriptedRecogniser
    from assistant.scenario.synth import synthesize
    from assistant.sessions.recording.recorder import Recorder, new_session

    scenario = load_scenario(scenario_path)
    call = synthesize(scenario, work / f"{scenario_path.stem}.wav", cache_dir=work / "tts")
    pack_path = default_pack_path(scenario.lang)
    pack = load_pack(pack_path)
    agent = AgentProfile("小李" if scenario.lang == "zh" else "Sam Lee", "5678")
    recorder = Recorder(new_session(pack, source="file", has_caller=True, agent=agent,
                                    pack_text=pack_path.read_text(encoding="utf-8"),
                                    recogniser="grammar", call_time=scenario.call_time,
                                    source_path=str(call.path)), audio=True, root=root)
    hearing = Hearing({ch: ScriptedRecogniser(call.turns, ch) for ch in Channel}, mode="scripted")
    run = Call(pack, hearing, has_caller=True, call_time=scenario.call_time, agent=agent,
               recorder=recorder)
    for block in call_blocks(call, run):
        run.feed(block)
    run.finish_recording(run.finish())
    if recorder.problem:
        raise RuntimeError(f"recording failed: {recorder.problem}")
    return recorder.session_id


def render_all(out_dir: Path, scenarios_dir: Path, langs: tuple[str, ...] = ("zh", "en")
               ) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_SCALE_FACTOR", "2")
    from PySide6.QtWidgets import QApplication

    import assistant.ui.qt_guard  # noqa: F401  (before any Qt call)
    from assistant.conduct.pack import default_pack_path
    from assistant.ui.render import render_png
    from assistant.ui.replay.launch import open_window

    app = QApplication.instance() or QApplication(sys.argv[:1])
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for lang in langs:
            root = work / f"store-{lang}"
            session_id = record(scenarios_dir / SCENARIOS[lang], root, work)
            window = open_window(root, lang=lang, sound=False)
            window.resize(1400, 860)
            window.refresh_sessions(select=session_id)
            window.seek(46.5)
            window.ui.tabs.setCurrentWidget(window.ui.scores)
            written.append(render_png(window, out_dir / f"replay-scorecard-{lang}.png",
                                      backdrop=False))
            pack = work / f"ten-seconds-{lang}.toml"
            pack.write_text(default_pack_path(lang).read_text(encoding="utf-8").replace(
                "interval_s = 15.0", "interval_s = 10.0"), encoding="utf-8")
            window.compare_with(pack, wait=True)
            app.processEvents()
            window.seek(26.0)
            written.append(render_png(window, out_dir / f"replay-compare-{lang}.png",
                                      backdrop=False))
            window.close()
            window.deleteLater()
            app.processEvents()
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out_dir = Path(args[0]) if args else Path("docs/screenshots")
    scenarios = Path(args[1]) if len(args) > 1 else Path("tests/scenarios")
    for path in render_all(out_dir, scenarios):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
