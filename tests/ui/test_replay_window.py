"""The replay window: opening calls, seeking every way, markers, scorecard, notes, errors.

The session is a real pipeline recording of a silent 36-s lookup (hold-update prompts at
30.9 s and 45.9 s, a callback prompt at 45.9 s). There is no sound card here, so the
window plays on its silent clock and says so; the Player's sound path is tested apart.
"""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from PySide6.QtCore import QPoint, Qt

from assistant.conduct.pack import default_pack_path
from assistant.ground.events import Phase
from assistant.sessions.replay.rerun import Change
from assistant.sessions.store.database import SessionStore
from assistant.ui.replay.launch import open_window
from assistant.ui.replay.window import ReplayWindow
from tests.fixtures.sessions import LONG_HOLD, record_scenario


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    work = tmp_path_factory.mktemp("replay-ui")
    root = work / "store"
    with SessionStore(root) as store:
        info, _ = record_scenario(store, LONG_HOLD, work)
    return root, info


@pytest.fixture
def store_root(recorded, tmp_path):
    """A private copy of the recorded store, so a test may change or damage it."""
    root, _ = recorded
    copy = tmp_path / "store"
    shutil.copytree(root, copy)
    return copy


@pytest.fixture
def window(qtbot, store_root, recorded) -> ReplayWindow:
    win = open_window(store_root, lang="zh", sound=False)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    win.ui.picker.setCurrentRow(0)
    assert win.model is not None
    return win


def test_the_session_list_opens_a_call(window, recorded):
    _, info = recorded
    assert window.ui.picker.count() == 1
    assert window.model.session.info.id == info.id
    assert window.ui.timeline.model is window.model
    assert window.ui.time.text() == "00:00 / 01:13"
    assert window.ui.prompts.count() == 3 and window.ui.transcript.count() == 9


def test_slider_seek_moves_playhead_overlay_and_transcript(window):
    window.ui.slider.setValue(350)
    assert window.playhead == pytest.approx(35.0)
    assert window.ui.time.text().startswith("00:35")
    overlay = window.ui.overlay.state
    assert overlay.phase is Phase.HOLD and overlay.prompt.rule == "hold_update"
    assert window.ui.overlay.hold.isVisible()
    assert window.ui.transcript.currentRow() == 2


def test_keys_seek_five_seconds_and_space_plays(window, qtbot):
    window.seek(20.0)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.playhead == pytest.approx(25.0)
    qtbot.keyClick(window, Qt.Key.Key_Left)
    qtbot.keyClick(window, Qt.Key.Key_Left)
    assert window.playhead == pytest.approx(15.0)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert window.player.playing
    qtbot.waitUntil(lambda: window.playhead > 15.2, timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert not window.player.playing


def test_clicking_the_timeline_seeks_there(window, qtbot):
    timeline = window.ui.timeline
    axis = timeline.lanes()[0].rect
    x = round(timeline.width() * 0.5)
    qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton,
                     pos=QPoint(x, round(axis.center().y())))
    assert window.playhead == pytest.approx(timeline.time_at(x), abs=0.01)
    assert window.ui.overlay.state.now == pytest.approx(window.playhead, abs=0.01)


def test_clicking_a_prompt_marker_jumps_to_it(window, qtbot):
    timeline = window.ui.timeline
    timeline.repaint()
    marker = min(timeline.markers, key=lambda m: m.t)
    qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=marker.rect.center().toPoint())
    assert window.playhead == pytest.approx(30.9)
    shown = window.ui.overlay.state.prompt
    assert shown is not None and shown.rule == "hold_update" and shown.clause_label == "第十一条(3)"
    assert window.ui.overlay.prompt.isVisible()


