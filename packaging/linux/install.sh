#!/usr/bin/env bash
# Installs the one-folder bundle (dist/assistant, from packaging/build-bundle.sh) as a desktop
# program: the bundle, an `assistant` command, the desktop entry and the icon at the XDG places.
#
#   packaging/linux/install.sh [--system] [--autostart] [--uninstall] [BUNDLE_DIR]
#
# Default: for this user (~/.local/opt, ~/.local/bin, ~/.local/share). --system (as root): for
# everyone (/opt, /usr/local/bin, /usr/local/share). --autostart: start with the desktop session.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
BUNDLE="$HERE/../../dist/assistant"
SCOPE=user AUTOSTART=0 UNINSTALL=0
for arg in "$@"; do
  case "$arg" in
    --system) SCOPE=system ;;
    --autostart) AUTOSTART=1 ;;
    --uninstall) UNINSTALL=1 ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) BUNDLE="$arg" ;;
  esac
done

if [ "$SCOPE" = system ]; then
  PREFIX=/opt/etiquette-assistant BIN=/usr/local/bin DATA=/usr/local/share
  AUTOSTART_DIR=/etc/xdg/autostart
else
  PREFIX="$HOME/.local/opt/etiquette-assistant"
  BIN="$HOME/.local/bin" DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
  AUTOSTART_DIR="${XDG_CONFIG_HOME:-$HOME/.config}/autostart"
fi
APPS="$DATA/applications" ICONS="$DATA/icons/hicolor"
NAME=etiquette-assistant

if [ "$UNINSTALL" = 1 ]; then
  rm -rf "$PREFIX"
  rm -f "$BIN/assistant" "$APPS/$NAME.desktop" "$AUTOSTART_DIR/$NAME.desktop" \
        "$ICONS/scalable/apps/$NAME.svg" "$ICONS"/{48x48,128x128,256x256}/apps/"$NAME.png"
  echo "removed the assistant from $PREFIX"
  exit 0
fi

if [ ! -x "$BUNDLE/assistant" ]; then
  echo "no bundle at $BUNDLE: build it first with packaging/build-bundle.sh" >&2
  exit 2
fi
RES="$BUNDLE/_internal/assistant/_resources/icons"

rm -rf "$PREFIX.new"
mkdir -p "$(dirname "$PREFIX")"
cp -a "$BUNDLE" "$PREFIX.new"
rm -rf "$PREFIX" && mv "$PREFIX.new" "$PREFIX"
mkdir -p "$BIN" "$APPS"
ln -sfn "$PREFIX/assistant" "$BIN/assistant"

install -Dm644 "$RES/assistant.svg" "$ICONS/scalable/apps/$NAME.svg"
for size in 48 128 256; do
  install -Dm644 "$RES/assistant-$size.png" "$ICONS/${size}x${size}/apps/$NAME.png"
done
# Exec with the full path: ~/.local/bin is not on every desktop session's PATH
sed "s|^Exec=.*|Exec=$PREFIX/assistant|" "$HERE/$NAME.desktop" > "$APPS/$NAME.desktop"
chmod 644 "$APPS/$NAME.desktop"
if [ "$AUTOSTART" = 1 ]; then
  mkdir -p "$AUTOSTART_DIR"
  cp "$APPS/$NAME.desktop" "$AUTOSTART_DIR/$NAME.desktop"
fi
command -v update-desktop-database >/dev/null && update-desktop-database -q "$APPS" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$ICONS" || true

echo "installed to $PREFIX; command: $BIN/assistant; menu entry: $APPS/$NAME.desktop"
# What the bundle does not carry: the desktop's audio server and fonts.
if command -v fc-list >/dev/null && [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then
  echo "note: no Chinese font found; install one (e.g. fonts-wqy-microhei or fonts-noto-cjk)" >&2
fi
