"""CPU share and memory of the running overlay with both call channels live.

    python3 bench/overlay_live.py [--seconds 60] [--recogniser grammar|whisper|off]

Starts a private PulseAudio server with a stereo null sink, plays the Korean demo call
into it in a loop (agent left, caller right), and runs what `assistant` runs: LiveSource
on both channels → the pipeline (with the Korean vosk model's grammar recognisers) on a
worker thread → the event bridge → the overlay window (offscreen). Prints the process's
CPU time per second of wall time (its share of one core, PortAudio's threads included),
peak RSS, and how many prompts reached the overlay.
Targets (issue): whole app ≤ 10 % of one core with grammar recognisers on, ≤ 350 MB RSS
with a small model.

With ``--recogniser whisper`` it plays the natural-voice Mandarin call
(tests/scenarios/whisper/zh_good_call.toml) with Whisper base on the agent channel, live
(results never waited for), and also prints the decoder's real-time factor, how many
segments came after their delivery time, and the phrase latency from the end of the words
to their delivery (audio time, p50/p95). Targets: ≤ 10 % of one core, ≤ 350 MB, p95 ≤ 1.5 s.
``--call tests/scenarios/whisper/held-out/zh_heldout_good.toml`` plays a call nothing was
tuned on instead (other texts, a lower and faster voice).

    python3 bench/overlay_live.py --recogniser whisper --compare default,full,fit-whole

runs each option in its own process, one after the other, and prints their figures side by
side: ``default`` (the agent's Mandarin in the fitted window, decoded at each pause),
``full`` (the 30-s window, whole segments), ``fit-whole`` (fitted window, whole segments
only), ``float16`` (the default, loading the official float16 file instead of the int8 copy),
``all-tokens`` (the int8 copy with Whisper's whole vocabulary, not the Mandarin copy),
``avx2`` / ``avx`` / ``generic`` (the default with CTranslate2 and oneDNN kept to that
instruction set: the desktop CPUs without AVX-512's int8 instructions, or without AVX2).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import assistant  # noqa: E402,F401  (the app's process settings, made before numpy loads)
import numpy as np  # noqa: E402

from tests.integration.pulse import pulse_server, reinitialise_portaudio


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--recogniser", choices=["grammar", "whisper", "off"],
                        default="grammar")
    parser.add_argument("--window", choices=["fit", "full"], default=None,
                        help="Whisper's encoder window for the agent: the segment's length or 30 s")
    parser.add_argument("--previews", choices=["on", "off"], default="on",
                        help="decode an open fitted-window segment at its pauses")
    parser.add_argument("--float16", action="store_true",
                        help="load the official float16 model.bin, not the int8 copy")
    parser.add_argument("--all-tokens", action="store_true",
                        help="load the int8 copy with every token, not the Mandarin copy")
    parser.add_argument("--threads", type=int, default=None,
                        help="CTranslate2's threads for Whisper (default: up to 2)")
    parser.add_argument("--isa", choices=["AVX512", "AVX2", "AVX", "GENERIC"], default=None,
                        help="the instruction set CTranslate2 and oneDNN may use (default: the "
                             "CPU's best): a desktop without AVX-512 (most) or AVX2 (low-end)")
    parser.add_argument("--call", type=Path, default=None,
                        help="the scenario played (default: the natural-voice Mandarin tuning "
                             "call with Whisper, the Korean call otherwise); e.g. tests/scenarios/"
                             "whisper/held-out/zh_heldout_good.toml, a call nothing was tuned on")
    parser.add_argument("--compare", default=None,
                        help="comma-separated options to run one after the other: "
                             "default, full, fit-whole, float16, 1-thread, 2-threads, "
                             "avx2, avx, generic")
    args = parser.parse_args()
    if args.compare:
        return compare(args)
    if args.isa:  # read when CTranslate2 loads (lazily, with the model)
        os.environ["CT2_FORCE_CPU_ISA"] = args.isa
        os.environ["ONEDNN_MAX_CPU_ISA"] = ONEDNN_ISA[args.isa]
    from assistant.speech import whisper, whisper_decode

    if args.window:
        whisper_decode.DEFAULT_WINDOW = args.window
        whisper.AGENT_WINDOWS.clear()
    whisper.PREVIEW_AT_PAUSES = args.previews == "on"
    if args.threads:
        whisper.THREADS = args.threads
    if args.float16:
        from assistant.speech import whisper_int8

        whisper_int8.copy_path = lambda model, language=None: None
    if args.all_tokens:
        from assistant.speech import whisper_int8

        whisper_int8.mandarin_path = lambda model: None

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        scenario = args.call or ROOT / ("tests/scenarios/whisper/zh_good_call.toml"
                                        if args.recogniser == "whisper"
                                        else "tests/scenarios/ko_polite_call.toml")
        args.lang = tomllib.loads(scenario.read_text(encoding="utf-8"))["scenario"]["lang"]
        wav = synthesize_apart(scenario, work)
        with pulse_server(work) as server, server.in_this_process():
            reinitialise_portaudio()
            measure(server, wav, args)


def synthesize_apart(scenario: Path, work: Path) -> Path:
    """The call's audio, made in a child process: the scenario tools load scipy, which the
    app does not, and would count in this process's memory."""
    wav = work / "call.wav"
    code = ("import sys; sys.path.insert(0, sys.argv[1]);"
            "from pathlib import Path;"
            "from assistant.scenario.scenario_file import load_scenario;"
            "from assistant.scenario.synth import synthesize;"
            "synthesize(load_scenario(Path(sys.argv[2])), Path(sys.argv[3]),"
            " cache_dir=Path(sys.argv[4]))")
    subprocess.run([sys.executable, "-c", code, str(ROOT), str(scenario), str(wav),
                    str(work / "tts")], check=True)
    return wav


