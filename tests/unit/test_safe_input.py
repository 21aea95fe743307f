"""Files someone else chose: regular files only, bounded size, BOM, nesting, no coercion."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest

from assistant.conduct.pack import PackError, default_pack_path, load_pack, parse_pack
from assistant.ground.safefile import Refusal, UnsafeFile, read_bytes


@pytest.fixture(autouse=True)
def english(monkeypatch):
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("ASSISTANT_UI_LANG", raising=False)


def _in_time(fn, seconds=5.0):
    """Run ``fn`` on a thread; fail (instead of hanging the suite) if it does not return."""
    out: dict = {}

    def run():
        try:
            out["value"] = fn()
        except BaseException as exc:  # noqa: BLE001
            out["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "hung"
    return out


def test_a_fifo_pack_is_refused_without_hanging(tmp_path):
    fifo = tmp_path / "pack.toml"
    os.mkfifo(fifo)
    out = _in_time(lambda: load_pack(fifo))
    assert isinstance(out.get("error"), PackError)
    assert "not a regular file (pipe)" in str(out["error"])


def test_a_symlink_to_a_device_is_refused(tmp_path):
    link = tmp_path / "pack.toml"
    link.symlink_to("/dev/zero")
    with pytest.raises(PackError, match=r"not a regular file \(device\)"):
        load_pack(link)


def test_a_huge_pack_is_refused_by_size_before_it_is_read(tmp_path):
    big = tmp_path / "big.toml"
    with big.open("wb") as fh:
        fh.truncate(240 * 1024 * 1024)  # sparse: costs no disk
    with pytest.raises(PackError, match=r"too large \(240.0 MB; at most 2.0 MB\)"):
        load_pack(big)


def test_read_bytes_says_why_in_chinese(tmp_path, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    with pytest.raises(UnsafeFile) as err:
        read_bytes(tmp_path, 10)
    assert err.value.refusal is Refusal.NOT_REGULAR and "不是普通文件" in str(err.value)


def test_a_pack_saved_with_a_bom_loads(tmp_path):
    path = tmp_path / "notepad.toml"
    path.write_bytes(b"\xef\xbb\xbf" + default_pack_path("zh").read_bytes())
    assert load_pack(path).language == "zh"


def test_deep_nesting_is_a_message_not_a_recursion_error():
    for deep in ("x = " + "[" * 5000 + "]" * 5000, "x = " + "{a = " * 3000 + "1" + "}" * 3000):
        with pytest.raises(PackError, match="nested more than 32 levels|not valid TOML"):
            parse_pack(deep)


@pytest.mark.parametrize("old, new, field", [
    ("[rules.greeting]\n", '[rules.greeting]\nenabled = "yes"\n', "rules.greeting.enabled"),
    ("rings = 3", "rings = true", "rules.answer_within_rings.rings"),
    ("interval_s = 15.0", "interval_s = true", "rules.hold_update.interval_s"),
])
def test_flags_and_numbers_are_not_silently_coerced(tmp_path, old, new, field):
    text = default_pack_path("zh").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "coerced.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(PackError) as err:
        load_pack(path)
    assert [p.field for p in err.value.problems] == [field]


def test_pack_validate_on_a_fifo_ends_with_a_message(tmp_path):
    fifo = tmp_path / "pack.toml"
    os.mkfifo(fifo)
    done = subprocess.run([sys.executable, "-m", "assistant", "pack", "validate", str(fifo)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "not a regular file" in done.stderr + done.stdout
