#!/usr/bin/env bash
# Builds the one-folder bundle dist/assistant/ with PyInstaller (Linux; Windows: build.ps1).
# Needs the package installed with the bundle extra (`pip install -e ".[bundle]"`) and, on the
# build machine, libportaudio2 (the bundle carries its own copy of it).
# Prints the bundle's size and the build time.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"

if ! "$PYTHON" -c "import PyInstaller" 2>/dev/null; then
  "$PYTHON" -m pip install --quiet --disable-pip-version-check -e ".[bundle]"
fi
start=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
  --workpath build/pyinstaller --distpath dist packaging/assistant.spec
seconds=$(( $(date +%s) - start ))
echo "bundle: dist/assistant ($(du -sh dist/assistant | cut -f1), $(find dist/assistant -type f | wc -l) files) built in ${seconds}s"
