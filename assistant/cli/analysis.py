"""A recorded call through the live pipeline as fast as the CPU allows, or live capture,
with the prompts on the terminal (`assistant analyze`, `listen`, `demo`)."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from assistant.audio.file import AudioFileError, open_call_file
from assistant.audio.samples import SampleCheck
from assistant.cli.notices import device_change_text, recording_stop_text, say_notice
from assistant.cli.output import JsonLines, Timeline
from assistant.conduct.clauses import ClauseCatalogue
from assistant.conduct.pack import Pack
from assistant.conduct.rules.base import AgentProfile
from assistant.engine.assembly import build_recognisers
from assistant.engine.packs import choose_pack
from assistant.engine.pipeline import Pipeline
from assistant.ground.errors import UserError
from assistant.ground.events import CallAction
from assistant.ground.notices import RecordingStop
from assistant.ground.terminal import TerminalWords, terminal_lang
from assistant.scenario.demo import Controls
from assistant.sessions.recording.start import run_recorded


def _clause_label(pack: Pack, lang: str | None = None):
    catalogue = ClauseCatalogue.load()
    lang = lang or ("zh" if pack.language == "zh" else "en")
    return lambda clause: catalogue.label(clause, lang)


def _pipeline(pack: Pack, *, has_caller: bool, call_time: datetime | None,
              args: argparse.Namespace, sinks: list, live: bool = False) -> Pipeline:
    recognisers, notes = build_recognisers(
        pack, model_path=args.model, mode=args.recogniser, has_caller=has_caller, live=live
    )
    sys.stdout.flush()
    say = TerminalWords(terminal_lang(getattr(args, "terminal_lang", None)))
    for note in notes:
        print(f"assistant: {say.note(note)}", file=sys.stderr, flush=True)
    return Pipeline(
        pack,
        has_caller=has_caller,
        recognisers=recognisers,
        call_time=call_time,
        agent=AgentProfile(args.agent_name, args.agent_id),
        sinks=sinks,
    )


def analyse_file(path: Path, *, call_time: datetime | None, args: argparse.Namespace,
                 controls: Controls = ()) -> int:
    pack = choose_pack(args.pack, args.lang)
    try:
        source = open_call_file(path, agent_channel=args.agent_channel)
    except AudioFileError as exc:
        raise UserError(str(exc)) from None
    lang = terminal_lang(getattr(args, "terminal_lang", None))
    sink = JsonLines(sys.stdout, _clause_label(pack)) if args.json else Timeline(
        sys.stdout, _clause_label(pack, lang), lang)  # JSON: the same in every language
    if not args.json:
        say = TerminalWords(lang)
        channels = say("channels.both" if source.has_caller else "channels.agent")
        when = say("when", when=f"{call_time:%Y-%m-%d %H:%M}") if call_time else ""
        print(say("header", path=path, seconds=f"{source.duration_s:.1f}", channels=channels,
                  pack=pack.pack.id, version=pack.pack.version, when=when))
    pipeline = _pipeline(pack, has_caller=source.has_caller, call_time=call_time, args=args,
                         sinks=[sink])
    recorder = _recorder(args, pack, pipeline, "file", source_path=str(path.resolve()),
                         call_time=call_time)
    pipeline.control(CallAction.START)
    for t, action, by in controls:
        pipeline.schedule(t, action, by)
    check = SampleCheck(source.sample_rate)
    try:
        summary = run_recorded(pipeline, source.blocks(check), recorder)
    except AudioFileError as exc:
        raise UserError(str(exc)) from None
    for note in check.notes():
        print(f"assistant: {path}: {note}", file=sys.stderr, flush=True)
    sink.summary(summary)
    _finish_recording(recorder, summary)
    return 0


def _recorder(args: argparse.Namespace, pack: Pack, pipeline: Pipeline, source: str, *,
              source_path: str = "", call_time: datetime | None = None):
    """With ``--record``: a recorder attached to the pipeline (housekeeping done first)."""
    if not getattr(args, "record", False):
        return None
    from assistant.sessions.recording.start import start_recorder
    from assistant.sessions.session import Source

    def stopped(why: RecordingStop) -> None:
        print(f"assistant: {say_notice('recording.stopped', why=recording_stop_text(why))}",
              file=sys.stderr, flush=True)

    recorder = start_recorder(
        pack, source=Source(source), has_caller=len(pipeline.analyzers) == 2,
        pack_path=args.pack, agent=AgentProfile(args.agent_name, args.agent_id),
        mode=args.recogniser, recognisers={ch: a.recogniser for ch, a in
                                           pipeline.analyzers.items() if a.recogniser},
        model_path=args.model, source_path=source_path, call_time=call_time,
        on_stopped=stopped, report=lambda line: print(f"assistant: {line}", file=sys.stderr))
    pipeline.core.sinks.append(recorder)
    return recorder


def _finish_recording(recorder, summary) -> None:
    if recorder is None:
        return
    recorder.finish(summary)
    if recorder.session_id and not recorder.problem:
        print(f"assistant: {say_notice('recorded', id=recorder.session_id)}", file=sys.stderr)


def listen(args: argparse.Namespace) -> int:
    """Live capture through the same pipeline, headless: prompts to stdout as they come.

    Stops at Ctrl-C, or after ``--seconds`` of audio time; device states (lost,
    re-acquired, no caller channel) go to stderr, or into the JSON stream.
    """
    from assistant.audio.devices import DeviceError
    from assistant.audio.live import LiveSource
    from assistant.ground.notices import DeviceChange

    pack = choose_pack(args.pack, args.lang)
    lang = terminal_lang(getattr(args, "terminal_lang", None))
    sink = JsonLines(sys.stdout, _clause_label(pack)) if args.json else Timeline(
        sys.stdout, _clause_label(pack, lang), lang)

    def on_state(change: DeviceChange) -> None:
        if args.json:
            sink.write({"type": "state", "state": change.kind.value, "detail": str(change)})
        else:
            print(f"assistant: {device_change_text(change, lang)}", file=sys.stderr, flush=True)

    try:
        source = LiveSource(args.agent_device, args.caller_device,
                            agent_channel=args.agent_input, caller_channel=args.caller_input,
                            on_state=on_state)
    except DeviceError as exc:
        raise UserError(str(exc)) from None
    pipeline = _pipeline(pack, has_caller=source.has_caller, call_time=datetime.now(),
                         args=args, sinks=[sink], live=True)
    recorder = _recorder(args, pack, pipeline, "live")
    pipeline.control(CallAction.START)
    try:
        for block in source.blocks():
            if recorder is not None:
                recorder.audio(block)
            pipeline.feed(block)
            if args.seconds is not None and pipeline.now >= args.seconds:
                break
    except KeyboardInterrupt:
        pass
    except DeviceError as exc:
        raise UserError(str(exc)) from None
    finally:
        source.stop()
    summary = pipeline.finish()
    sink.summary(summary)
    _finish_recording(recorder, summary)
    return 0
