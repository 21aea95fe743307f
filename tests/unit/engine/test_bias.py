"""The phrases that bias Whisper: only what an agent should say, every check's first, in budget."""

from __future__ import annotations

import pytest

from assistant.conduct.pack import default_pack_path, load_pack
from assistant.engine.bias import AGENT_BIAS_KINDS, BUDGET_TOKENS, bias_phrases
from assistant.ground.events import Channel

NEVER = ("forbidden", "negative", "denial", "dismissive", "jargon", "backchannel",
         "complaint", "dissatisfied")
CHECKS = ("greeting_afternoon", "greeting_generic", "self_intro", "permission", "lookup",
          "progress", "callback", "recap", "agreement", "thanks", "farewell")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("channel", list(Channel))
def test_no_phrase_that_would_make_a_violation_out_of_noise(lang, channel):
    pack = load_pack(default_pack_path(lang))
    chosen = set(bias_phrases(pack, channel))
    assert chosen
    for kind in NEVER:
        # a phrase also listed as something wanted (thanks on both sides) may stay
        wanted = {p for k in AGENT_BIAS_KINDS for p in getattr(pack.phrases, k)}
        assert not (chosen & set(getattr(pack.phrases, kind))) - wanted, kind


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_phrase_check_gets_its_first_phrase_within_the_budget(lang):
    pack = load_pack(default_pack_path(lang))
    words = []

    def count(text: str) -> int:  # what the recogniser will be given, as the model counts
        words.append(text)
        return len(text) if lang == "zh" else len(text.split())

    chosen = bias_phrases(pack, Channel.AGENT, count, budget=120)
    for kind in CHECKS:
        assert getattr(pack.phrases, kind)[0] in chosen, kind
    sep = "，" if lang == "zh" else ", "
    assert count(sep.join(chosen) + ".") <= 120
    everything = {p for k in AGENT_BIAS_KINDS for p in getattr(pack.phrases, k)}
    assert len(chosen) < len(everything)  # the budget did cut: the whole pack would not fit


def test_a_small_budget_keeps_the_opening_first_and_a_big_one_keeps_everything_wanted():
    pack = load_pack(default_pack_path("zh"))
    small = bias_phrases(pack, Channel.AGENT, len, budget=12)
    assert small[0] == pack.phrases.greeting_morning[0] and len(small) < 5
    big = bias_phrases(pack, Channel.AGENT, len, budget=10_000)
    wanted = {p for k in AGENT_BIAS_KINDS for p in getattr(pack.phrases, k)}
    assert set(big) == wanted and BUDGET_TOKENS < 223
