"""The tokens Whisper may write on a Mandarin channel, and a tokenizer renumbered to them.

A generated token's cost is mostly reading weights: the decoder's six layers (22 MB int8)
and its output projection, one row per token of the 51,865-token vocabulary (26.5 MB). Most
of those rows are words of other scripts and whole English words, which a Mandarin agent's
channel has no use for. :func:`mandarin_tokens` keeps, in their order:

* every token that is Chinese text (CJK ideographs and punctuation, full-width forms, with
  ASCII beside them: 服务, 号, "您好。");
* every piece of a multi-byte character, and the 256 byte tokens, so any text, a rare
  character or an English word included, can still be written byte by byte;
* ASCII of up to ``ASCII_CHARS`` characters: digits, letters, "OK", order codes, spelled
  out of pairs where longer ("APP" is "AP" + "P");
* the tokens these are merged from (so the tokenizer still encodes every text with them);
* every special token and timestamp, last, in their order, as CTranslate2 and faster-whisper
  expect (``<|notimestamps|>`` + 1 is the first timestamp).

That is 7,293 of 51,865: the Mandarin copy (:mod:`assistant.speech.whisper_int8`) reads
25.8 MB per token instead of 48.6, and its tokens cost 6.7–9.5 ms against 15.1–16.1 on an
AVX2 AMD EPYC, the natural calls' decodes 0.67–0.79× the CPU (``bench/whisper_decoder.py``,
three runs; every Mandarin phrase-check precision, recall and verdict the same,
``bench/whisper_phrases.py --all-tokens``). The renumbering is written into the copy's
``tokenizer.json`` (vocabulary, merges, added and template tokens), ``vocabulary.txt`` and
``config.json`` (suppressed tokens, language tokens), so faster-whisper and CTranslate2 read
the copy as any model folder. No library does this: CTranslate2's vocabulary maps restrict
translation models only, not Whisper.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ASCII_CHARS = 2
"""ASCII tokens of up to this many characters (after their leading space) are kept."""
RULE = 1
"""The selection's version, in the copy's marker: a changed rule writes the copy again."""
_CONFIG_IDS = ("suppress_ids", "suppress_ids_begin", "lang_ids")


def _byte_decoder() -> dict[str, int]:
    """GPT-2's byte-level alphabet (one printable character per byte), reversed."""
    printable = [*range(ord("!"), ord("~") + 1), *range(ord("¡"), ord("¬") + 1),
                 *range(ord("®"), ord("ÿ") + 1)]
    chars = printable[:]
    extra = 0
    for byte in range(256):
        if byte not in printable:
            printable.append(byte)
            chars.append(256 + extra)
            extra += 1
    return {chr(c): b for b, c in zip(printable, chars)}


def _wide(ch: str) -> bool:
    """CJK symbols, punctuation and ideographs; full-width and half-width forms."""
    return "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"


def _mandarin(token: str, to_byte: dict[str, int]) -> bool:
    if len(token) == 1:
        return True  # a byte token
    try:
        text = bytes(to_byte[ch] for ch in token).decode("utf-8").strip()
    except UnicodeDecodeError:
        return True  # a piece of a multi-byte character
    except KeyError:
        return False  # not a byte-level token
    if all(ord(ch) < 128 for ch in text):
        return len(text) <= ASCII_CHARS
    return any(_wide(ch) for ch in text) and all(ord(ch) < 128 or _wide(ch) for ch in text)


def _pair(merge: Any) -> tuple[str, str]:
    """A BPE merge as its two parts (``"a b"`` in older tokenizer files, ``["a", "b"]``)."""
    a, b = merge.split(" ") if isinstance(merge, str) else merge
    return a, b


def mandarin_tokens(tokenizer: dict[str, Any], size: int) -> list[int]:
    """The ids kept for a Mandarin channel, in order, from a Whisper ``tokenizer.json``
    (parsed) whose model has ``size`` tokens (the ids from ``<|endoftext|>`` up are
    special tokens and timestamps, all kept)."""
    vocab: dict[str, int] = tokenizer["model"]["vocab"]
    special = min(a["id"] for a in tokenizer["added_tokens"])
    to_byte = _byte_decoder()
    keep = {t for t, i in vocab.items() if i < special and _mandarin(t, to_byte)}
    parents: dict[str, tuple[str, str]] = {}
    for a, b in map(_pair, tokenizer["model"]["merges"]):
        parents.setdefault(a + b, (a, b))
    todo = list(keep)
    while todo:
        for parent in parents.get(todo.pop(), ()):
            if parent not in keep:
                keep.add(parent)
                todo.append(parent)
    return sorted(vocab[t] for t in keep) + list(range(special, size))


def write_renumbered(model: Path, work: Path, kept: list[int], tokenizer: dict[str, Any],
                     lines: list[str]) -> None:
    """``work``'s ``tokenizer.json``, ``vocabulary.txt`` and ``config.json``: ``model``'s
    (``tokenizer`` and ``lines`` its first two, already read; ``tokenizer`` is changed),
    with token ``kept[n]`` renumbered ``n`` and the others gone."""
    new = {old: n for n, old in enumerate(kept)}
    bpe = tokenizer["model"]
    by_id = {i: t for t, i in bpe["vocab"].items()}
    bpe["vocab"] = {by_id[old]: n for n, old in enumerate(kept) if old in by_id}
    names = set(bpe["vocab"])

    def kept_merge(merge: Any) -> bool:
        a, b = _pair(merge)
        return a in names and b in names and a + b in names

    bpe["merges"] = [m for m in bpe["merges"] if kept_merge(m)]
    for added in tokenizer["added_tokens"]:
        added["id"] = new[added["id"]]
    for special in (tokenizer.get("post_processor") or {}).get("special_tokens", {}).values():
        special["ids"] = [new[i] for i in special["ids"]]
    (work / "tokenizer.json").write_text(json.dumps(tokenizer, ensure_ascii=False),
                                         encoding="utf-8")
    (work / "vocabulary.txt").write_text("\n".join(lines[old] for old in kept),
                                         encoding="utf-8")
    config = json.loads((model / "config.json").read_text(encoding="utf-8"))
    for key in _CONFIG_IDS:
        if key in config:
            config[key] = [new[i] for i in config[key] if i in new]
    (work / "config.json").write_text(json.dumps(config), encoding="utf-8")
