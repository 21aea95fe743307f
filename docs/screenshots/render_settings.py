"""Render the settings dialog and the tray menu (zh, en) with stand-in devices:
`python docs/screenshots/render_settings.py docs/screenshots`."""
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from pathlib import Path

from PySide6.QtWidgets import QApplication

app = QApplication([])

from assistant.audio.devices import DeviceInfo
from assistant.speech.vosk_model import ModelStatus
from assistant.ui.preferences import AppSettings
from assistant.ui.settings import SettingsDialog
from assistant.ui.tray import Tray

DEVICES = [DeviceInfo(0, "USB Headset: Audio (hw:1,0)", "ALSA", 1, 48000.0, True),
           DeviceInfo(5, "Monitor of Softphone Output", "PulseAudio", 2, 48000.0)]
class Probe:
    def __init__(self, device): self.v = 0.35 if device.index == 0 else 0.08
    def peak(self): return self.v
    def close(self): pass
def models():
    return [ModelStatus("zh", "vosk-model-small-cn-0.22", Path("/home/agent/.local/share/etiquette-assistant/models/vosk-model-small-cn-0.22"), True),
            ModelStatus("en", "vosk-model-small-en-us-0.15", Path("/x"), False),
            ModelStatus("ko", "vosk-model-small-ko-0.22", Path("/x"), False)]
for lang in ("zh", "en"):
    s = AppSettings(lang=lang, agent_name="小王" if lang == "zh" else "Alex", agent_id="1024",
                    agent_device=DEVICES[0].name, caller_device=DEVICES[1].name)
    d = SettingsDialog(s, devices=lambda: DEVICES, probe=Probe, models=models, program="assistant")
    d.show()
    for _ in range(10):
        app.processEvents()
    import time; time.sleep(0.15); app.processEvents()
    d.agent_meter._tick(); d.caller_meter._tick()
    out = Path(sys.argv[1]) / f"settings-{lang}.png"
    d.grab().save(str(out))
    t = Tray(lang); t.menu.adjustSize(); t.menu.show(); app.processEvents()
    t.menu.grab().save(str(Path(sys.argv[1]) / f"tray-menu-{lang}.png"))
    t.menu.hide()
    print(out, d.size())
