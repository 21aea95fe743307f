"""The natural-speech test calls in every floor condition: which meet their expectations.

    python3 bench/natural_calls.py [CONDITION ...]     (default: the acceptance conditions)

Each call of ``tests/scenarios/natural/tuning`` and ``held-out`` is put on each floor
(``assistant.scenario.conditions.PRESETS``) and run through the real pipeline, with the
recogniser scripted from the call's own text. Prints, per condition, how many calls of
each set give all the prompts and findings they state, and what goes wrong in the others;
then the calls' true pace (characters over summed utterance time, the ground truth).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.ground.events import Channel
from assistant.scenario import truth
from assistant.scenario.conditions import ACCEPTANCE
from tests.integration.scenario_run import NATURAL_HELD_OUT, NATURAL_TUNING, run_scenario

SETS = {"tuning": NATURAL_TUNING, "held-out": NATURAL_HELD_OUT}


def main(conditions: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        paces = {}
        print(f"{'condition':<11}{'set':<10}{'met':>5}{'of':>4}   failing calls")
        for condition in conditions:
            for name, paths in SETS.items():
                start, failing = time.perf_counter(), []
                for path in paths:
                    run = run_scenario(path, work, conditions=condition)
                    if problems := run.problems():
                        failing.append(f"{path.stem} ({problems[0].split(':')[0]})")
                    paces[(name, path.stem)] = (truth.true_pace(run.call, Channel.AGENT),
                                                truth.true_pace(run.call, Channel.CALLER))
                met = len(paths) - len(failing)
                print(f"{condition:<11}{name:<10}{met:>5}{len(paths):>4}   "
                      f"{', '.join(failing) or '-'}  [{time.perf_counter() - start:.0f} s]")
        print(f"\n{'set':<10}{'call':<24}{'agent 字/分':>12}{'caller 字/分':>13}{'ratio':>7}")
        for (name, stem), (agent, caller) in paces.items():
            print(f"{name:<10}{stem:<24}{agent:>12.0f}{caller:>13.0f}{agent / caller:>7.2f}")


if __name__ == "__main__":
    main(sys.argv[1:] or list(ACCEPTANCE))
