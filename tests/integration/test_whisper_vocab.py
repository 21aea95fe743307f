"""The Mandarin copy of the Whisper model: the tokens it keeps, its renumbered tokenizer, and
which copy a channel loads. Read from the real model folder's files (no decoding)."""

from __future__ import annotations

import json

import pytest
from tokenizers import Tokenizer

from assistant.conduct.pack import load_pack
from assistant.engine.assembly import build_recognisers
from assistant.engine.packs import default_pack_path
from assistant.speech.whisper_int8 import (
    MANDARIN_FOLDER,
    copy_path,
    int8_path,
    mandarin_path,
    read_model,
)
from assistant.speech.whisper_vocab import mandarin_tokens

pytestmark = pytest.mark.integration

TEXTS = ("下午好，我是客服小李，工号五六七八，很高兴为您服务。",
         "感謝您的來電，祝您生活愉快！",  # traditional, as Whisper writes it
         "您的订单号是 A1B2C3，OK 吗？", "请打开 APP 查看，或者拨打 95588。",
         "犇骉羴鱻",  # rare characters: written byte by byte
         "Thank you for calling, may I put you on hold?", "Привет, ¿qué tal?")


def pack_phrases(language: str) -> list[str]:
    """Every phrase of the default pack (its lists, exceptions and wording included)."""
    def strings(value) -> list[str]:
        if isinstance(value, str):
            return [value]
        items = value.values() if isinstance(value, dict) else value \
            if isinstance(value, (list, tuple)) else ()
        return [s for item in items for s in strings(item)]

    return strings(load_pack(default_pack_path(language)).phrases.model_dump())


@pytest.fixture(scope="module")
def tokenizers(whisper_model):
    copy = mandarin_path(whisper_model)
    assert copy == whisper_model / MANDARIN_FOLDER  # written once, at assembly
    return (Tokenizer.from_file(str(whisper_model / "tokenizer.json")),
            Tokenizer.from_file(str(copy / "tokenizer.json")), copy)


def test_the_copy_writes_every_text_as_the_whole_vocabulary_does(tokenizers):
    whole, mandarin, _ = tokenizers
    texts = [*TEXTS, *pack_phrases("zh")]
    assert len(texts) > 20
    for text in texts:
        ids = mandarin.encode(text, add_special_tokens=False).ids
        assert mandarin.decode(ids) == whole.decode(
            whole.encode(text, add_special_tokens=False).ids) == text
    # Mandarin is written with the same tokens: only other scripts and long English words
    # are spelled in smaller pieces
    zh = "".join(pack_phrases("zh"))
    assert len(mandarin.encode(zh).ids) <= 1.05 * len(whole.encode(zh).ids)
    english = TEXTS[5]
    assert len(mandarin.encode(english).ids) > len(whole.encode(english).ids)


def test_special_tokens_keep_their_order_and_the_config_names_the_same_tokens(
        whisper_model, tokenizers):
    whole, mandarin, copy = tokenizers
    full = json.loads((whisper_model / "tokenizer.json").read_text(encoding="utf-8"))
    kept = mandarin_tokens(full, 51865)
    assert len(kept) == json.loads((copy / ".int8").read_text())["tokens"] < 0.15 * 51865
    lines = (copy / "vocabulary.txt").read_text(encoding="utf-8").split("\n")
    assert len(lines) == len(kept)
    notimestamps = mandarin.token_to_id("<|notimestamps|>")
    assert lines[notimestamps + 1] == "<|0.00|>" and lines[-1] == "<|30.00|>"
    for name in ("<|endoftext|>", "<|startoftranscript|>", "<|zh|>", "<|en|>",
                 "<|transcribe|>", "<|nocaptions|>", "<|startofprev|>"):
        assert lines[mandarin.token_to_id(name)] == name
    old = (whisper_model / "vocabulary.txt").read_text(encoding="utf-8").split("\n")
    configs = [json.loads((folder / "config.json").read_text()) for folder in
               (whisper_model, copy)]
    for key in ("lang_ids", "suppress_ids_begin"):
        assert [old[i] for i in configs[0][key]] == [lines[i] for i in configs[1][key]]
    kept_names = set(lines)
    assert [lines[i] for i in configs[1]["suppress_ids"]] == \
        [old[i] for i in configs[0]["suppress_ids"] if old[i] in kept_names]
    with (copy / "model.bin").open("rb") as f:
        _, _, variables, aliases = read_model(f)
    assert variables["decoder/embeddings/weight"].shape == (len(kept), 512)
    assert aliases == {"decoder/projection/weight": "decoder/embeddings/weight"}


def test_a_mandarin_channel_loads_the_mandarin_copy_and_english_the_whole(whisper_model):
    assert copy_path(whisper_model, "zh") == mandarin_path(whisper_model) is not None
    assert copy_path(whisper_model, "en") == copy_path(whisper_model) == int8_path(whisper_model)


def test_a_mandarin_pack_hears_through_the_mandarin_copy_an_english_one_every_token(
        whisper_model):
    models = {}
    for language in ("zh", "en"):
        recognisers, notes = build_recognisers(load_pack(default_pack_path(language)),
                                               model_path=whisper_model, mode="whisper",
                                               has_caller=True)
        assert recognisers, notes
        models[language] = {id(r.model): r.model for r in recognisers.values()}
        assert len(models[language]) == 1  # the channels share one loaded model
    zh, = models["zh"].values()
    en, = models["en"].values()
    assert zh.hf_tokenizer.get_vocab_size() < 0.15 * en.hf_tokenizer.get_vocab_size()
    text = "很高兴为您服务"
    assert zh.hf_tokenizer.decode(zh.hf_tokenizer.encode(text, add_special_tokens=False).ids) \
        == text
