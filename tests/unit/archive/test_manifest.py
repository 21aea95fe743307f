"""The archive manifest: which calls, whose, when; a bad line is named with its number."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

import pytest

from assistant.archive.manifest import ManifestError, read_manifest


def options(**given) -> argparse.Namespace:
    values = {"agent_name": "", "agent_id": "", "call_time": None, "pack": None, "lang": None,
              "model": None, "recogniser": "off", "agent_channel": "left"}
    return argparse.Namespace(**(values | given))


def write(tmp_path: Path, text: str, name: str = "calls.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def test_lines_give_path_agent_and_time(tmp_path):
    manifest = write(tmp_path, "\ufeffpath,agent_name,agent_id,call_time\n"
                               "# a comment, with a comma\n\n"
                               "/archive/a.wav,王芳,1024,2026-11-25T09:12:00\n"
                               '"/archive/with, comma/b.flac",李\n'
                               "rel/c.ogg\n")
    a, b, c = read_manifest(manifest, options())
    assert (a.path, a.agent_name, a.agent_id) == (Path("/archive/a.wav"), "王芳", "1024")
    assert a.call_time == datetime(2026, 11, 25, 9, 12)
    assert (b.path, b.agent, b.call_time) == (Path("/archive/with, comma/b.flac"), "李", None)
    assert c.path == tmp_path / "rel" / "c.ogg" and c.agent == "—"


def test_the_command_line_agent_fills_lines_without_one(tmp_path):
    manifest = write(tmp_path, "a.wav\nb.wav,赵,7\n")
    a, b = read_manifest(manifest, options(agent_name="王", agent_id="1"))
    assert a.agent == "王 1" and b.agent == "赵 7"


@pytest.mark.parametrize("text, expected", [
    ("a.wav\nb.wav,王,1,2026-11-25T09:00:00,extra\n", "calls.csv:2: 5 columns"),
    ("a.wav\n\n,王\n", "calls.csv:3: the path is empty"),
    ("a.wav,王,1,yesterday\n", "calls.csv:1: call_time 'yesterday' is not"),
    ('"a.wav\n', "calls.csv:1: not a CSV line"),
    ("# nothing but a comment\n", "calls.csv: the manifest lists no calls"),
])
def test_a_bad_manifest_is_named_with_its_line(tmp_path, monkeypatch, text, expected):
    monkeypatch.setenv("ASSISTANT_UI_LANG", "en")
    with pytest.raises(ManifestError, match=expected.replace("(", r"\(")):
        read_manifest(write(tmp_path, text), options())


def test_chinese_readers_get_chinese(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_UI_LANG", "zh")
    with pytest.raises(ManifestError, match="不是本地 ISO 时间"):
        read_manifest(write(tmp_path, "a.wav,王,1,昨天\n"), options())


def test_not_utf8_and_not_a_file(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_UI_LANG", "en")
    with pytest.raises(ManifestError, match="not UTF-8"):
        read_manifest(write(tmp_path, "王.wav\n", encoding="gb18030"), options())
    with pytest.raises(ManifestError, match="cannot be read: no such file"):
        read_manifest(tmp_path / "missing.csv", options())
