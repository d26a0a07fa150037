#!/bin/sh
# Install HITL Labeler for the current user: no root, no internet. Run it from the unpacked
# folder:   ./install.sh            (install or update)
#           ./install.sh --remove   (remove the program; projects and user data stay)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
prefix=${HITL_LABELER_PREFIX:-$HOME/.local/opt/hitl-labeler}
apps=${XDG_DATA_HOME:-$HOME/.local/share}/applications
icons=${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor/256x256/apps
bin=$HOME/.local/bin

if [ "${1:-}" = "--remove" ]; then
  rm -rf "$prefix" "$apps/hitl-labeler.desktop" "$icons/hitl-labeler.png"
  [ -L "$bin/hitl-labeler" ] && rm -f "$bin/hitl-labeler"
  echo "HITL Labeler removed. Projects and your data folder were not touched."
  exit 0
fi

if [ "$here" != "$prefix" ]; then
  rm -rf "$prefix.new"
  mkdir -p "$(dirname "$prefix")"
  cp -a "$here" "$prefix.new"
  rm -rf "$prefix"
  mv "$prefix.new" "$prefix"
fi
mkdir -p "$apps" "$icons" "$bin"
sed "s|@EXEC@|$prefix/hitl-labeler|" "$prefix/hitl-labeler.desktop" > "$apps/hitl-labeler.desktop"
cp "$prefix/hitl-labeler.png" "$icons/hitl-labeler.png"
ln -sf "$prefix/hitl-labeler" "$bin/hitl-labeler"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$apps" || true
echo "HITL Labeler installed in $prefix"
echo "Start it from the applications menu, or run: $bin/hitl-labeler"
echo "Check it works: $prefix/hitl-labeler --self-test"
