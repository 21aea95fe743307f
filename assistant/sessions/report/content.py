"""What a coaching report says, independent of how it is laid out (HTML or PDF).

Built once from a stored session: the header facts, the per-clause scorecard, every
finding and prompt with its clause label and clause text (the Chinese original and the
English rendering, whatever the report language), the trainer's notes, the transcript as
stored (digits were masked before it reached the disk) and the two plots as PNG bytes.
Both writers render this and nothing else, so the HTML and the PDF cannot disagree.

The derivations (lanes, holds, pace band, prompts, scorecard, transcript) are the replay
model's, so the report says what the replay window shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from assistant import __version__
from assistant.conduct.clauses import ClauseCatalogue
from assistant.conduct.details import resolution_text
from assistant.conduct.pack import Pack
from assistant.ground.events import Channel, Status
from assistant.ground.summary import PromptRecord
from assistant.ground.terminal import clock
from assistant.sessions import scorecard
from assistant.sessions.replay.timeline import ReplayModel, readable
from assistant.sessions.report.plots import pace_png, timeline_png
from assistant.sessions.report.text import LANGUAGES, ReportText
from assistant.sessions.session import AudioState, Session, SessionState

_STATUS_ORDER = {Status.MISSED: 0, Status.NOT_CHECKED: 1, Status.MET: 2,
                 Status.NOT_APPLICABLE: 3}


@dataclass(frozen=True)
class ClauseRef:
    id: str
    label: str
    zh: str
    en: str


@dataclass(frozen=True)
class ScoreRow:
    clause: ClauseRef
    rule: str
    rule_name: str
    status: Status
    status_text: str
    times: str
    detail: str


@dataclass(frozen=True)
class ClauseFindings:
    """One clause of the code and what the call did about it."""

    clause: ClauseRef
    rows: tuple[ScoreRow, ...]


@dataclass(frozen=True)
class PromptRow:
    number: int
    t: float
    time: str
    rule_name: str
    clause: ClauseRef
    text: str
    resolved: str


@dataclass(frozen=True)
class NoteRow:
    number: int
    time: str
    text: str
    author: str


@dataclass(frozen=True)
class TranscriptRow:
    time: str
    who: str
    channel: Channel
    text: str
    """What was said (free or Whisper text), or for a grammar recogniser its phrase hits,
    labelled so."""


@dataclass
class ReportContent:
    lang: str
    text: ReportText
    title: str
    header: list[tuple[str, str]]
    warnings: list[str]
    counts: str
    scorecard: list[ScoreRow]
    clauses: list[ClauseFindings]
    prompts: list[PromptRow]
    notes: list[NoteRow]
    transcript: list[TranscriptRow]
    pace_summary: str
    footer: str
    timeline_png: bytes = b""
    pace_png: bytes = b""
    code_title: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def report_language(session: Session, lang: str | None) -> str:
    """The pack's language unless the trainer asked for another; packs in other languages
    (Korean) get an English report, since the clause texts exist in zh and en only."""
    if lang is not None:
        if lang not in LANGUAGES:
            raise ValueError(f"report language {lang!r}: use one of {', '.join(LANGUAGES)}")
        return lang
    return session.info.language if session.info.language in LANGUAGES else "en"


def build_content(session: Session, lang: str | None = None, *,
                  now: datetime | None = None) -> ReportContent:
    lang = report_language(session, lang)
    text = ReportText(lang)
    catalogue = ClauseCatalogue.load()
    model = ReplayModel.build(session, lang=lang)

    def ref(clause_id: str) -> ClauseRef:
        return ClauseRef(clause_id, catalogue.label(clause_id, lang),
                         catalogue.text(clause_id, "zh"), catalogue.text(clause_id, "en"))

    rows = [_score_row(r, ref(r.clause), text) for r in model.scores]
    notes = sorted(session.notes, key=lambda n: n.t)
    content = ReportContent(
        lang=lang,
        text=text,
        title=text("title.demo") if session.info.source == "demo" else text("title"),
        header=_header(session, text, model.pack),
        warnings=_warnings(session, text),
        counts=text("counts", **{s.value: sum(r.status is s for r in rows) for s in Status}),
        scorecard=rows,
        clauses=_by_clause(rows),
        prompts=[_prompt_row(i, m, ref(m.clause), text)
                 for i, m in enumerate(model.prompts, start=1)],
        notes=[NoteRow(i, clock(n.t), n.text, n.author) for i, n in enumerate(notes, start=1)],
        transcript=[TranscriptRow(clock(line.start), text(f"lane.{line.channel.value}"),
                                  line.channel,
                                  text("transcript.hits", text=line.text) if line.grammar
                                  else line.text) for line in model.transcript],
        pace_summary=_pace_summary(session, text),
        footer=text("footer", version=__version__,
                    now=(now or datetime.now()).strftime("%Y-%m-%d %H:%M")),
        code_title=catalogue.title_zh if lang == "zh" else catalogue.title_en,
    )
    content.timeline_png = timeline_png(model, text, [n.t for n in notes])
    content.pace_png = pace_png(model, text)
    return content


def _duration(session: Session) -> float:
    return session.summary.duration_s if session.summary else session.info.duration_s


def _score_row(row: scorecard.ScoreRow, clause: ClauseRef, text: ReportText) -> ScoreRow:
    times = ", ".join(clock(t) for t in row.times[:8])
    if len(row.times) > 8:
        times += f" (+{len(row.times) - 8})"
    return ScoreRow(clause, row.rule, text.rule(row.rule), row.status, text.status(row.status),
                    times, readable(row.detail))


def _by_clause(rows: list[ScoreRow]) -> list[ClauseFindings]:
    """Clauses with a miss first: what the trainer should talk about comes first."""
    groups: dict[str, list[ScoreRow]] = {}
    for row in rows:
        groups.setdefault(row.clause.id, []).append(row)
    out = [ClauseFindings(group[0].clause, tuple(group)) for group in groups.values()]
    out.sort(key=lambda c: min(_STATUS_ORDER[r.status] for r in c.rows))
    return out


def _prompt_row(number: int, marker: PromptRecord, clause: ClauseRef,
                text: ReportText) -> PromptRow:
    if marker.resolved_t is None:
        resolved = text("resolved.open")
    else:
        resolved = f"{clock(marker.resolved_t)} · {resolution_text(marker.resolution, text.lang)}"
    return PromptRow(number, marker.t, clock(marker.t), text.rule(marker.rule), clause,
                     marker.text, resolved)


def _header(session: Session, text: ReportText, pack: Pack) -> list[tuple[str, str]]:
    info = session.info
    when = info.call_time or info.started_at
    duration = _duration(session)
    pack_name = f"{info.pack_id} {info.pack_version}"
    if pack.pack.id == info.pack_id and pack.pack.name:
        pack_name += f" · {pack.pack.name}"
    if info.recogniser == "off" or not info.recogniser:
        speech = text("speech.off")
    else:
        speech = " · ".join(part for part in (info.recogniser, info.model) if part)
    audio = {AudioState.NONE: "audio.none", AudioState.COMPLETE: "audio.recorded",
             AudioState.RECORDING: "audio.partial", AudioState.PARTIAL: "audio.partial",
             AudioState.STOPPED: "audio.stopped"}[info.audio_state]
    audio_text = text(audio) + (f" — {info.remark}" if info.remark and
                                info.audio_state is AudioState.STOPPED else "")
    return [
        (text("header.agent"), info.agent),
        (text("header.when"), when.strftime("%Y-%m-%d %H:%M")),
        (text("header.duration"), clock(duration).split(".")[0]),
        (text("header.pack"), pack_name),
        (text("header.speech"), speech),
        (text("header.audio"), audio_text),
        (text("header.session"), info.id),
        (text("header.source"), text(f"source.{info.source}")
         if f"source.{info.source}" in text else info.source),
    ]


def _warnings(session: Session, text: ReportText) -> list[str]:
    out = []
    if session.info.state is SessionState.RECOVERED:
        out.append(text("recovered"))
    if session.summary is None:
        out.append(text("no_summary"))
    return out


def _pace_summary(session: Session, text: ReportText) -> str:
    if session.summary is None:
        return ""
    pace = session.summary.pace

    def show(ch: Channel) -> str:
        value = pace.get(ch)
        return f"{value:.0f}" if value else "–"

    return text("pace.summary", agent=show(Channel.AGENT), caller=show(Channel.CALLER))
