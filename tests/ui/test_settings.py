"""The settings dialog: saves and reloads, validates packs inline, meters, model install."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from assistant.audio.devices import DeviceError, DeviceInfo, DeviceProblem
from assistant.conduct.pack import default_pack_path
from assistant.speech.vosk_model import ModelError, ModelStatus
from assistant.ui.preferences import AppSettings, load_settings
from assistant.ui.settings import SettingsDialog

MIC = DeviceInfo(0, "USB Headset", "ALSA", 1, 48000.0, True)
LOOP = DeviceInfo(5, "Monitor of Softphone", "PulseAudio", 2, 48000.0)


class Probe:
    opened: list[str] = []

    def __init__(self, device: DeviceInfo):
        Probe.opened.append(device.name)
        self.closed = False

    def peak(self) -> float:
        return 0.5

    def close(self) -> None:
        self.closed = True


def models(installed: bool = False):
    return lambda: [ModelStatus("zh", "vosk-model-small-cn-0.22", Path("/m/zh"), installed),
                    ModelStatus("en", "vosk-model-small-en-us-0.15", Path("/m/en"), False)]


def dialog(qtbot, settings: AppSettings, store: QSettings, **kw) -> SettingsDialog:
    kw.setdefault("devices", lambda: [MIC, LOOP])
    kw.setdefault("models", models())
    kw.setdefault("probe", Probe)
    d = SettingsDialog(settings, store=store, program="assistant", **kw)
    qtbot.addWidget(d)
    return d


def test_saves_and_reloads(qtbot, tmp_path):
    store = QSettings(str(tmp_path / "app.ini"), QSettings.Format.IniFormat)
    d = dialog(qtbot, load_settings(store), store)
    d.lang.setCurrentIndex(d.lang.findData("en"))
    d.agent_name.setText("  Alex ")
    d.agent_id.setText("1024")
    d.agent_device.setCurrentIndex(d.agent_device.findData("USB Headset"))
    d.caller_device.setCurrentIndex(d.caller_device.findData("Monitor of Softphone"))
    with qtbot.waitSignal(d.applied) as applied:
        d.save()
    again = load_settings(QSettings(str(tmp_path / "app.ini"), QSettings.Format.IniFormat))
    assert again == applied.args[0]
    assert (again.lang, again.agent_name, again.agent_id) == ("en", "Alex", "1024")
    assert (again.agent_device, again.caller_device) == ("USB Headset", "Monitor of Softphone")
    assert again.pack_path == ""  # still the default pack, now the English one
    assert "default-en" in d.pack_label.text()
    reopened = dialog(qtbot, again, store)
    assert reopened.agent_device.currentData() == "USB Headset"
    assert reopened.windowTitle().startswith("Etiquette assistant")


def test_a_broken_pack_is_named_inline_and_the_previous_one_stays(qtbot, tmp_path, settings):
    good = tmp_path / "good.toml"
    good.write_text(default_pack_path("zh").read_text(encoding="utf-8"), encoding="utf-8")
    d = dialog(qtbot, AppSettings(pack_path=str(good)), settings)
    broken = tmp_path / "broken.toml"
    text = good.read_text(encoding="utf-8").replace("ratio_band = 0.25", "ratio_band = 'wide'")
    broken.write_text(text, encoding="utf-8")
    line = text.splitlines().index("ratio_band = 'wide'") + 1
    assert not d.use_pack(str(broken))
    assert f"{broken}:{line}: rules.pace_drift.ratio_band:" in d.pack_error.text()
    assert not d.pack_error.isHidden()
    assert d.result_settings().pack_path == str(good)
    assert d.use_pack("") and d.pack_error.isHidden()


@pytest.mark.parametrize(("lang", "terminal", "said", "not_said"), [
    ("zh", "en", ["规则包有问题", "请输入数字", "不是有效的 TOML"], ["Input should", "not valid TOML"]),
    ("en", "zh", ["The pack has problems", "Enter a number", "not valid TOML"], ["不是"]),
])
def test_a_broken_pack_is_said_in_the_windows_language_not_the_terminals(
        qtbot, tmp_path, settings, monkeypatch, lang, terminal, said, not_said):
    monkeypatch.setenv("ASSISTANT_UI_LANG", terminal)
    d = dialog(qtbot, AppSettings(lang=lang), settings)
    text = default_pack_path(lang).read_text(encoding="utf-8")
    wrong = tmp_path / "wrong.toml"
    wrong.write_text(text.replace("ratio_band = 0.25", "ratio_band = 'wide'"), encoding="utf-8")
    unreadable = tmp_path / "unreadable.toml"
    unreadable.write_text(text + "\n[rules\n", encoding="utf-8")
    shown = []
    for broken in (wrong, unreadable):
        assert not d.use_pack(str(broken))
        shown.append(d.pack_error.text())
    everything = "\n".join(shown)
    assert f"{wrong}:" in shown[0] and "rules.pace_drift.ratio_band" in shown[0]
    assert all(words in everything for words in said), everything
    assert not any(words in everything for words in not_said), everything


def test_level_meters_follow_the_chosen_devices_while_open(qtbot, settings):
    Probe.opened.clear()
    d = dialog(qtbot, AppSettings(caller_device="Monitor of Softphone"), settings)
    assert Probe.opened == [], "no device is opened before the dialog shows"
    d.show()
    assert Probe.opened == ["USB Headset", "Monitor of Softphone"]  # default input + loopback
    qtbot.waitUntil(lambda: d.agent_meter.value() > 0, timeout=1000)
    probe = d.agent_meter.probe
    d.reject()
    assert probe.closed and d.agent_meter.probe is None


def test_no_devices_is_said_in_the_dialog(qtbot, settings):
    def missing():
        raise DeviceError(DeviceProblem.NO_PORTAUDIO, error="libportaudio.so.2: not found")

    d = dialog(qtbot, AppSettings(lang="zh"), settings, devices=missing)
    assert "音频服务无法列出设备" in d.device_note.text()
    # the detail, for IT, in the window's language whatever the terminal's is
    assert d.device_note.toolTip().startswith("缺少 PortAudio 库（libportaudio.so.2: not found）")
    english = dialog(qtbot, AppSettings(lang="en"), settings, devices=missing)
    assert english.device_note.toolTip().startswith("the PortAudio library is missing")
    assert d.agent_device.count() == 1
    none = dialog(qtbot, AppSettings(lang="zh"), settings, devices=list)
    assert "请插上耳麦" in none.device_note.text() and "plug in" not in none.device_note.text()


def test_model_install_runs_off_the_main_thread_with_progress(qtbot, settings):
    threads: list[str] = []
    gate = threading.Event()

    def install(lang, progress):
        threads.append(threading.current_thread().name)
        progress(50, 100)
        gate.wait(2)
        return Path(f"/m/{lang}")

    d = dialog(qtbot, AppSettings(), settings, install=install)
    d.models.start("zh")
    qtbot.waitUntil(lambda: d.models.bar.value() == 500, timeout=2000)
    assert not d.models.bar.isHidden()
    gate.set()
    qtbot.waitUntil(lambda: d.models.busy is None, timeout=2000)
    assert threads == ["model-zh"]
    assert "/m/zh" in d.models.message.text() and d.models.bar.isHidden()


def test_model_install_failure_is_shown(qtbot, settings):
    def install(lang, progress):
        raise ModelError("cannot download the zh model: no route to host; use --from FILE.zip")

    d = dialog(qtbot, AppSettings(), settings, install=install)
    d.models.start("zh")
    qtbot.waitUntil(lambda: d.models.busy is None, timeout=2000)
    assert "no route to host" in d.models.message.text()


def test_a_device_that_cannot_be_opened_is_explained_in_the_windows_language(
        qtbot, settings, monkeypatch):
    monkeypatch.setenv("ASSISTANT_UI_LANG", "en")  # the terminal's language is not the window's

    def gone(device):
        raise DeviceError(DeviceProblem.NOT_THERE, device=device)

    d = dialog(qtbot, AppSettings(lang="zh", caller_device="Monitor of Softphone"), settings,
               probe=gone)
    d.show()
    assert d.agent_device_error.text() == ("无法打开：'USB Headset' (#0, ALSA) "
                                           "不在了（已拔出，或其输出设备已移除）")
    assert "is not there" not in d.agent_device_error.text()
