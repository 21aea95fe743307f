"""The 第七、八、九条 and 第十三条(2)(3) test calls, decoded by the real Whisper model on both
channels (the caller's requests, complaints and dissatisfaction are caller words), shared by
the tests and the benchmark."""

from __future__ import annotations

from pathlib import Path

from tests.integration.whisper_calls import (
    WHISPER_SCENARIOS,
    WhisperRun,
    both_channels,
    run_whisper,
)

HEATED = Path(__file__).resolve().parent.parent / "scenarios" / "heated"
CALLS = {
    "handled": HEATED / "zh_heated_handled.toml",
    "ignored": HEATED / "zh_heated_ignored.toml",
    "handled-held-out": HEATED / "held-out" / "zh_heated_handled_heldout.toml",
    "ignored-held-out": HEATED / "held-out" / "zh_heated_ignored_heldout.toml",
    "polite": WHISPER_SCENARIOS / "zh_good_call.toml",
    "polite-held-out": WHISPER_SCENARIOS / "held-out" / "zh_heldout_good.toml",
}
RULES = ("restate_need", "show_understanding", "calm_tone", "jargon", "escalation")


def run_heated(name: str, work: Path, model: Path, conditions: str = "clean") -> WhisperRun:
    return run_whisper(CALLS[name], work, model, conditions=conditions, pack=both_channels())
