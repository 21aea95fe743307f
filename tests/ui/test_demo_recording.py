"""The overlay demo is recorded as a session of source ``demo``, like a live call."""

from __future__ import annotations

from assistant.ground.events import PromptRaised
from assistant.sessions.session import SessionState
from assistant.sessions.store.database import SessionStore
from assistant.ui.demo import _demo_recorder, play, prepare


def test_the_demo_call_becomes_a_demo_session():
    call = prepare(recogniser="off")
    seen: list[object] = []
    recorder = _demo_recorder(call, seen.append, pack_path=None, model=None, recogniser="off")
    summary = play(call, seen.append, recorder=recorder)
    with SessionStore() as store:
        (info,) = store.list()
        session = store.load(info.id)
    assert info.source == "demo" and info.state is SessionState.COMPLETE
    assert seen[0].demo, "the overlay is told it is a demo"
    from assistant.sessions.report.content import build_content

    content = build_content(session, "zh")
    assert "演示" in content.title and ("来源", "演示") in content.header
    assert info.agent_name == call.agent.name and info.recogniser == "off"
    assert info.duration_s == summary.duration_s
    assert [e.prompt for e in session.events if isinstance(e, PromptRaised)] == \
        [e.prompt for e in seen if isinstance(e, PromptRaised)]
    assert session.pack_text.startswith("[pack]") or "[pack]" in session.pack_text
