"""A recorded call through the live pipeline as fast as the CPU allows, or live capture,
with the prompts on the terminal (`assistant analyze`, `listen`, `demo`)."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from assistant.audio.file import AudioFileError, open_call_file
from assistant.audio.samples import SampleCheck
from assistant.cli.notices import device_change_text, say_notice
from assistant.cli.output import JsonLines, Timeline
from assistant.conduct.clauses import ClauseCatalogue
from assistant.conduct.pack import Pack
from assistant.conduct.rules.base import AgentProfile
from assistant.engine.calls import Call, Hearing, hear
from assistant.engine.packs import choose_pack
from assistant.ground.errors import UserError
from assistant.ground.notices import RecordingStop
from assistant.ground.summary import Summary
from assistant.ground.terminal import TerminalWords, terminal_lang
from assistant.scenario.demo import Controls
from assistant.sessions.recording.stop_words import recording_stopped_note


def _clause_label(pack: Pack, lang: str | None = None):
    catalogue = ClauseCatalogue.load()
    lang = lang or ("zh" if pack.language == "zh" else "en")
    return lambda clause: catalogue.label(clause, lang)


def _hearing(pack: Pack, *, has_caller: bool, args: argparse.Namespace,
             live: bool = False) -> Hearing:
    """The recognisers the command line asks for; their notes go to stderr."""
    hearing = hear(pack, mode=args.recogniser, has_caller=has_caller, model_path=args.model,
                   live=live)
    sys.stdout.flush()
    say = TerminalWords(terminal_lang(getattr(args, "terminal_lang", None)))
    for note in hearing.notes:
        print(f"assistant: {say.note(note)}", file=sys.stderr, flush=True)
    return hearing


def analyse_file(path: Path, *, call_time: datetime | None, args: argparse.Namespace,
                 controls: Controls = (), time_note: str = "") -> int:
    """``time_note``: said once the recording opened (a file that is no recording gets
    only the error that says so)."""
    pack = choose_pack(args.pack, args.lang)
    try:
        source = open_call_file(path, agent_channel=args.agent_channel)
    except AudioFileError as exc:
        raise UserError(str(exc)) from None
    if time_note:
        print(time_note, file=sys.stderr, flush=True)
    lang = terminal_lang(getattr(args, "terminal_lang", None))
    sink = JsonLines(sys.stdout, _clause_label(pack)) if args.json else Timeline(
        sys.stdout, _clause_label(pack, lang), lang)  # JSON: the same in every language
    if not args.json:
        say = TerminalWords(lang)
        channels = say("channels.both" if source.has_caller else "channels.agent")
        when = say("when", when=f"{call_time:%Y-%m-%d %H:%M}") if call_time else ""
        print(say("header", path=path, seconds=f"{source.duration_s:.1f}", channels=channels,
                  pack=pack.pack.id, version=pack.pack.version, when=when))
    hearing = _hearing(pack, has_caller=source.has_caller, args=args)
    if isinstance(sink, Timeline) and not hearing.recognisers and hearing.mode != "off":
        from assistant.engine.installed import whisper_hears

        sink.whisper_ready = whisper_hears(pack.language)
    recorder = _recorder(args, pack, hearing, "file", has_caller=source.has_caller,
                         source_path=str(path.resolve()), call_time=call_time)
    call = Call(pack, hearing, has_caller=source.has_caller, call_time=call_time,
                agent=AgentProfile(args.agent_name, args.agent_id), sinks=[sink],
                recorder=recorder, controls=controls)
    check = SampleCheck(source.sample_rate)
    try:
        summary = call.run(source.blocks(check))
    except AudioFileError as exc:
        raise UserError(str(exc)) from None
    for note in check.notes():
        print(f"assistant: {path}: {note}", file=sys.stderr, flush=True)
    sink.summary(summary)
    _finish_recording(call, summary)
    return 0


def _recorder(args: argparse.Namespace, pack: Pack, hearing: Hearing, source: str, *,
              has_caller: bool, source_path: str = "", call_time: datetime | None = None):
    """With ``--record``: a recorder for the call (housekeeping done first)."""
    if not getattr(args, "record", False):
        return None
    from assistant.sessions.recording.start import start_recorder
    from assistant.sessions.session import Source

    def stopped(why: RecordingStop) -> None:
        print(f"assistant: {recording_stopped_note(why)}",
              file=sys.stderr, flush=True)

    return start_recorder(
        pack, source=Source(source), has_caller=has_caller,
        pack_path=args.pack, agent=AgentProfile(args.agent_name, args.agent_id),
        mode=args.recogniser, recognisers=hearing.recognisers,
        model_path=args.model, source_path=source_path, call_time=call_time,
        on_stopped=stopped, report=lambda line: print(f"assistant: {line}", file=sys.stderr))


def _finish_recording(call: Call, summary: Summary) -> None:
    recorder = call.recorder
    if recorder is None:
        return
    call.finish_recording(summary)
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
    hearing = _hearing(pack, has_caller=source.has_caller, args=args, live=True)
    recorder = _recorder(args, pack, hearing, "live", has_caller=source.has_caller)
    call = Call(pack, hearing, has_caller=source.has_caller, call_time=datetime.now(),
                agent=AgentProfile(args.agent_name, args.agent_id), sinks=[sink],
                recorder=recorder)
    try:
        for block in source.blocks():
            call.feed(block)
            if args.seconds is not None and call.now >= args.seconds:
                break
    except KeyboardInterrupt:
        pass
    except DeviceError as exc:
        raise UserError(str(exc)) from None
    finally:
        source.stop()
    summary = call.finish()
    sink.summary(summary)
    _finish_recording(call, summary)
    return 0
