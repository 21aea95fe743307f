"""The overlay words a refused pack, a stopped recording and a lost device from their kind
and details, in its own language: rewording the log's sentence changes nothing on screen."""

from __future__ import annotations

import dataclasses
import errno

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from assistant.conduct.pack import default_pack_path, load_pack
from assistant.ground.events import Channel
from assistant.ground.notices import (
    DeviceChange,
    DeviceChangeKind,
    LossCause,
    PackRefusal,
    PackRefusalKind,
    RecordingStop,
    RecordingStopKind,
)
from assistant.ground.status import DeviceBack, DeviceLost
from assistant.overlay.listening import ListeningState
from assistant.overlay.live_call import LiveCall
from assistant.rollout.keys import TrustedKeys
from assistant.rollout.managed import load_managed
from assistant.sessions.recording.recorder import describe
from assistant.ui.i18n import MISSING, Texts
from assistant.ui.notice_words import pack_problem_words, recording_stop_words
from assistant.ui.widgets.status_banner import problems
from tests.unit.rollout.test_managed import TEXT, publish, tamper


@pytest.fixture
def refusals(tmp_path):
    """One real refusal of each kind the share can give, as ``load_managed`` reports it."""
    key, stranger = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    share = tmp_path / "share"
    publish(share, "good.toml", key, "1.0")
    out = {}
    for kind, make in {
        "tampered": lambda p: tamper(publish(share, p, key, "2.0")),
        "unsigned": lambda p: (share / p).write_text(TEXT, encoding="utf-8"),
        "untrusted": lambda p: publish(share, p, stranger, "3.0"),
        "invalid": lambda p: publish(share, p, key, "4.0", change=("interval_s = 15.0",
                                                                   "interval_s = -1.0")),
    }.items():
        for old in share.glob("x-*.toml"):
            old.unlink()
        make(f"x-{kind}.toml")
        load = load_managed(share, TrustedKeys.of(key.public_key()), tmp_path / "cache")
        out[kind] = load.notices()
    out["unreachable"] = load_managed(tmp_path / "gone", TrustedKeys.of(key.public_key()),
                                      tmp_path / "cache2").notices()
    return out


@pytest.mark.parametrize("kind, zh, en", [
    ("tampered", "x-tampered.toml 签名不符，文件已被改动", "x-tampered.toml was changed after signing"),
    ("unsigned", "x-unsigned.toml 未签名", "x-unsigned.toml is not signed"),
    ("untrusted", "x-untrusted.toml 的签名密钥不受本机信任", "does not trust"),
    ("invalid", "x-invalid.toml 内容有误", "x-invalid.toml is not a valid pack"),
    ("unreachable", "无法访问规则包文件夹", "the pack folder cannot be reached"),
])
def test_each_refusal_from_the_share_reads_in_the_overlays_words(refusals, kind, zh, en):
    (notice,) = refusals[kind]
    assert notice.kind is PackRefusalKind(kind)
    assert pack_problem_words(refusals[kind], "zh") == f"提示包未更新（仍用上一个可用的包）：{zh}"
    assert en in pack_problem_words(refusals[kind], "en")
    assert "/" not in pack_problem_words(refusals[kind], "en")  # no folders on the overlay