OPTIONS = {"default": [], "full": ["--window", "full"],
           "fit-whole": ["--window", "fit", "--previews", "off"], "float16": ["--float16"],
           "all-tokens": ["--all-tokens"],
           "1-thread": ["--threads", "1"], "2-threads": ["--threads", "2"],
           "avx2": ["--isa", "AVX2"], "avx": ["--isa", "AVX"], "generic": ["--isa", "GENERIC"]}
ONEDNN_ISA = {"AVX512": "ALL", "AVX2": "AVX2", "AVX": "AVX", "GENERIC": "SSE41"}
"""oneDNN's name for the same ceiling (it picks its int8 kernels itself: VNNI, AVX-512)."""


def compare(args) -> None:
    """Each option in a process of its own (memory figures are per process), in turn."""
    rows = []
    for option in args.compare.split(","):
        command = [sys.executable, __file__, "--recogniser", args.recogniser, "--seconds",
                   str(args.seconds), *(["--call", str(args.call)] if args.call else []),
                   *OPTIONS[option]]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        print(f"--- {option}\n{done.stdout}{done.stderr[-2000:] if done.returncode else ''}",
              flush=True)
        found = [json.loads(line[7:]) for line in done.stdout.splitlines()
                 if line.startswith("RESULT ")]
        if found:
            rows.append((option, found[0]))
    if not rows:
        return
    fields = [("CPU % of one core", "cpu", "{:.1f}"), ("decoding CPU %", "decode_cpu", "{:.1f}"),
              ("decodes (previews)", "decodes", "{}"),
              ("RSS start MB", "rss_start", "{:.0f}"), ("RSS model loaded", "rss_model", "{:.0f}"),
              ("RSS end", "rss_end", "{:.0f}"), ("RSS peak", "rss_peak", "{:.0f}"),
              ("latency p50 s", "p50", "{:.2f}"), ("latency p95 s", "p95", "{:.2f}"),
              ("phrases", "phrases", "{}"), ("late decodes", "late", "{}"),
              ("load average", "load", "{}")]
    print(f"{'':22}" + "".join(f"{option:>14}" for option, _ in rows))
    for label, key, form in fields:
        print(f"{label:22}" + "".join(f"{form.format(row.get(key, '-')):>14}"
                                      for _, row in rows))


