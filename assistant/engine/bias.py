"""Which of a pack's phrases bias Whisper's decoder (``[recognition] bias``), and how many.

Whisper takes a hint of at most 223 tokens (half its 448-token context). faster-whisper
keeps the *first* 223 tokens of ``hotwords`` and the *last* 223 of an ``initial_prompt``:
given every phrase list of a pack (about 900 tokens in Mandarin, 460 in English), the
prompt kept only the end of the pack (dismissive words, jargon, the forbidden phrases'
contexts) and none of the phrases the checks are about, and under babble it primed the
decoder to hear words nobody said. So the hint is built here:

- only what an agent *should* say (greetings, introduction, permission, updates, callback,
  recap, agreement, thanks, farewell; then restating, understanding, next steps): never a
  forbidden, negative, dismissive or jargon phrase, so the hint can never make a violation
  out of noise; for the caller, asking to wait, thanks and requests, never a complaint;
- each kind's first phrase in that order, then each kind's second, and so on, as many
  whole phrases as fit :data:`BUDGET_TOKENS` counted with the
  model's own tokenizer, so neither end is cut by the decoder.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from assistant.conduct.pack import Pack
from assistant.ground.events import Channel

AGENT_BIAS_KINDS = (
    "greeting_morning", "greeting_afternoon", "greeting_evening", "greeting_generic",
    "self_intro", "permission", "lookup", "progress", "callback", "recap", "agreement",
    "thanks", "farewell", "closing", "restate", "understanding", "next_step", "escalation",
)
"""In priority order: the phase checks' phrases first; never forbidden, negative, denial,
dismissive, jargon or backchannel (a short 嗯 or 对 is what babble decodes to)."""
CALLER_BIAS_KINDS = ("caller_wait", "thanks", "farewell", "request")
"""Never a complaint or dissatisfaction: the hint must not make a raised caller of noise."""
BUDGET_TOKENS = 200
"""Under the decoder's 223-token limit, with room for the separators' rounding."""

Count = Callable[[str], int]


def bias_phrases(pack: Pack, channel: Channel, count: Count | None = None,
                 budget: int = BUDGET_TOKENS) -> tuple[str, ...]:
    """The phrases to hint with on ``channel``, in priority order, fitting ``budget``
    tokens once joined the way the recogniser joins them (``count``: tokens of a text;
    default, a rough count per character or word)."""
    kinds = AGENT_BIAS_KINDS if channel is Channel.AGENT else CALLER_BIAS_KINDS
    count = count or _rough_count(pack.language)
    sep = "，" if pack.language == "zh" else ", "
    lists = [getattr(pack.phrases, kind) for kind in kinds]
    rounds = max((len(phrases) for phrases in lists), default=0)
    # each kind's first phrase, then each kind's second, ...: every check gets its hint
    ranked = dict.fromkeys(p[i] for i in range(rounds) for p in lists if i < len(p))
    chosen: list[str] = []
    for phrase in ranked:
        if count(sep.join([*chosen, phrase]) + ".") > budget:
            break
        chosen.append(phrase)
    return tuple(chosen)


def token_counter(model: Any) -> Count | None:
    """Tokens of a text with a faster-whisper model's tokenizer (``None`` when it has none)."""
    tokenizer = getattr(model, "hf_tokenizer", None)
    if tokenizer is None:
        return None
    return lambda text: len(tokenizer.encode(" " + text, add_special_tokens=False).ids)


def _rough_count(language: str) -> Count:
    if language in ("zh", "ja", "ko"):
        return lambda text: round(1.5 * len(text))
    return lambda text: round(1.4 * len(text.split()))
