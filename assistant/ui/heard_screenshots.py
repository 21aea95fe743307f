"""The overlay's pictures of moments that need words, from calls heard by the real Whisper model.

    python3 -m assistant.ui.heard_screenshots docs/screenshots [--model DIR]

Each scene is a scenario call of ``tests/scenarios/whisper/`` (a repository checkout: the
Mandarin calls are in the natural voice, whose clips are test fixtures, the English ones
espeak), spoken into a stereo recording and played through the engine with
``hear(pack, mode="whisper")`` exactly as ``assistant demo --recogniser whisper`` plays a
recording, then stopped at its moment: the greeting card while the agent greets (it
goes once Whisper hears the greeting), the closing checklist ticked from the recap, agreement and thanks Whisper
heard, and the after-call feedback of the badly handled call. Nothing is scripted: what
the pictures show is what the model heard. Scenes that need no words (the hold ring, the
pace gauge, a lost device) stay in :mod:`assistant.ui.screenshots`, which needs no model.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from assistant.conduct.rules.base import AgentProfile
from assistant.ground.events import Channel
from assistant.scenario.synth import SyntheticCall
from assistant.ui.demo import DemoCall, prepare, render_screenshot

CALLS = Path(__file__).resolve().parents[2] / "tests" / "scenarios" / "whisper"
AGENT = {"zh": AgentProfile("小李", "5678"), "en": AgentProfile("David", "5678")}
"""The agent the scenario calls introduce (the greeting card renders the pack's
introduction with them)."""
WORDS_BACK_S = 1.6
"""From the end of a turn to its words on the overlay: the VAD's 0.5 s end lag, Whisper's
0.8 s delivery and a few blocks for the prompt to show."""

Moment = Callable[[SyntheticCall], float]


def after_agent_turn(index: int) -> Moment:
    """Just after the words of the agent's ``index``-th turn (negative: from the end) came back."""
    def at(call: SyntheticCall) -> float:
        turns = [t for t in call.turns if t.who is Channel.AGENT]
        return turns[index].t1 + WORDS_BACK_S
    return at


def during_agent_turn(index: int, into_s: float) -> Moment:
    """``into_s`` into the agent's ``index``-th turn (the card up while the agent speaks)."""
    def at(call: SyntheticCall) -> float:
        turn = [t for t in call.turns if t.who is Channel.AGENT][index]
        return min(turn.t0 + into_s, turn.t1)
    return at


def at_the_end(call: SyntheticCall) -> float:
    """The call played out and judged: the after-call feedback."""
    return call.duration_s + 1.0


@dataclass(frozen=True)
class HeardScene:
    name: str
    call: str
    """The scenario's file name without ``<lang>_`` and ``.toml``."""
    at: Moment
    mode: str = "compact"


SCENES = (
    HeardScene("1-greeting", "good_call", during_agent_turn(0, 2.0)),
    HeardScene("6-closing-checklist", "good_call", after_agent_turn(-1)),
    HeardScene("9-after-call-feedback", "poor_call", at_the_end),
)


def scene_call(scene: HeardScene, lang: str, work: Path, model: Path | None
               ) -> tuple[DemoCall, float]:
    """The scene's scenario spoken into a recording in ``work``, ready to play with Whisper,
    and the audio time of its moment."""
    from assistant.scenario.scenario_file import load_scenario
    from assistant.scenario.synth import synthesize

    path = CALLS / f"{lang}_{scene.call}.toml"
    scenario = load_scenario(path)
    spoken = synthesize(scenario, work / f"{path.stem}.wav", cache_dir=work / "voices")
    call = prepare(path=spoken.path, call_time=scenario.call_time, lang=lang,
                   recogniser="whisper", model=model, agent=AGENT[lang])
    call.controls = [(c.t, c.action, c.by) for c in spoken.controls]
    return call, scene.at(spoken)


def render_all(out_dir: Path, langs: tuple[str, ...] = ("zh", "en"),
               model: Path | None = None) -> list[Path]:
    """Every scene in every language; raises ``UserError`` when no Whisper model is found."""
    from assistant.ground.errors import UserError

    written = []
    with tempfile.TemporaryDirectory() as tmp:
        for lang in langs:
            for scene in SCENES:
                call, at = scene_call(scene, lang, Path(tmp), model)
                if call.hearing.mode != "whisper" or not call.recognisers:
                    raise UserError("the pictures need the Whisper model: "
                                    + "; ".join(call.notes))
                written.append(render_screenshot(out_dir / f"{scene.name}-{lang}.png",
                                                 at, ui_lang=lang,
                                                 mode=scene.mode, call=call))
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path, nargs="?", default=Path("docs/screenshots"))
    parser.add_argument("--model", type=Path, default=None, help="Whisper model folder")
    parser.add_argument("--lang", choices=["zh", "en"], action="append", default=None)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("QT_SCALE_FACTOR", "2")  # as the scripted scenes: high-DPI layout
    for path in render_all(args.out_dir, tuple(args.lang or ("zh", "en")), args.model):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
