"""CPU share of capturing the caller: by loopback (soundcard) versus through PortAudio.

    python3 bench/caller_capture.py [--seconds 20]

Starts a private PulseAudio server with two null sinks (the agent's "microphone" and the
softphone's output), plays noise into the softphone's sink, and runs ``LiveSource`` for
``--seconds`` in a child process twice: caller by loopback of ``Monitor of Softphone``
(soundcard, with its once-a-second device check), then caller through PortAudio's
``pulse`` device reading the same monitor. The agent is PortAudio both times. Prints each
run's CPU time per second of wall time (share of one core) and the blocks it delivered.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.integration.pulse import pulse_server

CHILD = r"""
import json, os, sys, time
sys.path.insert(0, sys.argv[3])
from assistant.audio.live import LiveSource
seconds, caller = float(sys.argv[1]), sys.argv[2]
source = LiveSource("pulse", caller, caller_channel=0)
started, cpu0, n = time.monotonic(), time.process_time(), 0
for block in source.blocks():
    n += 1
    if time.monotonic() - started >= seconds:
        source.stop()
wall, cpu = time.monotonic() - started, time.process_time() - cpu0
print(json.dumps({"cpu_share": cpu / wall, "blocks": n, "wall_s": wall}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, pulse_server(Path(tmp), sink="agentsink") as pa:
        pa.pactl("load-module", "module-null-sink", "sink_name=softphone", "rate=16000",
                 "channels=2", "sink_properties=device.description=Softphone")
        noise = Path(tmp) / "noise.wav"
        subprocess.run(["sox", "-n", "-r", "16000", "-c", "2", str(noise), "synth",
                        str(args.seconds + 10), "pinknoise", "vol", "0.1"], check=True)
        player = subprocess.Popen(["paplay", "--device=softphone", str(noise)], env=pa.env)
        script = Path(tmp) / "child.py"  # a file: soundcard names itself after argv
        script.write_text(CHILD)
        try:
            for label, caller, env in (
                ("loopback (soundcard)", "Monitor of Softphone", {}),
                ("PortAudio pulse", "pulse", {"PULSE_SOURCE": "softphone.monitor"}),
            ):
                out = subprocess.run(
                    [sys.executable, str(script), str(args.seconds), caller, str(ROOT)],
                    env={**pa.env, "PULSE_SOURCE": "agentsink.monitor", **env},
                    capture_output=True, text=True, check=True).stdout
                result = json.loads(out.strip().splitlines()[-1])
                print(f"caller via {label:22s}: {100 * result['cpu_share']:5.2f} % of one core, "
                      f"{result['blocks']} blocks in {result['wall_s']:.1f} s")
        finally:
            player.kill()
            player.wait()


if __name__ == "__main__":
    main()
