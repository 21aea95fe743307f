"""The settings dialog: language, audio devices with live level meters, who the agent is,
the prompt pack, speech models and the call hotkeys.

Nothing is applied until Save; then ``applied`` carries the new ``AppSettings`` (also
written to ``QSettings``) and the app takes them in. A pack is validated when it is
chosen: a broken one is named inline (file:line: field: what is wrong) and the pack in
use stays in use.

Under an administrator's policy (:mod:`assistant.rollout.policy`) locked settings are
shown greyed with a "locked by your supervisor" note and keep their forced values, and a
managed folder replaces the pack choice: the dialog shows the signed pack in use and why
any file on the share was refused.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

import assistant.ui.qt_guard  # noqa: F401  (before any Qt call)
from assistant.audio.devices import DeviceError, DeviceInfo, DeviceProblem, list_devices
from assistant.conduct.pack import Pack, PackError, default_pack_path, load_pack
from assistant.ground.reader import reading_in
from assistant.rollout.agent import AgentPack, managed_pack
from assistant.rollout.policy import Policy, load_policy
from assistant.speech.vosk_model import ModelStatus, install_from_zip, install_model, list_models
from assistant.ui.hotkeys_box import HotkeysBox
from assistant.ui.level_meter import LevelMeter, ProbeFactory, SoundDeviceProbe
from assistant.ui.locks_view import LOCKED_STYLE, locks_note, managed_pack_text
from assistant.ui.notice_words import pack_error_words, pack_problem_words
from assistant.ui.preferences import LANGUAGES, AppSettings, save_settings
from assistant.ui.speech_model_rows import ModelPanel
from assistant.ui.supervisor_texts import SupervisorTexts
from assistant.ui.tray import app_texts

RECOGNISER_MODES = ("grammar", "free", "whisper", "off")
ERROR_STYLE = "color: #b3261e;"
OK_STYLE = "color: #2e7d62;"


class SettingsDialog(QDialog):
    applied = Signal(object)
    """The saved ``AppSettings``."""

    def __init__(self, settings: AppSettings, *, store: QSettings | None = None,
                 devices: Callable[[], list[DeviceInfo]] = list_devices,
                 probe: ProbeFactory = SoundDeviceProbe,
                 models: Callable[[], list[ModelStatus]] = list_models,
                 install=install_model, install_zip=install_from_zip,
                 program: str | None = None, policy: Policy | None = None,
                 managed: Callable[[str, Policy], AgentPack | None] = managed_pack,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.policy = policy if policy is not None else load_policy()
        self._managed_pack = managed
        self.managed: AgentPack | None = None
        self.locked: list[str] = []
        settings = self.policy.apply(settings)
        self.settings = settings
        self.store = store
        self.pack_path = settings.pack_path
        self.texts = app_texts(settings.lang)
        self.program = program
        self._devices, self.device_problem = _devices(devices)
        self._build(probe, models, install, install_zip)
        self._load(settings)
        self._lock()
        self.retranslate()

    # --- building -------------------------------------------------------------------------

    def _build(self, probe, models, install, install_zip) -> None:
        self.lang = QComboBox()
        for lang in LANGUAGES:
            self.lang.addItem(lang, lang)
        self.lang.currentIndexChanged.connect(lambda _: self._lang_changed())
        self.agent_name, self.agent_id = QLineEdit(), QLineEdit()
        self.recogniser = QComboBox()
        for mode in RECOGNISER_MODES:
            self.recogniser.addItem(mode, mode)
        self.general = QGroupBox()
        self.general_form = QFormLayout(self.general)
        self.general_labels = [QLabel() for _ in range(4)]
        for caption, widget in zip(self.general_labels,
                                   (self.lang, self.agent_name, self.agent_id, self.recogniser),
                                   strict=True):
            self.general_form.addRow(caption, widget)
        self.locks_note = _note()
        self.general_form.addRow(self.locks_note)

        self.agent_device, self.caller_device = QComboBox(), QComboBox()
        self.agent_meter, self.caller_meter = LevelMeter(probe), LevelMeter(probe)
        self.agent_device_error, self.caller_device_error = _note(), _note()
        self.device_note = _note()
        self.audio = QGroupBox()
        audio = QFormLayout(self.audio)
        self.audio_labels = [QLabel(), QLabel()]
        for combo, meter, error in ((self.agent_device, self.agent_meter,
                                     self.agent_device_error),
                                    (self.caller_device, self.caller_meter,
                                     self.caller_device_error)):
            column = QVBoxLayout()
            column.setSpacing(3)
            for widget in (combo, meter, error):
                column.addWidget(widget)
            audio.addRow(self.audio_labels[audio.rowCount()], column)
            combo.currentIndexChanged.connect(lambda _=0, c=combo, m=meter, e=error:
                                              self._watch(c, m, e))
        audio.addRow(self.device_note)
        self.device_note.show()

        self.pack_label, self.pack_error = QLabel(), _note()
        self.pack_label.setWordWrap(True)
        self.pack_choose, self.pack_reset = QPushButton(), QPushButton()
        self.pack_choose.clicked.connect(self._choose_pack)
        self.pack_reset.clicked.connect(lambda: self.use_pack(""))
        self.pack_box = QGroupBox()
        pack = QGridLayout(self.pack_box)
        pack.addWidget(self.pack_label, 0, 0)
        pack.addWidget(self.pack_choose, 0, 1)
        pack.addWidget(self.pack_reset, 0, 2)
        pack.addWidget(self.pack_error, 1, 0, 1, 3)
        pack.setColumnStretch(0, 1)

        self.models_box = QGroupBox()
        self.models = ModelPanel(self.texts, models=models, install=install,
                                 install_zip=install_zip)
        QVBoxLayout(self.models_box).addWidget(self.models)

        self.hotkeys_box = HotkeysBox(self.settings.hotkeys, self.program)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        grid = QGridLayout(self)
        grid.addWidget(self.general, 0, 0)
        grid.addWidget(self.pack_box, 1, 0)
        grid.addWidget(self.models_box, 2, 0)
        grid.addWidget(self.audio, 0, 1)
        grid.addWidget(self.hotkeys_box, 1, 1, 2, 1)
        grid.addWidget(self.buttons, 3, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

    def _load(self, settings: AppSettings) -> None:
        self.lang.setCurrentIndex(max(0, self.lang.findData(settings.lang)))
        self.agent_name.setText(settings.agent_name)
        self.agent_id.setText(settings.agent_id)
        self.recogniser.setCurrentIndex(max(0, self.recogniser.findData(settings.recogniser)))
        self._fill_devices(self.agent_device, settings.agent_device, none_item=False)
        self._fill_devices(self.caller_device, settings.caller_device, none_item=True)
        self.use_pack(settings.pack_path)

    def _lock(self) -> None:
        """Grey what the policy locks; under a managed folder show its signed pack instead."""
        widgets: dict[str, tuple[QWidget, ...]] = {
            "lang": (self.lang,), "agent_name": (self.agent_name,),
            "agent_id": (self.agent_id,), "recogniser": (self.recogniser,),
            "agent_device": (self.agent_device,), "caller_device": (self.caller_device,),
            "pack_path": (self.pack_choose, self.pack_reset)}
        self.locked = [name for name in widgets if self.policy.is_locked(name)]
        for name in self.locked:
            for widget in widgets[name]:
                widget.setEnabled(False)
                widget.setProperty("locked", True)
        if self.policy.managed:
            self.managed = self._managed_pack(self.current_lang, self.policy)
            if self.managed is not None:
                self.pack = self.managed.pack
                self.pack_path = ""

    def _show_locks(self) -> None:
        note = locks_note(self.locked, self.current_lang, self.texts)
        self.locks_note.setText(note)
        self.locks_note.setVisible(bool(note))
        self.locks_note.setStyleSheet(LOCKED_STYLE)
        for widget in self.findChildren(QWidget):
            if widget.property("locked"):
                widget.setToolTip(SupervisorTexts(self.current_lang)("locks.locked"))

    def _fill_devices(self, combo: QComboBox, current: str, *, none_item: bool) -> None:
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("", "")  # default input / none: labelled in retranslate
        for device in self._devices:
            combo.addItem(f"{device.name}  ({device.host_api})", device.name)
        if current and combo.findData(current) < 0:
            combo.addItem(current, current)  # unplugged now; keep the choice
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.setProperty("none_item", none_item)
        combo.blockSignals(False)

    # --- words ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        t = self.texts = app_texts(self.current_lang)
        self.setWindowTitle(t("settings.title"))
        self.general.setTitle(t("settings.general"))
        rollout = SupervisorTexts(self.current_lang)
        for caption, key in zip(self.general_labels[:3], ("settings.lang", "settings.agent_name",
                                                           "settings.agent_id"), strict=True):
            caption.setText(t(key))
        self.general_labels[3].setText(rollout("locks.recogniser"))
        for i, mode in enumerate(RECOGNISER_MODES):
            self.recogniser.setItemText(i, rollout(f"locks.recogniser.{mode}"))
        self._show_locks()
        for i, lang in enumerate(LANGUAGES):
            self.lang.setItemText(i, t(f"settings.lang.{lang}"))
        self.audio.setTitle(t("settings.audio"))
        for caption, key in zip(self.audio_labels, ("settings.agent_device",
                                                     "settings.caller_device"), strict=True):
            caption.setText(t(key))
        self.agent_device.setItemText(0, t("settings.default_device"))
        self.caller_device.setItemText(0, t("settings.no_caller"))
        problem = self.device_problem
        none = problem is not None and problem.kind is DeviceProblem.NO_DEVICES
        detail = t("settings.plug_in") if none else t("settings.device_error")
        self.device_note.setText(t("settings.no_devices", detail=detail)
                                 if problem else t("settings.meter_hint"))
        # the details, for whoever fixes the audio server, in the window's language
        self.device_note.setToolTip("" if problem is None or none
                                    else problem.words(self.current_lang))
        self.device_note.setStyleSheet(ERROR_STYLE if self.device_problem else "")
        self.pack_box.setTitle(t("settings.pack"))
        self.pack_choose.setText(t("settings.pack_choose"))
        self.pack_reset.setText(t("settings.pack_reset"))
        self._show_pack()
        self.models_box.setTitle(t("settings.models"))
        self.models.retranslate(t)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(t("settings.save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(t("settings.cancel"))
        self.hotkeys_box.retranslate(t)

    # --- reacting -----------------------------------------------------------------------------

    @property
    def current_lang(self) -> str:
        return self.lang.currentData() or "zh"

    def _lang_changed(self) -> None:
        self.texts = app_texts(self.current_lang)
        if not self.pack_path:
            self.use_pack("")  # the default pack follows the language
        self.retranslate()

    def use_pack(self, path: str) -> bool:
        """Validate and take ``path`` (``""``: the default pack); a broken pack is shown and
        the pack in use stays. Under a managed folder the supervisor's pack stays."""
        if self.managed is not None:
            self._show_pack()
            return not path
        try:
            with reading_in(self.current_lang):
                self.pack = load_pack(path or default_pack_path(self.current_lang))
        except PackError as exc:
            self.pack_error.setText(f"{self.texts('settings.pack_broken')}\n"
                                    + pack_error_words(exc, self.current_lang))
            self.pack_error.setStyleSheet(ERROR_STYLE)
            self.pack_error.show()
            return False
        self.pack_path = path
        self.pack_error.clear()
        self.pack_error.hide()
        self._show_pack()
        return True

    def _show_pack(self) -> None:
        pack: Pack | None = getattr(self, "pack", None)
        if pack is None:
            return
        if self.managed is not None:
            self._show_managed_pack()
            return
        name = self.pack_path or self.texts("settings.pack_default", lang=pack.language)
        on = sum(pack.rule(r).enabled for r in type(pack.rules).model_fields)
        self.pack_label.setText(f"{name}\n" + self.texts(
            "settings.pack_ok", id=pack.pack.id, version=pack.pack.version, lang=pack.language,
            n=on))
        self.pack_label.setToolTip(self.pack_path)

    def _show_managed_pack(self) -> None:
        folder = self.policy.managed_folder
        self.pack_label.setText(managed_pack_text(self.managed, folder, self.current_lang))
        self.pack_label.setToolTip(str(folder or ""))
        problem = self.managed.problem or ""
        self.pack_error.setText(pack_problem_words(self.managed.notices, self.current_lang))
        self.pack_error.setToolTip(problem)  # the whole story, paths included, for an admin
        self.pack_error.setStyleSheet(ERROR_STYLE)
        self.pack_error.setVisible(bool(self.managed.problem))

    def _choose_pack(self) -> None:
        start = str(Path(self.pack_path).parent) if self.pack_path else ""
        path, _ = QFileDialog.getOpenFileName(self, self.texts("settings.pack"), start,
                                              "TOML (*.toml)")
        if path:
            self.use_pack(path)

    def _watch(self, combo: QComboBox, meter: LevelMeter, error: QLabel) -> None:
        if not self.isVisible():
            return
        device = self._device(combo)
        problem = meter.watch(device, self.current_lang)
        error.setText(self.texts("settings.meter_error", error=problem) if problem else "")
        error.setVisible(bool(problem))
        error.setStyleSheet(ERROR_STYLE)

    def _device(self, combo: QComboBox) -> DeviceInfo | None:
        name = combo.currentData()
        if not name:
            if combo.property("none_item"):
                return None
            return next((d for d in self._devices if d.is_default_input), None)
        return next((d for d in self._devices if d.name == name), None)

    # --- result ---------------------------------------------------------------------------------

    def result_settings(self) -> AppSettings:
        return self.settings.with_(
            lang=self.current_lang, agent_name=self.agent_name.text().strip(),
            agent_id=self.agent_id.text().strip(), agent_device=self.agent_device.currentData(),
            caller_device=self.caller_device.currentData(), pack_path=self.pack_path,
            recogniser=self.recogniser.currentData() or "grammar")

    def save(self) -> None:
        self.settings = self.policy.apply(self.result_settings())
        save_settings(self.settings, self.store)
        self.applied.emit(self.settings)
        self.accept()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._watch(self.agent_device, self.agent_meter, self.agent_device_error)
        self._watch(self.caller_device, self.caller_meter, self.caller_device_error)

    def done(self, result: int) -> None:
        self.agent_meter.stop()
        self.caller_meter.stop()
        super().done(result)


def _note() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.hide()
    return label


def _devices(source: Callable[[], list[DeviceInfo]]
             ) -> tuple[list[DeviceInfo], DeviceError | None]:
    """The devices, or why there are none (``NO_DEVICES`` when the server lists none)."""
    try:
        devices = source()
    except DeviceError as exc:
        return [], exc
    if not devices:
        return [], DeviceError(DeviceProblem.NO_DEVICES)
    return devices, None
