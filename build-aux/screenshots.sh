#!/usr/bin/env bash
# build-aux/screenshots.sh — render every page of the real window with the
# sample data into docs/screenshots/ (shown in README.md): in English and
# Chinese, light and dark, at 1400×900 and 1024×700. Needs a build.
# Names: PAGE-LANG-THEME-WIDTH.png, e.g. overview-zh_CN-dark-1024.png.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-$top/build}
out="$top/docs/screenshots"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/screenshots.db"
mkdir -p "$out"

# The window takes its size from GSettings; a key file per size sets it
# without touching the user's settings.
export GSETTINGS_SCHEMA_DIR="$build_dir/data" GSETTINGS_BACKEND=keyfile NO_AT_BRIDGE=1
for size in 1400x900 1024x700; do
  width=${size%x*} height=${size#*x}
  export XDG_CONFIG_HOME="$work/config-$width"
  mkdir -p "$XDG_CONFIG_HOME/glib-2.0/settings"
  printf '[com/example/DigitalTrade]\nwindow-width=%s\nwindow-height=%s\n' "$width" "$height" \
    > "$XDG_CONFIG_HOME/glib-2.0/settings/keyfile"
  for lang in en zh_CN; do
    locale=en_US.UTF-8
    [ "$lang" = zh_CN ] && locale=zh_CN.UTF-8
    for theme in light dark; do
      scheme=default
      [ "$theme" = dark ] && scheme=prefer-dark
      for page in ${PAGES:-overview index index-change enterprises measures}; do
        file="$out/$page-$lang-$theme-$width.png"
        LANGUAGE=$lang LANG=$locale ADW_DEBUG_COLOR_SCHEME=$scheme \
          xvfb-run -a -s "-screen 0 ${width}x${height}x24" dbus-run-session -- \
          "$build_dir/src/digital-trade" --database="$db" \
          --screenshot="$file" --page="$page" 2>/dev/null
        echo "$file"
      done
    done
  done
done