def test_clicking_a_prompt_in_the_list_jumps_to_it(window, qtbot):
    prompts = window.ui.prompts
    rect = prompts.visualItemRect(prompts.item(2))
    qtbot.mouseClick(prompts.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.playhead == pytest.approx(45.9)
    assert window.ui.overlay.state.prompts.is_up("hold_callback")


def test_scorecard_rows_match_the_summary(window):
    table, summary = window.ui.scores, window.model.session.summary
    assert table.rowCount() == len(summary.findings)
    texts = window.texts
    shown = {(table.item(r, 1).text(), table.item(r, 2).text()) for r in range(table.rowCount())}
    expected = {(texts(f"rule.{f.rule}"), texts(f"status.{f.status.value}"))
                for f in summary.findings}
    assert shown == expected
    assert ("每15秒通报", "未达标") in shown or (texts("rule.hold_update"), "未达标") in shown


def test_a_note_at_the_playhead_is_stored_and_can_be_deleted(window, store_root):
    window.seek(31.0)
    window.ui.notes.edit.setText("这里应该主动通报进展")
    window.ui.notes.add.click()
    with SessionStore(store_root) as store:
        notes = store.notes(window.model.session.info.id)
    assert [(n.t, n.text) for n in notes] == [(31.0, "这里应该主动通报进展")]
    assert window.ui.timeline.notes and window.ui.notes.list.count() == 1
    window.ui.notes.list.setCurrentRow(0)
    window.ui.notes.delete.click()
    with SessionStore(store_root) as store:
        assert store.notes(window.model.session.info.id) == []


def test_comparing_with_a_pack_marks_added_and_removed_prompts(window, qtbot, tmp_path):
    pack = tmp_path / "ten-seconds.toml"
    pack.write_text(default_pack_path("zh").read_text(encoding="utf-8").replace(
        "interval_s = 15.0", "interval_s = 10.0"), encoding="utf-8")
    window.compare_with(pack)
    qtbot.waitUntil(lambda: window.diff is not None, timeout=10000)
    window.ui.timeline.repaint()
    changes = {m.change for m in window.ui.timeline.markers}
    assert {Change.ADDED, Change.REMOVED} <= changes
    assert "新增 2 条" in window.ui.compare.summary.text()
    added = next(m for m in window.ui.timeline.markers if m.change is Change.ADDED)
    window.jump_to_prompt(added.index)
    assert window.playhead == pytest.approx(25.9)


def test_a_broken_pack_file_is_named_in_the_comparison(window, tmp_path):
    pack = tmp_path / "broken.toml"
    pack.write_text("[pack]\nid = 'x'\n", encoding="utf-8")
    window.compare_with(pack)
    assert "broken.toml" in window.ui.compare.summary.text()
    assert window.diff is None


def test_export_report_writes_the_file(window, tmp_path):
    pytest.importorskip("assistant.sessions.report.write")
    out = tmp_path / "report.html"
    assert window.export_report(out)
    assert out.exists() and out.stat().st_size > 1000


def test_a_corrupted_database_is_said_and_left_alone(qtbot, tmp_path):
    root = tmp_path / "store"
    root.mkdir()
    garbage = b"this is not a database " * 200
    (root / "sessions.db").write_bytes(garbage)
    win = open_window(root, lang="en", sound=False)
    qtbot.addWidget(win)
    win.show()
    assert win.store is None and win.ui.banner.isVisible()
    assert "sessions.db" in win.ui.banner.text() and "cannot be opened" in win.ui.banner.text()
    assert (root / "sessions.db").read_bytes() == garbage


def test_a_damaged_event_is_said_and_the_open_call_stays(window, store_root):
    good = window.model.session.info.id
    db = sqlite3.connect(store_root / "sessions.db")
    with db:
        db.execute("UPDATE events SET data = '{broken' WHERE seq = 5")
    db.close()
    assert not window.open_session(good)
    assert "event 5 is damaged" in window.ui.banner.text()
    assert window.model is not None and window.ui.timeline.model is window.model


def test_a_missing_recording_replays_silently_and_says_so(qtbot, store_root, recorded):
    _, info = recorded
    (store_root / "audio" / info.audio_file).unlink()
    win = open_window(store_root, lang="zh", sound=False)
    qtbot.addWidget(win)
    win.ui.picker.setCurrentRow(0)
    assert win.model.level_source == "readings"
    assert "录音文件缺失" in win.ui.banner.text()
    win.seek(35.0)
    assert win.ui.overlay.state.phase is Phase.HOLD


def test_a_foreign_folder_is_refused_by_name_and_nothing_changes(window, tmp_path):
    foreign = tmp_path / "holiday-photos"
    foreign.mkdir()
    (foreign / "beach.jpg").write_bytes(b"\xff\xd8\xff")
    before = window.model
    assert not window.open_path(foreign)
    assert "holiday-photos" in window.ui.banner.text()
    assert "session.json" in window.ui.banner.text()
    assert window.model is before
    assert (foreign / "beach.jpg").read_bytes() == b"\xff\xd8\xff"


def test_a_foreign_sessions_db_is_not_touched(window, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    db = sqlite3.connect(other / "sessions.db")
    with db:
        db.execute("CREATE TABLE photos (name TEXT)")
    db.close()
    before = (other / "sessions.db").read_bytes()
    assert not window.open_path(other)
    assert (other / "sessions.db").read_bytes() == before
    assert window.store is not None and window.model is not None


def test_an_exported_folder_opens_as_an_imported_call(window, store_root, tmp_path, qtbot):
    transfer = pytest.importorskip("assistant.sessions.store.transfer")
    with SessionStore(store_root) as store:
        folder = transfer.export_session(store, window.model.session.info.id, tmp_path / "out")
    fresh = open_window(tmp_path / "trainer", lang="zh", sound=False)
    qtbot.addWidget(fresh)
    assert fresh.ui.picker.item(0).flags() == Qt.ItemFlag.NoItemFlags  # "no calls yet"
    assert fresh.open_path(folder)
    assert fresh.model is not None and fresh.model.session.info.id == folder.name
    assert fresh.model.level_source == "audio"


def test_jumping_back_before_a_prompt_takes_it_off_at_once(window):
    window.seek(46.5)
    assert window.ui.overlay.prompt.isVisible()
    window.seek(26.0)
    assert window.ui.overlay.state.prompt is None
    assert not window.ui.overlay.prompt.isVisible()


def test_the_list_filters_by_search_and_missed_checks(window, recorded):
    _, info = recorded
    window.ui.search.setText("no-such-agent")
    assert window.ui.picker.count() == 1 and window.ui.picker.item(0).text() == "没有符合条件的通话"
    window.ui.search.setText(info.agent_name)
    assert window.ui.picker.count() == 1
    assert window.ui.picker.item(0).data(Qt.ItemDataRole.UserRole) == info.id
    window.ui.search.setText("第十一条(3)")  # the long hold missed its updates
    assert window.ui.picker.item(0).data(Qt.ItemDataRole.UserRole) == info.id
    window.ui.search.clear()
    window.ui.missed_only.setChecked(True)
    assert window.ui.picker.item(0).data(Qt.ItemDataRole.UserRole) == info.id
    when = info.call_time or info.started_at
    assert f"{when:%Y-%m-%d %H:%M}" in window.ui.picker.item(0).text()


def test_a_note_marker_looks_nothing_like_the_playhead():
    from PySide6.QtCore import QRectF

    from assistant.ui.replay.paint import note_marker, playhead_marker

    axis = QRectF(0, 0, 800, 20)
    note, head = note_marker(100.0, axis, 9.0).boundingRect(), playhead_marker(100.0, 9.0)
    assert note.bottom() >= axis.bottom() - 2  # stands on the axis
    assert note.top() > head.boundingRect().bottom()  # below the playhead's triangle
    assert note.left() == 100.0  # a flag whose pole is at the note's time, not centred
    assert note_marker(100.0, axis, 9.0).count() != head.count()