@pytest.mark.parametrize("kind", list(PackRefusalKind))
def test_rewording_the_log_never_changes_the_banner(kind):
    notice = PackRefusal(kind, "/srv/packs/floor-2.2.toml", "2.2", "2.3",
                         message=f"refused /srv/packs/floor-2.2.toml: {kind.value} pack")
    reworded = dataclasses.replace(notice, message="the file was rejected (see the log)")
    for lang in ("zh", "en"):
        assert pack_problem_words([reworded], lang) == pack_problem_words([notice], lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_pack_and_recording_kind_has_its_own_words_in_both_languages(lang):
    MISSING.clear()
    packs = {kind: pack_problem_words([PackRefusal(kind, "/a/floor.toml", "1.0", "2.0")], lang)
             for kind in PackRefusalKind}
    stops = {kind: recording_stop_words(RecordingStop(kind, "/data/sessions", "EIO"), lang)
             for kind in RecordingStopKind}
    assert not MISSING, MISSING
    for text in [*packs.values(), *stops.values()]:
        assert "{" not in text and "status." not in text
        assert ("录音" in text or "提示包" in text) if lang == "zh" else text.isascii()
    assert len(set(packs.values())) == len(packs) and len(set(stops.values())) == len(stops)
    assert "floor.toml" in packs[PackRefusalKind.ROLLBACK] and "2.0" in packs[
        PackRefusalKind.ROLLBACK]


def test_recording_stops_read_from_their_kind_not_the_sentence(tmp_path):
    full = describe(OSError(errno.ENOSPC, "No space left on device"), tmp_path)
    denied = describe(PermissionError(errno.EACCES, "Permission denied", str(tmp_path)), None)
    odd = describe(RuntimeError("database is locked"), tmp_path)
    assert recording_stop_words(full, "zh") == "录音已停止（提示照常）：磁盘已满，请清理空间"
    assert recording_stop_words(denied, "zh").endswith("无法写入通话记录文件夹，请联系管理员")
    assert recording_stop_words(odd, "zh").endswith(f"无法保存通话记录（{tmp_path}），请联系管理员")
    assert "database is locked" in str(odd)  # the system's words stay in the log
    assert recording_stop_words(dataclasses.replace(full, error="ENOSPC, reworded"), "en") \
        == recording_stop_words(full, "en") == "Recording stopped (prompts go on): " \
                                               "the disk is full; free some space"


class _Source:
    has_caller = True

    def blocks(self):
        return iter(())

    def stop(self):
        pass


def test_a_device_change_reaches_the_overlay_with_its_name_whatever_the_log_says():
    seen: list[object] = []
    live = LiveCall(load_pack(default_pack_path("zh")), _Source(), seen.append)
    name = "Jabra 'EVOLVE' 20: (#3, ALSA)"  # quotes and brackets broke the old parsing
    lost = DeviceChange(DeviceChangeKind.LOST, Channel.CALLER, f"'{name}' (#3, ALSA)", name,
                        cause=LossCause.SILENT, seconds=1.6, retry_s=2.0)
    live.on_state(lost)
    live.on_state(dataclasses.replace(lost, kind=DeviceChangeKind.BACK, seconds=3.0))
    assert seen == [DeviceLost(0.0, Channel.CALLER, name, lost),
                    DeviceBack(0.0, Channel.CALLER, name)]
    listening = ListeningState(lost={Channel.CALLER: name})
    (zh,) = problems(listening, (), Texts("zh"))
    (en,) = problems(listening, (), Texts("en"))
    assert zh == ("warning", f"客户设备已断开（{name}），正在重新连接…")
    assert en == ("warning", f"Caller device lost ({name}) — reconnecting…")


@pytest.mark.parametrize(("cause", "details", "zh", "en"), [
    (LossCause.SILENT, {"seconds": 1.6}, "1.6 秒没有音频", "no audio for 1.6 s"),
    (LossCause.SILENT_AFTER_OPEN, {"seconds": 2.0}, "打开 2.0 秒后仍没有音频",
     "no audio 2.0 s after opening"),
    (LossCause.STREAM_STOPPED, {}, "音频流中断", "the stream stopped"),
    (LossCause.CANNOT_OPEN, {"error": "Device unavailable [PaErrorCode -9985]"},
     "无法打开（Device unavailable [PaErrorCode -9985]）",
     "cannot open it (Device unavailable [PaErrorCode -9985])"),
])
def test_the_banners_tooltip_says_why_a_device_was_lost(cause, details, zh, en):
    name = "USB Headset"
    lost = DeviceChange(DeviceChangeKind.LOST, Channel.AGENT, f"'{name}' (#3, ALSA)", name,
                        cause=cause, retry_s=2.0, **details)
    listening = ListeningState(lost={Channel.AGENT: name}, lost_why={Channel.AGENT: lost})
    (said_zh,) = problems(listening, (), Texts("zh"), why=True)
    (said_en,) = problems(listening, (), Texts("en"), why=True)
    assert said_zh[1] == f"坐席设备已断开（{name}）：{zh}；每 2 秒重试一次，其间以静音填补"
    assert said_en[1] == (f"Agent device lost ({name}): {en}; trying again every 2 s, "
                          "silence fills the gap")
    assert problems(listening, (), Texts("zh"))[0][1] == f"坐席设备已断开（{name}），正在重新连接…"
