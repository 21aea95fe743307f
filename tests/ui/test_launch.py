"""`assistant` on a terminal: what the tray app says when it cannot listen is in the reader's
language (``--ui-lang``, then ``LANG``), the device's own problem included."""

from __future__ import annotations

import pytest

from assistant.audio.devices import DeviceError, DeviceInfo, DeviceProblem
from assistant.ground.errors import UserError
from assistant.ui import launch

HEADSET = DeviceInfo(0, "USB Headset", "ALSA", 1, 48000.0, True)


class NoDevice:
    """The app as far as `run_app` needs it, with a headset that is not there."""

    shut = False

    def __init__(self, settings) -> None:
        pass

    def start_control(self) -> None:
        pass

    def start_listening(self) -> None:
        raise DeviceError(DeviceProblem.NOT_THERE, device=HEADSET)

    def shutdown(self) -> None:
        NoDevice.shut = True


@pytest.mark.parametrize(("lang", "said", "not_said"), [
    ("zh", ["不在了", "请在设置中更换设备，或运行 `assistant demo`"], "change the devices"),
    ("en", ["is not there", "change the devices in the settings, or run `assistant demo`"],
     "请在设置中"),
])
def test_a_device_that_is_not_there_is_said_in_the_readers_language(
        monkeypatch, qapp, lang, said, not_said):
    monkeypatch.setenv("ASSISTANT_UI_LANG", lang)
    monkeypatch.setattr(launch, "App", NoDevice)
    with pytest.raises(UserError) as refused:
        launch.run_app(None)
    message = str(refused.value)
    assert all(words in message for words in said), message
    assert not_said not in message and NoDevice.shut
