"""The translation catalogue: .qm compiled from the .ts, every key in both languages, every
key the windows ask for present, and a live zh → en switch of what is on screen."""

from __future__ import annotations

import re
import string
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings, QTranslator
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

import assistant.ui as ui_package
from assistant.conduct.pack import default_pack_path, load_pack
from assistant.ground.events import CallAction
from assistant.ground.translations import LOCALES, source_path, words
from assistant.ui import i18n
from assistant.ui.i18n import Texts, catalogue_path
from assistant.ui.overlay import OverlayWindow
from assistant.ui.screenshots import SCENES, scene_state
from assistant.ui.strings import KEYS
from assistant.ui.tray import DEVICE_LOST, LISTENING, PAUSED, STOPPED, TRAY_ACTIONS, Tray
from tests.ui.test_settings import dialog

UI = Path(ui_package.__file__).resolve().parent
ALL_KEYS = {(context, key) for context, keys in KEYS.items() for key in keys}


def lrelease(ts: Path, qm: Path) -> None:
    import PySide6

    tool = Path(PySide6.__file__).resolve().parent / "lrelease"
    command = [str(tool)] if tool.is_file() else ["pyside6-lrelease"]
    subprocess.run([*command, "-silent", str(ts), "-qm", str(qm)], check=True)


def ts_messages(lang: str) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(source_path(lang)).getroot()
    return {(ctx.findtext("name"), m.findtext("source")): m.find("translation")
            for ctx in root.iter("context") for m in ctx.iter("message")}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("lang", sorted(LOCALES))
def test_the_compiled_catalogue_is_current(lang, tmp_path):
    fresh_qm = tmp_path / "fresh.qm"
    lrelease(source_path(lang), fresh_qm)
    shipped, fresh = QTranslator(), QTranslator()
    assert shipped.load(str(catalogue_path(lang))) and fresh.load(str(fresh_qm))
    stale = [(c, k) for c, k in sorted(ALL_KEYS) if shipped.translate(c, k) != fresh.translate(c, k)]
    assert not stale, (f"{catalogue_path(lang).name} is older than its .ts "
                       f"(run packaging/i18n/catalogue.py update): {stale[:5]}")


def test_every_key_is_translated_in_both_languages():
    messages = {lang: ts_messages(lang) for lang in LOCALES}
    for lang, found in messages.items():
        assert set(found) == ALL_KEYS, (
            f"{source_path(lang).name} and assistant/ui/strings/ list different keys "
            "(run packaging/i18n/catalogue.py update)")
        untranslated = [key for key, t in found.items()
                        if t is None or t.get("type") == "unfinished" or not (t.text or "").strip()]
        assert not untranslated, f"untranslated in {source_path(lang).name}: {untranslated}"
    for key in ALL_KEYS:
        zh, en = (messages[lang][key].text or "" for lang in ("zh", "en"))
        assert placeholders(zh) == placeholders(en), (key, zh, en)


def test_the_core_reads_the_same_words_as_the_windows():
    for lang in LOCALES:
        for context, keys in KEYS.items():
            table = words(lang, context)
            assert {key: Texts(lang, context)(key) for key in keys} == table


KEY_CALL = re.compile(r"\b(?:t|texts|self\.texts)\(\s*(f?)\"([a-z_]+(?:\.[a-z0-9_]+)*)(\.\{)?")


def test_keys_named_in_the_code_are_in_the_catalogue():
    """Literal keys, and the families of keys built from values (``f"rule.{rule}"``)."""
    known = {key for _, key in ALL_KEYS}
    missing = []
    for module in UI.rglob("*.py"):
        if module.parent.name in ("supervisor", "replay") and context_table(module.parent):
            continue  # a table not yet moved into the catalogue: its own TOML
        for f, key, family in KEY_CALL.findall(module.read_text(encoding="utf-8")):
            if f and family:
                ok = any(k.startswith(key + ".") for k in known)
            elif f:
                continue
            else:
                ok = key in known
            if not ok:
                missing.append(f"{module.relative_to(UI)}: {key}{'.*' if family else ''}")
    assert not missing, ("keys the code uses but the catalogue lacks; add each with "
                         "`packaging/i18n/catalogue.py set CONTEXT KEY --zh … --en …`: "
                         f"{missing}")


def context_table(folder: Path) -> bool:
    return (folder / "strings.toml").is_file()


def test_key_families_cover_every_value():
    packs = {lang: load_pack(default_pack_path(lang)) for lang in ("zh", "en")}
    rules = {rule for pack in packs.values() for rule in type(pack.rules).model_fields}
    overlay, app = set(KEYS["overlay"]), set(KEYS["app"])
    assert not {f"rule.{r}" for r in rules} - overlay
    assert not {f"tray.call.{a.value}" for a in TRAY_ACTIONS} - app
    assert not {f"tray.state.{s}" for s in (LISTENING, PAUSED, DEVICE_LOST, STOPPED)} - app
    assert not {f"settings.hotkey.{a.value}"
                for a in (CallAction.START, CallAction.HOLD, CallAction.RESUME, CallAction.END)
                } - app


