"""Roll-out on the agent's side: locked settings greyed in the settings dialog, the managed
pack shown with why a tampered one was refused, the app keeping the last good pack."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtCore import QSettings

from assistant.conduct.pack import default_pack_path
from assistant.ground.notices import PackRefusalKind
from assistant.rollout.policy import load_policy
from assistant.rollout.signing import sign_text
from assistant.rollout.versions import with_version
from assistant.ui.preferences import AppSettings, load_settings
from tests.ui.test_settings import dialog

TEXT = default_pack_path("zh").read_text(encoding="utf-8")


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A site folder with a trusted key and a policy; a private data dir for the cache."""
    key = Ed25519PrivateKey.generate()
    site = tmp_path / "site"
    (site / "trusted-keys").mkdir(parents=True)
    (site / "trusted-keys" / "floor.pub").write_bytes(key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    share = tmp_path / "share"
    share.mkdir()
    (site / "policy.toml").write_text(
        f'[packs]\nfolder = "{share}"\n\n[locked]\nrecogniser = "off"\nlang = "zh"\n',
        encoding="utf-8")
    monkeypatch.setenv("ASSISTANT_SITE_DIR", str(site))
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    return key, share


def publish(share, name, key, version, old="priority = 30", new="priority = 30"):
    path = share / name
    path.write_text(sign_text(with_version(TEXT, version).replace(old, new), key),
                    encoding="utf-8")
    return path


def test_locked_settings_are_greyed_with_a_note_and_keep_their_values(qtbot, tmp_path, site):
    key, share = site
    publish(share, "floor.toml", key, "2.0")
    store = QSettings(str(tmp_path / "app.ini"), QSettings.Format.IniFormat)
    d = dialog(qtbot, AppSettings(lang="en", recogniser="free", pack_path="/mine.toml",
                                  agent_name="Li"), store)
    assert d.current_lang == "zh" and d.recogniser.currentData() == "off"  # forced
    for widget in (d.lang, d.recogniser, d.pack_choose, d.pack_reset):
        assert not widget.isEnabled()
        assert widget.toolTip() == "由主管锁定"
    assert d.agent_name.isEnabled() and d.agent_device.isEnabled()
    assert not d.locks_note.isHidden()
    assert d.locks_note.text() == "由主管锁定：界面语言、语音识别、提示规则包"
    assert "界面语言" in d.locks_note.text() and "语音识别" in d.locks_note.text()
    assert "default-zh 2.0" in d.pack_label.text() and str(share) in d.pack_label.text()
    d.agent_name.setText("Wang")
    with qtbot.waitSignal(d.applied) as applied:
        d.save()
    saved = applied.args[0]
    assert (saved.lang, saved.recogniser, saved.pack_path, saved.agent_name) == (
        "zh", "off", "", "Wang")
    assert load_settings(store).recogniser == "off"


def test_a_tampered_pack_is_refused_with_the_message_shown(qtbot, tmp_path, site):
    key, share = site
    publish(share, "floor.toml", key, "2.0")
    tampered = publish(share, "floor-2.1.toml", key, "2.1")
    tampered.write_text(tampered.read_text(encoding="utf-8").replace("interval_s = 15.0",
                                                                     "interval_s = 90.0"),
                        encoding="utf-8")
    d = dialog(qtbot, AppSettings(), QSettings(str(tmp_path / "a.ini"),
                                               QSettings.Format.IniFormat))
    assert "default-zh 2.0" in d.pack_label.text()
    assert not d.pack_error.isHidden()
    assert f"{tampered}: tampered pack" in d.pack_error.toolTip()  # the whole story, for IT
    assert d.current_lang == "zh"
    assert "floor-2.1.toml 签名不符" in d.pack_error.text()
    assert "tampered" not in d.pack_error.text() and "keeping" not in d.pack_error.text()
    assert d.pack.rules.hold_update.interval_s == 15.0


def test_the_app_keeps_the_last_good_pack_across_a_restart_with_a_tampered_share(site):
    from assistant.ui.app import load_pack_or_default

    key, share = site
    path = publish(share, "floor.toml", key, "3.0", "interval_s = 15.0", "interval_s = 25.0")
    pack, _, problem = load_pack_or_default(AppSettings(pack_path="/ignored.toml"))
    assert (pack.pack.version, pack.rules.hold_update.interval_s, problem) == ("3.0", 25.0, None)
    path.write_text(path.read_text(encoding="utf-8").replace("priority = 30", "priority = 1"),
                    encoding="utf-8")
    pack, notices, problem = load_pack_or_default(AppSettings())  # the next start
    assert (pack.pack.version, pack.rules.hold_update.interval_s) == ("3.0", 25.0)
    assert "the last good copy" in problem and f"{path}: tampered pack" in problem
    assert [(n.kind, n.file) for n in notices] == [(PackRefusalKind.TAMPERED, "floor.toml")]
    path.unlink()
    (share / "plain.toml").write_text(TEXT, encoding="utf-8")
    pack, notices, problem = load_pack_or_default(AppSettings())
    assert pack.pack.version == "3.0" and "plain.toml: unsigned pack" in problem
    assert [(n.kind, n.file) for n in notices] == [(PackRefusalKind.UNSIGNED, "plain.toml")]


def test_without_a_policy_nothing_is_locked(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_SITE_DIR", str(tmp_path / "no-site"))
    assert not load_policy().managed
    d = dialog(qtbot, AppSettings(recogniser="free"), QSettings(str(tmp_path / "a.ini"),
                                                                QSettings.Format.IniFormat))
    assert d.lang.isEnabled() and d.pack_choose.isEnabled() and d.locks_note.isHidden()
    assert d.result_settings().recogniser == "free"


def test_every_lockable_name_is_an_agent_setting_the_policy_can_force():
    from dataclasses import fields

    from assistant.rollout.policy import LOCKABLE, Policy

    assert set(LOCKABLE) <= {f.name for f in fields(AppSettings)}
    forced = Policy(forced={"lang": "en", "agent_id": "7"}).apply(AppSettings(pack_path="/p"))
    assert isinstance(forced, AppSettings)
    assert (forced.lang, forced.agent_id, forced.pack_path) == ("en", "7", "/p")
