"""The import contracts of pyproject.toml hold (lazy imports inside functions count), and
they would catch a break: an import that climbs a layer, Qt below the front ends, a cycle.

The same contracts `lint-imports` checks in CI; here `python3 -m pytest` catches a break too.
"""

from __future__ import annotations

from copy import deepcopy
from pathlib import Path

import grimp
import pytest
from importlinter import configuration
from importlinter.application.use_cases import read_user_options
from importlinter.contracts.acyclic_siblings import AcyclicSiblingsContract
from importlinter.contracts.forbidden import ForbiddenContract
from importlinter.contracts.independence import IndependenceContract
from importlinter.contracts.layers import LayersContract

ROOT = Path(__file__).resolve().parents[2]
TYPES = {"layers": LayersContract, "independence": IndependenceContract,
         "forbidden": ForbiddenContract, "acyclic_siblings": AcyclicSiblingsContract}


@pytest.fixture(scope="module")
def options():
    configuration.configure()
    return read_user_options(str(ROOT / "pyproject.toml"))


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph("assistant", include_external_packages=True, cache_dir=None)


def broken(options, graph) -> dict[str, object]:
    """Each broken contract's name and what broke it."""
    out = {}
    for contract_options in options.contracts_options:
        contract = TYPES[contract_options["type"]](
            name=contract_options["name"], session_options=options.session_options,
            contract_options=contract_options)
        check = contract.check(deepcopy(graph), verbose=False)
        if not check.kept:
            out[contract_options["id"]] = check.metadata
    return out


def test_every_contract_holds(options, graph):
    assert {c["id"] for c in options.contracts_options} >= {
        "layers", "parts", "sessions", "qt-only-in-ui", "acyclic", "scipy-only-in-scenarios",
        "scipy-free-below-front-ends"}
    assert broken(options, graph) == {}


def with_import(graph, importer: str, imported: str):
    changed = deepcopy(graph)
    changed.add_import(importer=importer, imported=imported, line_number=1,
                       line_contents=f"import {imported}")
    return changed


@pytest.mark.parametrize(("importer", "imported", "contracts"), [
    ("assistant.ground.errors", "assistant.cli", {"layers", "acyclic"}),  # below the CLI
    ("assistant.conduct.rules.base", "assistant.engine.pipeline", {"layers", "acyclic"}),
    ("assistant.speech.pace", "assistant.audio.live", {"parts", "parts-call"}),
    ("assistant.sessions.store.database", "assistant.sessions.report.write", {"sessions"}),
    ("assistant.engine.pipeline", "PySide6", {"qt-only-in-ui", "qt-free-below-front-ends"}),
    ("assistant.overlay.state", "assistant.ui.render", {"layers", "qt-free-below-front-ends"}),
    ("assistant.speech.frames", "scipy", {"scipy-only-in-scenarios",
                                          "scipy-free-below-front-ends"}),
    ("assistant.ui.overlay", "scipy", {"scipy-only-in-scenarios"}),
    ("assistant.engine.calls", "assistant.scenario.babble", {"layers",
                                                             "scipy-free-below-front-ends"}),
])
def test_a_wrong_import_breaks_its_contract(options, graph, importer, imported, contracts):
    assert contracts <= set(broken(options, with_import(graph, importer, imported)))


@pytest.mark.parametrize(("importer", "imported"), [
    ("assistant.ground.paths", "assistant.ground.reader"),  # within a layer
    ("assistant.cli.parser", "assistant.ui.app"),  # the CLI starts the windows
    ("assistant.sessions.replay.timeline", "assistant.overlay.state"),  # service to service
])
def test_a_downward_import_breaks_nothing(options, graph, importer, imported):
    assert broken(options, with_import(graph, importer, imported)) == {}
