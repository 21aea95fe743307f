"""A grammar recogniser can only say pack phrases: replay and reports show its output as
phrase hits, never as what was said; free and Whisper text is the transcript."""

from __future__ import annotations

from assistant.ground.events import Channel, Transcript, Word
from assistant.sessions.replay.timeline import _transcript
from assistant.sessions.report.text import ReportText


def test_grammar_lines_are_marked_and_worded_as_phrase_hits():
    events = [Transcript(Channel.AGENT, 2.0, "좋은 아침 입니다", (Word("좋은", 1.0, 1.4),),
                         grammar=True),
              Transcript(Channel.AGENT, 6.0, "下午好，我是小李", (Word("下午好", 5.0, 5.6),))]
    lines = _transcript(events)
    assert [(line.start, line.grammar) for line in lines] == [(1.0, True), (5.0, False)]
    for lang in ("zh", "en"):
        text = ReportText(lang)("transcript.hits", text=lines[0].text)
        assert lines[0].text in text and text != lines[0].text
    assert "phrase hits, not a transcript" in ReportText("en")("transcript.hits", text="x")
    assert "短语命中" in ReportText("zh")("transcript.hits", text="x")