def test_every_window_state_finds_its_words(qtbot, tmp_path):
    i18n.MISSING.clear()
    settings = QSettings(str(tmp_path / "overlay.ini"), QSettings.Format.IniFormat)
    for lang in ("zh", "en"):
        pack = load_pack(default_pack_path(lang))
        for scene in SCENES:
            window = OverlayWindow(scene_state(scene, lang, pack), settings=settings)
            qtbot.addWidget(window)
            for mode in ("compact", "expanded"):
                window.set_mode(mode)
        tray = Tray(lang)
        for state in (LISTENING, PAUSED, DEVICE_LOST, STOPPED):
            tray.set_state(state)
    from assistant.ui.preferences import AppSettings

    d = dialog(qtbot, AppSettings(lang="zh"), QSettings(str(tmp_path / "a.ini"),
                                                        QSettings.Format.IniFormat))
    d.lang.setCurrentIndex(d.lang.findData("en"))
    assert not i18n.MISSING


# --- the live switch ---------------------------------------------------------------------------


def shown_texts(widget: QWidget) -> set[str]:
    """The words on screen: visible labels and buttons."""
    found = [*widget.findChildren(QLabel), *widget.findChildren(QAbstractButton)]
    return {w.text() for w in found if w.isVisibleTo(widget) and w.text()}


def catalogue_words(lang: str, context: str) -> set[str]:
    return {text for text in words(lang, context).values() if not placeholders(text)}


def test_switching_zh_to_en_changes_the_overlay_without_a_restart(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "overlay.ini"), QSettings.Format.IniFormat)
    scene = next(s for s in SCENES if s.name.startswith("7-"))  # expanded: the most words
    window = OverlayWindow(scene_state(scene, "zh", load_pack(default_pack_path("zh"))),
                           settings=settings)
    qtbot.addWidget(window)
    window.set_mode(scene.mode)
    window.show()
    zh, en = catalogue_words("zh", "overlay"), catalogue_words("en", "overlay")
    before = shown_texts(window)
    assert before & zh and not before & en
    window.set_lang("en")
    after = shown_texts(window)
    assert after & en and not after & zh, after & zh


def test_switching_zh_to_en_changes_the_tray_and_settings_without_a_restart(qtbot, tmp_path):
    from assistant.ui.preferences import AppSettings

    tray = Tray("zh")
    menu_zh = {a.text().strip() for a in tray.menu.actions() if a.text()}
    tray.set_lang("en")
    menu_en = {a.text().strip() for a in tray.menu.actions() if a.text()}
    zh, en = catalogue_words("zh", "app"), catalogue_words("en", "app")
    assert menu_zh <= zh and menu_en <= en and not menu_en & zh

    d = dialog(qtbot, AppSettings(lang="zh"), QSettings(str(tmp_path / "a.ini"),
                                                        QSettings.Format.IniFormat))
    d.show()
    assert d.windowTitle() == Texts("zh", "app")("settings.title")
    before = shown_texts(d)
    d.lang.setCurrentIndex(d.lang.findData("en"))
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)  # replaced rows
    after = shown_texts(d)
    assert d.windowTitle() == Texts("en", "app")("settings.title")
    assert before & zh and not before & (en - zh)
    assert after & en and not after & (zh - en), after & zh


def test_a_table_says_which_keys_it_has(tmp_path):
    assert "hold.waited" in Texts("zh") and "tray.pause" not in Texts("zh")
    legacy = tmp_path / "strings.toml"  # a table not yet moved in: context "<folder>"
    legacy.write_text('[zh]\n"a.b" = "甲"\n[en]\n"a.b" = "A"\n', encoding="utf-8")
    assert "a.b" in Texts("en", legacy) and Texts("en", legacy)("a.b") == "A"


def test_a_count_of_one_reads_in_the_singular():
    from assistant.ui.i18n import Texts

    texts = Texts("en", "supervisor")
    assert texts("trial.done", name="call", duration="0:30", n=1) == "call (0:30): 1 prompt"
    assert texts("trial.done", name="call", duration="0:30", n=2) == "call (0:30): 2 prompts"
    assert "1 prompt\n" not in texts("trial.done", name="c", duration="0", n=1)
    replay = Texts("en", "replay")
    assert "1 prompt" in replay("picker.item", when="w", agent="a", duration="d", prompts=1,
                                state="") and "prompts" not in replay(
        "picker.item", when="w", agent="a", duration="d", prompts=1, state="")