def measure(server, wav: Path, args) -> None:
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    import assistant.ui.qt_guard  # noqa: F401
    from assistant.audio.live import LiveSource
    from assistant.conduct.pack import default_pack_path, load_pack
    from assistant.engine.assembly import build_recognisers
    from assistant.engine.pipeline import Pipeline
    from assistant.ground.events import CallAction, PromptRaised
    from assistant.overlay.state import OverlayState
    from assistant.speech.whisper import DELIVERY_S
    from assistant.ui.bridge import EventBridge
    from assistant.ui.overlay import OverlayWindow

    rss_start = resident_mb()
    app = QApplication.instance() or QApplication([])
    pack = load_pack(default_pack_path(args.lang))
    rss_before_model = resident_mb()
    recognisers, _ = build_recognisers(pack, model_path=None, mode=args.recogniser,
                                       has_caller=True, live=True)
    rss_with_model = resident_mb()
    decoders = [r.model for r in recognisers.values() if hasattr(r, "stats")]
    speed = [reference_decode(decoders[0], wav)] if decoders else []
    state = OverlayState(pack, lang="en")
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "o.ini"), QSettings.Format.IniFormat)
    window = OverlayWindow(state, settings=settings)
    bridge = EventBridge()
    window.attach(bridge)
    window.show()
    prompts = []
    latencies: list[float] = []
    kinds: list[str] = []
    ends: list[bool] = []
    bridge.event.connect(lambda e: prompts.append(e) if isinstance(e, PromptRaised) else None)

    def phrase_latency(event) -> None:
        """Audio time from the end of a phrase's words to the transcript that carried it;
        whether the phrase ends its segment (its last word within 0.5 s of the segment's)."""
        from assistant.ground.events import PhraseHit, Transcript

        if isinstance(event, Transcript):
            phrase_latency.last = event.t
            phrase_latency.end = event.words[-1].t1 if event.words else event.t
        elif isinstance(event, PhraseHit):
            latencies.append(phrase_latency.last - event.t)
            kinds.append(event.kind)
            ends.append(phrase_latency.end - event.t < 0.5)

    phrase_latency.last = phrase_latency.end = 0.0
    bridge_sinks = [bridge, phrase_latency]

    states: list[str] = []
    source = LiveSource("pulse", "pulse", agent_channel=0, caller_channel=1,
                        on_state=lambda change: states.append(change.kind.value))
    pipeline = Pipeline(pack, has_caller=True, recognisers=recognisers, sinks=bridge_sinks)
    pipeline.control(CallAction.START)

    def work() -> None:
        for block in source.blocks():
            pipeline.feed(block)

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    while "listening" not in states:
        app.processEvents()
        time.sleep(0.05)
    stop_playing = threading.Event()

    def player() -> None:
        while not stop_playing.is_set():
            server.play(wav).wait()

    threading.Thread(target=player, daemon=True).start()
    cpu0, wall0, load0 = time.process_time(), time.perf_counter(), os.getloadavg()[0]
    threads0 = thread_cpu()
    resident: list[tuple[float, float]] = []  # (wall s, MB): where the peak falls
    sampler = QTimer()
    sampler.timeout.connect(lambda: resident.append((time.perf_counter() - wall0, resident_mb())))
    sampler.start(250)
    QTimer.singleShot(int(args.seconds * 1000), app.quit)
    app.exec()
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    threads1 = thread_cpu()
    stop_playing.set()
    source.stop()
    worker.join(timeout=5)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if decoders:
        speed.append(reference_decode(decoders[0], wav))
    share = 100 * cpu / wall
    print(f"recogniser {args.recogniser}: {wall:.0f} s live, audio time {pipeline.now:.0f} s, "
          f"{len(prompts)} prompts on the overlay; load average {load0:.1f} at the start, "
          f"{os.getloadavg()[0]:.1f} at the end (2 cores)")
    print(f"machine: {machine()}" + (f"; CTranslate2 and oneDNN kept to {args.isa}"
                                      if args.isa else ""))
    if speed:
        print(f"  its speed: one reference decode (the call's first 3 s, fitted window) took "
              f"{speed[0]:.3f} CPU s before the run, {speed[1]:.3f} after (on a shared machine "
              f"runs differ by this before they differ by the app)")
    print(f"CPU: {share:.1f} % of one core, process CPU time (user+sys) over wall time (whole "
          f"process: capture, pipeline, UI) — target 10 %: {share / 10:.2f}× the target")
    spent = []  # (CPU s, of which in the kernel, name) of each thread over the run
    for tid, (name, cpu_s, kernel_s) in threads1.items():
        _, cpu_before, kernel_before = threads0.get(tid, (name, 0.0, 0.0))
        spent.append((cpu_s - cpu_before, kernel_s - kernel_before, name))
    spent.sort(reverse=True)
    print("  by thread (% of one core, of which in the kernel): " + ", ".join(
        f"{name} {100 * s / wall:.1f} ({100 * k / wall:.1f})" for s, k, name in spent
        if 100 * s / wall >= 0.1))
    rss_end = resident_mb()
    print(f"peak RSS: {peak:.0f} MB — target 350 MB: {peak / 350:.2f}× the target "
          f"(resident: {rss_start:.0f} MB at the start, {rss_before_model:.0f} MB before the "
          f"recogniser, {rss_with_model:.0f} MB with its model loaded, {rss_end:.0f} MB at "
          f"the end); scipy {'loaded' if 'scipy' in sys.modules else 'not loaded'}")
    if os.environ.get("RSS_TRACE"):
        print(" ".join(f"{t:.1f}:{mb:.0f}" for t, mb in resident if t < 15))
    if resident:
        tens = [max(mb for t, mb in resident if t < edge) for edge in range(10, int(wall) + 10, 10)
                if any(t < edge for t, _ in resident)]
        print("  resident over the call, highest in each 10 s (MB): "
              + " ".join(f"{mb:.0f}" for mb in tens))
    result = {"cpu": share, "speed": speed, "rss_start": rss_start, "rss_model": rss_with_model,
              "rss_end": rss_end, "rss_peak": peak,
              "load": f"{load0:.1f}–{os.getloadavg()[0]:.1f}"}
    whisper = [r for r in recognisers.values() if hasattr(r, "stats")]
    for rec in whisper:
        stats = rec.stats
        decode = sum(stats.decode_s)
        result.update(decode_cpu=100 * decode / wall, late=stats.late,
                      decodes=f"{len(stats.decode_s)} ({stats.previews})")
        per = np.percentile(stats.decode_s, [50, 95]) if stats.decode_s else (0.0, 0.0)
        print(f"whisper {rec.channel.value} ({rec.window} window, {stats.previews} decodes at a "
              f"pause): {stats.segments} segments, {stats.late} after their "
              f"delivery time; decoding {decode:.1f} CPU s for {pipeline.now:.0f} s of audio "
              f"(real-time factor {decode / max(pipeline.now, 1e-9):.3f}, "
              f"{100 * decode / wall:.1f} % of one core); CPU s per segment p50 {per[0]:.2f}, "
              f"p95 {per[1]:.2f}, {stats.full_window} decoded again in the full window")
        wall_p = np.percentile(stats.decode_wall_s, [50, 95]) if stats.decode_wall_s else (0, 0)
        print(f"  wall time per decode p50 {wall_p[0]:.2f} s, p95 {wall_p[1]:.2f} s (on time when "
              f"under the {DELIVERY_S} s a segment has: then a phrase that ends its segment is "
              f"prompted 1.3–1.4 s after its words)")
    if latencies:
        p50, p95 = np.percentile(latencies, [50, 95])
        print(f"phrase latency from the end of the words: p50 {p50:.2f} s, p95 {p95:.2f} s "
              f"({len(latencies)} phrases) — target p95 1.5 s: {p95 / 1.5:.2f}× the target "
              f"(inflated by the load average above on a shared machine)")
        last = [x for x, end in zip(latencies, ends) if end]
        if last:
            q50, q95 = np.percentile(last, [50, 95])
            print(f"  of which {len(last)} phrases end their segment: p50 {q50:.2f} s, p95 "
                  f"{q95:.2f} s; the others wait for the rest of their sentence")
        print("  " + ", ".join(f"{k} {x:.1f}{'' if e else '*'}"
                               for k, x, e in zip(kinds, latencies, ends)))
        result.update(p50=p50, p95=p95, phrases=len(latencies))
    print("RESULT " + json.dumps(result))


