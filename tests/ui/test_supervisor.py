"""The supervisor's pack editor: edit, validate inline, save, reload, export signed, try it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLineEdit, QWidget

from assistant.conduct.pack import default_pack_path, load_pack
from assistant.rollout.editing import PackDraft
from assistant.rollout.keys import TrustedKeys, generate_key_pair
from assistant.rollout.signing import verify_file
from assistant.speech.phrase_check import ModelVocabulary
from assistant.ui.supervisor.window import SupervisorWindow

VOCAB = ModelVocabulary("zh", Path("/models/zh-test"),
                        {"早上", "上午", "好", "下午", "中午", "晚上", "您好"})


def no_model(lang: str) -> ModelVocabulary:
    return ModelVocabulary(lang, None, None, f"no {lang} speech model installed")


def editor(qtbot, tmp_path, *, lang="en", vocabulary=no_model, fresh=True) -> SupervisorWindow:
    path = tmp_path / "floor.toml"
    if fresh:
        path.write_text(default_pack_path("zh").read_text(encoding="utf-8"), encoding="utf-8")
    window = SupervisorWindow(PackDraft.open(path), lang=lang, vocabulary=vocabulary,
                              sessions=list)
    window.ask = lambda question: True
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.phrases_page.checking, timeout=5000)
    return window


def field(window: SupervisorWindow, key: str):
    return window.findChild(QWidget, key)


def type_into(qtbot, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)


def row(window, key):
    section, name = key.rsplit(".", 1)
    return next(r for r in window.page(section).rows if r.spec.name == name)


def test_edit_a_threshold_save_and_reload(qtbot, tmp_path):
    window = editor(qtbot, tmp_path)
    window.show_section("rules.hold_update")
    edit = field(window, "rules.hold_update.interval_s")
    assert edit.text() == "15"
    type_into(qtbot, edit, "20")
    assert window.draft.valid and window.save_action.isEnabled()
    assert window.windowTitle().endswith("*")
    saved = window.save()
    assert saved == tmp_path / "floor.toml"
    assert load_pack(saved).rules.hold_update.interval_s == 20.0
    assert not window.windowTitle().endswith("*")
    again = editor(qtbot, tmp_path, fresh=False)
    assert field(again, "rules.hold_update.interval_s").text() == "20"


def test_an_invalid_value_is_explained_inline_and_save_is_disabled(qtbot, tmp_path):
    window = editor(qtbot, tmp_path)
    window.show_section("rules.hold_update")
    edit = field(window, "rules.hold_update.interval_s")
    type_into(qtbot, edit, "2")
    r = row(window, "rules.hold_update.interval_s")
    assert r.error.isVisible()
    assert r.error.text() == "Must be at least 5.0" or r.error.text() == "Must be at least 5"
    assert not window.save_action.isEnabled() and not window.export_action.isEnabled()
    assert not window.trial.run_button.isEnabled()
    assert "rules.hold_update.interval_s" in window.problems.text()
    nav = window.nav.item(window.sections.index(window.page("rules.hold_update").section))
    assert nav.foreground().color().name() == "#b3261e"
    assert window.save() is None
    assert load_pack(tmp_path / "floor.toml").rules.hold_update.interval_s == 15.0
    type_into(qtbot, edit, "30")
    assert not r.error.isVisible() and window.save_action.isEnabled()


def test_a_bad_value_is_explained_in_chinese_in_the_chinese_editor(qtbot, tmp_path):
    window = editor(qtbot, tmp_path, lang="zh")
    window.show_section("rules.hold_update")
    edit = field(window, "rules.hold_update.interval_s")
    r = row(window, "rules.hold_update.interval_s")
    type_into(qtbot, edit, "abc")
    assert r.error.text() == "请输入数字"
    type_into(qtbot, edit, "2")
    assert r.error.text().startswith("不能小于 5")
    assert "Input should" not in window.problems.text()


def test_a_cross_field_problem_is_shown_on_the_rule(qtbot, tmp_path):
    window = editor(qtbot, tmp_path)
    window.show_section("rules.pace_drift")
    type_into(qtbot, field(window, "rules.pace_drift.min_spm"), "300")
    page = window.page("rules.pace_drift")
    assert page.problem.isVisible()
    assert "min_spm must be below max_spm" in page.problem.text()


def test_a_cross_field_problem_follows_the_window_language_beside_a_field_error(
        qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_UI_LANG", "en")  # the terminal's language is not the window's
    window = editor(qtbot, tmp_path, lang="zh")
    window.show_section("rules.pace_drift")
    type_into(qtbot, field(window, "rules.pace_drift.sustain_s"), "abc")
    type_into(qtbot, field(window, "rules.pace_drift.min_spm"), "300")
    page = window.page("rules.pace_drift")
    assert page.problem.isVisible() and "语速下限（min_spm）必须低于上限（max_spm）" in page.problem.text()
    assert "must be below" not in page.problem.text()
    sustain = next(r for r in page.rows if r.spec.key == "rules.pace_drift.sustain_s")
    assert sustain.error.isVisible() and sustain.error.text() == "请输入数字"
    window.set_lang("en")
    assert "min_spm must be below max_spm" in page.problem.text()


def test_rule_pages_show_the_clause_in_both_languages(qtbot, tmp_path):
    window = editor(qtbot, tmp_path, lang="zh")
    page = window.page("rules.hold_update")
    assert "kf-11.3" in page.clause_title.text() and "第十一条(3)" in page.clause_title.text()
    assert "每15秒通报" in page.clause_zh.text()
    assert "every 15 seconds" in page.clause_en.text()
    combo = field(window, "rules.hold_update.clause")
    combo.setCurrentIndex(combo.findData("kf-5"))
    assert window.draft.pack.rules.hold_update.clause == "kf-5"
    assert "音量适中" in page.clause_zh.text()


def test_phrases_the_model_cannot_hear_are_flagged(qtbot, tmp_path):
    window = editor(qtbot, tmp_path, vocabulary=lambda lang: VOCAB)
    morning = next(i for i in window.phrases_page.lists if i.kind == "greeting_morning")
    assert "✓" in morning.flags.text()
    morning.edit.setPlainText("早上好\n上午好\n早安呀")
    assert window.draft.pack.phrases.greeting_morning == ("早上好", "上午好", "早安呀")
    assert window.phrases_page.flagged()["greeting_morning"] == {
        "早安呀": "word “早安呀” not in the model's vocabulary"}
    assert "早安呀" in morning.flags.text()
    assert window.phrases_page.model_note.text().endswith("/models/zh-test")


def test_without_a_model_the_phrases_page_says_so(qtbot, tmp_path):
    window = editor(qtbot, tmp_path)
    assert "no zh speech model installed" in window.phrases_page.model_note.text()
    assert window.phrases_page.flagged() == {}


def test_export_signs_the_edited_pack(qtbot, tmp_path):
    keys = generate_key_pair(tmp_path / "keys")
    window = editor(qtbot, tmp_path)
    type_into(qtbot, field(window, "rules.overtalk.min_overlap_s"), "2.5")
    out = tmp_path / "share" / "floor.toml"
    exported = window.export_to(out, keys.private)
    verified = verify_file(out, TrustedKeys.load(tmp_path / "keys"))
    assert verified.key_id == keys.key_id
    assert load_pack(out).rules.overtalk.min_overlap_s == 2.5
    again = window.export_to(out, keys.private, bump=True)
    assert (exported.version, again.version) == ("1.0.0", "1.0.1")
    assert field(window, "pack.version").text() == "1.0.1"


def test_try_it_on_the_demo_call_lists_the_prompts(qtbot, tmp_path):
    window = editor(qtbot, tmp_path)
    trial = window.trial
    trial.recogniser.setCurrentIndex(trial.recogniser.findData("off"))
    with qtbot.waitSignal(trial.finished, timeout=60000):
        trial.run_button.click()
    rows = trial.prompts()
    assert rows == [("0:44.0", "Hold updates  (hold_update)", "Article 11(3)  kf-11.3",
                     "客户已等待 15 秒：请通报查询进展")]
    type_into(qtbot, field(window, "rules.hold_update.interval_s"), "8")
    with qtbot.waitSignal(trial.finished, timeout=60000):
        trial.run_button.click()
    first = trial.prompts()[0]
    assert first[1].endswith("(hold_update)") and first[0] < "0:44.0"
    assert "客户已等待 8 秒" in first[3]
    type_into(qtbot, field(window, "rules.hold_update.interval_s"), "9")
    assert trial.status.text().startswith("The pack changed")
    window.set_lang("zh")
    assert trial.status.text() == "规则包已修改：下表是修改前的结果，请重新运行"


def test_try_it_says_what_is_wrong_with_a_recording(qtbot, tmp_path):
    window = editor(qtbot, tmp_path)
    bad = tmp_path / "call.wav"
    bad.write_bytes(b"RIFF nonsense")
    window.trial.add_recording(bad)
    with qtbot.waitSignal(window.trial.finished, timeout=20000) as done:
        window.trial.run_button.click()
    assert isinstance(done.args[0], str) and "call.wav" in window.trial.status.text()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_label_is_translated(qtbot, tmp_path, lang):
    window = editor(qtbot, tmp_path, lang=lang)
    for page in window.page_widgets:
        for r in getattr(page, "rows", []):
            assert not r.caption.text().startswith("field."), r.spec.key
        assert not page.title.text().startswith(("nav.", "rule."))
    for i in range(window.nav.count()):
        assert "nav." not in window.nav.item(i).text() and "rule." not in window.nav.item(i).text()


def test_try_it_words_the_recogniser_notes_in_the_windows_language(qtbot):
    from assistant.engine.assembly import build_recognisers
    from assistant.engine.trial import TrialResult
    from assistant.ui.supervisor.trial_panel import TrialPanel
    from assistant.ui.supervisor_texts import SupervisorTexts

    _, notes = build_recognisers(load_pack(default_pack_path("zh")), model_path=None,
                                 mode="off", has_caller=True)
    assert "not checked" in notes[0]  # the terminal keeps the English
    panel = TrialPanel(PackDraft.open(default_pack_path("zh")), sessions=lambda: [])
    qtbot.addWidget(panel)
    panel.retranslate(SupervisorTexts("zh"))
    panel.show_result("演示通话", TrialResult(Path("demo.flac"), 30.0, notes=notes))
    assert "语音识别已关闭" in panel.status.text()
    assert "recogniser" not in panel.status.text()


def test_placeholders_are_picked_from_a_list_never_typed_as_format_syntax(qtbot, tmp_path):
    window = editor(qtbot, tmp_path, lang="zh")
    window.show_section("rules.hold_update")
    edit = field(window, "rules.hold_update.text")
    picker = field(window, "rules.hold_update.text.placeholders")
    assert [picker.itemText(i) for i in range(picker.count())] == ["插入占位符…", "客户已等待秒数"]
    edit.setText("Please update: waited ")
    edit.textEdited.emit(edit.text())
    picker.activated.emit(1)
    assert edit.text() == "Please update: waited {waited:.0f}"
    assert window.draft.get(("rules", "hold_update", "text")) == edit.text()
    assert window.draft.valid and picker.currentIndex() == 0
    pace = window.page("rules.pace_drift")
    names = {r.spec.name: r for r in pace.rows}
    assert set(names["text_absolute"].placeholders()) >= {"agent", "low", "high"}
    assert names["min_spm"].picker is None


def test_a_signing_key_is_made_in_the_editor_and_signs_the_export(qtbot, tmp_path):
    window = editor(qtbot, tmp_path, lang="zh")
    files = window.make_key(tmp_path / "keys")
    assert window.key == files.private and files.public.exists()
    assert "assistant pack trust" in window.statusBar().currentMessage()
    out = tmp_path / "share" / "floor.toml"
    exported = window.export_to(out, window.key)
    assert exported.key_id == files.key_id
    assert verify_file(out, TrustedKeys.load(tmp_path / "keys")).key_id == files.key_id
