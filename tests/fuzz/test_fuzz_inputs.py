"""Any input, no traceback, no hang, bounded memory: packs, wording, audio files, imports.

Each property runs the real loader on generated input and accepts exactly two outcomes: a
result, or the loader's own error type with a message. Time per example is bounded by
hypothesis' deadline; memory by ``tracemalloc`` peaks.
"""

from __future__ import annotations

import json
import math
import tracemalloc
from pathlib import Path

import numpy as np
import soundfile as sf
from hypothesis import given
from hypothesis import strategies as st

from assistant.audio.file import AudioFileError, open_call_file
from assistant.audio.samples import SampleCheck
from assistant.conduct import placeholders as ph
from assistant.conduct.pack import RULE_IDS, PackError, default_pack_path, parse_pack
from assistant.sessions.store.database import SessionStore, StoreError
from assistant.sessions.store.transfer import TransferError, import_session

PACK = default_pack_path("zh").read_text(encoding="utf-8")
MEMORY_LIMIT = 64 * 1024 * 1024

braces = st.sampled_from(["{", "}", "{{", "}}", ":", "!", ".", "[", "]", "0", ">", "d", "f",
                          "waited", "wated", "9" * 12, ".0f", "%", ",", "x", "r", " "])
templates = st.lists(braces, max_size=12).map("".join) | st.text(max_size=40)
values = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(),
                   st.text(max_size=20), st.booleans(), st.none(), st.lists(st.integers()))


def _bounded(fn):
    tracemalloc.start()
    try:
        return fn()
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert peak < MEMORY_LIMIT, f"peak {peak / 1e6:.0f} MB"


@given(template=templates, value=values)
def test_render_never_raises_and_stays_short(template, value):
    out = _bounded(lambda: ph.render(template, waited=value))
    assert isinstance(out, str) and len(out) <= ph.MAX_RENDERED


@given(template=templates)
def test_a_template_that_passes_the_check_renders_every_value_of_its_kind(template):
    if ph.problems(template, {"waited": ph.NUMBER}):
        return
    for value in (0.0, 15.4, 1e300, -0.0, math.inf, math.nan):
        out = ph.render(template, waited=value)
        assert "{waited" not in out.replace("{{", "")


pack_edits = st.tuples(
    st.sampled_from(RULE_IDS),
    st.sampled_from(["text", "enabled", "priority", "cooldown_s", "clause", "junk"]),
    st.one_of(templates.map(json.dumps), st.sampled_from(
        ["true", "1e400", "-1", "nan", "inf", "[[[[1]]]]", '"yes"', "{a = 1}", "0x10", "'x'"])),
)


@given(edits=st.lists(pack_edits, max_size=4), noise=st.binary(max_size=40))
def test_pack_loader_gives_a_pack_or_a_pack_error(edits, noise):
    text = PACK
    for rule, key, value in edits:
        text = text.replace(f"[rules.{rule}]\n", f"[rules.{rule}]\n{key} = {value}\n", 1)
    text += noise.decode("utf-8", "replace")

    def load():
        try:
            return parse_pack(text)
        except PackError as exc:
            assert str(exc)
            return None

    _bounded(load)


@given(text=st.text(max_size=300))
def test_any_text_is_a_pack_or_a_pack_error(text):
    try:
        parse_pack(text)
    except PackError:
        pass


@given(frames=st.integers(0, 4000), channels=st.integers(1, 3),
       fill=st.sampled_from(["zeros", "nan", "inf", "huge", "noise"]),
       subtype=st.sampled_from(["FLOAT", "PCM_16", "DOUBLE"]))
def test_audio_reader_reads_or_refuses(tmp_path_factory, frames, channels, fill, subtype):
    path = tmp_path_factory.mktemp("a") / "call.wav"
    data = {"zeros": np.zeros, "nan": lambda s: np.full(s, np.nan),
            "inf": lambda s: np.full(s, np.inf), "huge": lambda s: np.full(s, 1e30),
            "noise": lambda s: np.random.default_rng(0).standard_normal(s)}[fill](
        (frames, channels)).astype(np.float32)
    try:
        sf.write(path, data, 16000, subtype=subtype)
    except (RuntimeError, sf.SoundFileError):
        return
    try:
        call = open_call_file(path)
    except AudioFileError as exc:
        assert str(exc)
        return
    check = SampleCheck(call.sample_rate)
    for block in call.blocks(check):
        assert np.isfinite(block.agent).all()
        assert np.abs(block.agent).max(initial=0) <= 1.0


@given(data=st.binary(max_size=2000))
def test_audio_reader_on_arbitrary_bytes(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("b") / "call.wav"
    path.write_bytes(b"RIFF" + data if data[:1] == b"\x00" else data)
    try:
        call = open_call_file(path)
        for _ in call.blocks():
            pass
    except AudioFileError:
        pass


json_values = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=20)

INFO = {"id": "20261125-143000-a1b2c3", "source": "file", "source_path": "", "started_at":
        "2026-11-25T14:30:00", "call_time": None, "agent_name": "", "agent_id": "",
        "language": "zh", "pack_id": "p", "pack_version": "1.0", "model": "",
        "recogniser": "off", "has_caller": True, "app_version": "", "state": "complete",
        "duration_s": 10.0, "audio_file": "", "audio_state": "none", "retention_days": None,
        "remark": ""}


@given(field=st.sampled_from(sorted(INFO) + ["events", "notes", "summary", "format_version"]),
       value=json_values, raw=st.booleans())
def test_import_adds_a_session_or_says_why(tmp_path_factory, field, value, raw):
    root = tmp_path_factory.mktemp("imp")
    doc = {"format": "etiquette-assistant-session", "format_version": 1, "info": dict(INFO),
           "pack_text": "", "summary": None, "notes": [], "audio": None, "events": []}
    if field in INFO:
        doc["info"][field] = value
    else:
        doc[field] = value
    folder = root / "export"
    folder.mkdir()
    text = json.dumps(doc, allow_nan=True)
    if raw:
        text = text.replace('"duration_s": 10.0', '"duration_s": NaN')
    (folder / "session.json").write_text(text, encoding="utf-8")
    with SessionStore(root / "store") as store:
        try:
            import_session(store, folder)
        except (TransferError, StoreError) as exc:
            assert str(exc)
            return
        (info,) = store.list()
        assert math.isfinite(info.duration_s)
        store.load(info.id)


@given(depth=st.integers(1, 200_000), kind=st.sampled_from("[{"))
def test_import_of_deep_json_is_refused(tmp_path_factory, depth, kind):
    folder = tmp_path_factory.mktemp("deep")
    close = "]" if kind == "[" else "}"
    body = ('{"a":' * depth + "1" + "}" * depth) if kind == "{" else kind * depth + close * depth
    (folder / "session.json").write_text(body, encoding="utf-8")
    with SessionStore(Path(folder) / "store") as store:
        try:
            import_session(store, folder)
        except TransferError:
            pass
