"""Synthetic calls from scenario files: the shared fixture of tests, benchmarks and the demo.

``model`` loads and validates scenario files, ``synth`` speaks them with espeak-ng into a
stereo call (agent left, caller right), and ``scripted`` stands in for a recogniser with
the scenario's own words where no model for the language can be installed.
"""

from assistant.scenario.scenario_file import Scenario, ScenarioError, load_scenario

__all__ = ["Scenario", "ScenarioError", "load_scenario"]