def reference_decode(model, wav: Path) -> float:
    """CPU seconds of one fitted-window decode of the call's first 3 s (the agent's side),
    the best of three: how fast the machine is now."""
    import wave

    from assistant.speech.whisper_decode import decode_segment

    with wave.open(str(wav)) as f:
        frames = f.readframes(3 * f.getframerate())
        channels = f.getnchannels()
    audio = np.frombuffer(frames, np.int16).reshape(-1, channels)[:, 0] / 32768.0
    best = float("inf")
    for _ in range(3):
        began = time.process_time()
        decode_segment(model, audio.astype(np.float32), "zh", window="fit", fallback=False)
        best = min(best, time.process_time() - began)
    return best


def thread_cpu() -> dict[int, tuple[str, float, float]]:
    """Each thread of this process now: its name, CPU seconds (user+sys) and of those the
    system's, from /proc (native threads too: CTranslate2's, PortAudio's, PulseAudio's,
    Qt's)."""
    tick = os.sysconf("SC_CLK_TCK")
    python = {t.native_id: t.name for t in threading.enumerate()}
    out = {}
    for task in Path("/proc/self/task").iterdir():
        try:
            stat = (task / "stat").read_text()
        except OSError:  # ended meanwhile
            continue
        name = stat[stat.index("(") + 1: stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        tid = int(task.name)
        user, system = int(fields[11]) / tick, int(fields[12]) / tick
        out[tid] = (python.get(tid, name), user + system, system)
    return out


def machine() -> str:
    """The CPU's model and the widest int8 instructions it has (CTranslate2's speed on one
    row of int8 weights depends on them: AVX-512 VNNI, AVX2, neither)."""
    try:
        lines = Path("/proc/cpuinfo").read_text().splitlines()
    except OSError:
        return "unknown CPU"
    name = next((line.split(":", 1)[1].strip() for line in lines
                 if line.startswith("model name")), "unknown CPU")
    flags = set(next((line.split(":", 1)[1].split() for line in lines
                      if line.startswith("flags")), []))
    widest = next((label for flag, label in (("avx512_vnni", "AVX-512 VNNI"),
                                              ("avx512f", "AVX-512"), ("avx2", "AVX2"),
                                              ("avx", "AVX")) if flag in flags), "no AVX")
    return f"{name}, {os.cpu_count()} cores, {widest}"


def resident_mb() -> float:
    """The process's resident memory now (MB), C++ allocations included. From ``statm``, a
    counter the kernel keeps: ``smaps_rollup`` walks the page tables, and read every 250 ms
    it cost ≈ 3 % of a core, counted in the app's CPU."""
    with open("/proc/self/statm", encoding="ascii") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


if __name__ == "__main__":
    main()
