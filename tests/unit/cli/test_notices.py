"""The terminal words device changes and a stopped recording from their kind, in the reader's
language; the JSON stream keeps the kinds' stable names."""

from __future__ import annotations

import numpy as np
import pytest
import soundfile as sf

from assistant.cli import main
from assistant.cli.notices import device_change_text, recording_stop_text
from assistant.ground.events import Channel
from assistant.ground.notices import (
    DeviceChange,
    DeviceChangeKind,
    LossCause,
    RecordingStop,
    RecordingStopKind,
)

HEADSET = dict(channel=Channel.AGENT, device="'USB Headset' (#3, ALSA)", device_name="USB Headset")


@pytest.mark.parametrize("change, zh, en", [
    (DeviceChange(DeviceChangeKind.LISTENING, rate=48000.0, **HEADSET),
     "正在聆听：坐席设备 'USB Headset' (#3, ALSA)，48000 Hz", "listening: agent device"),
    (DeviceChange(DeviceChangeKind.LOST, cause=LossCause.SILENT, seconds=1.6, retry_s=2.0,
                  **HEADSET), "坐席设备 'USB Headset' (#3, ALSA) 已断开：1.6 秒没有音频；每 2 秒重试",
     "lost: no audio for 1.6 s; trying again every 2 s"),
    (DeviceChange(DeviceChangeKind.LOST, cause=LossCause.CANNOT_OPEN, error="Device busy",
                  retry_s=2.0, **HEADSET), "无法打开（Device busy）", "cannot open it (Device busy)"),
    (DeviceChange(DeviceChangeKind.BACK, rate=16000.0, seconds=3.04, **HEADSET),
     "已恢复，断开了 3.0 秒", "back after 3.0 s"),
    (DeviceChange(DeviceChangeKind.NO_CALLER), "没有客户设备", "no caller device"),
    (DeviceChange(DeviceChangeKind.STOPPED), "采集已停止", "capture stopped"),
])
def test_each_device_change_in_both_languages(change, zh, en):
    assert zh in device_change_text(change, "zh")
    assert en in device_change_text(change, "en")


@pytest.mark.parametrize("kind, zh, en", [
    (RecordingStopKind.DISK_FULL, "磁盘已满（/data），请清理空间", "the disk is full (/data); free"),
    (RecordingStopKind.NOT_WRITABLE, "无法写入 /data（Permission denied）", "cannot write to /data"),
    (RecordingStopKind.FAILED, "无法保存通话记录（/data）：database is locked", "cannot be saved"),
])
def test_each_recording_stop_in_both_languages(kind, zh, en):
    error = "database is locked" if kind is RecordingStopKind.FAILED else "Permission denied"
    stop = RecordingStop(kind, "/data", error)
    assert recording_stop_text(stop, "zh").startswith(zh)
    assert en in recording_stop_text(stop, "en")


def test_a_recorded_analysis_says_why_recording_stopped_in_chinese(tmp_path, monkeypatch,
                                                                    capsys):
    call = tmp_path / "call.wav"
    noise = np.random.default_rng(1).standard_normal((16000 * 2, 2))
    sf.write(call, (0.05 * noise).astype(np.float32), 16000)
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(blocker))
    code = main(["--ui-lang", "zh", "analyze", str(call), "--record", "--recogniser", "off",
                 "--call-time", "2026-11-25T14:30"])
    err = capsys.readouterr().err
    assert code == 0
    assert f"录音已停止：无法保存通话记录（{blocker / 'sessions'}）" in err and "分析照常进行" in err
    assert "recording stopped" not in err


def test_a_recorded_batch_says_its_calls_and_why_recording_stopped_in_chinese(tmp_path, monkeypatch,
                                                                  capsys):
    folder = tmp_path / "calls"
    folder.mkdir()
    noise = np.random.default_rng(2).standard_normal((16000 * 2, 2))
    sf.write(folder / "call.wav", (0.05 * noise).astype(np.float32), 16000)
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(blocker))
    code = main(["--ui-lang", "zh", "analyze", str(folder), "--record", "--recogniser", "off",
                 "--jobs", "1", "--call-time", "2026-11-25T14:30"])
    said = capsys.readouterr()
    everything = said.out + said.err
    assert code == 0, everything
    assert "录音已停止：无法保存通话记录" in everything and "分析照常进行" in everything
    assert "recording stopped" not in everything
    # the per-call line, the table and the totals are in the reader's language too
    assert "条提示" in said.out and "未达标：" in said.out and "已分析 1/1 个通话" in said.out
    assert "坐席" in said.out and "未检查" in said.out
    assert not any(english in said.out for english in ("calls analysed", "missed:", "AGENT",
                                                       "prompts"))
