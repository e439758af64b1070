#!/usr/bin/env bash
# build-aux/screenshots.sh — render every page of the real window, in English
# and Chinese, into docs/screenshots/ (shown in README.md). Needs a build.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-$top/build}
out="$top/docs/screenshots"
db=$(mktemp -d)/screenshots.db
mkdir -p "$out"

export GSETTINGS_SCHEMA_DIR="$build_dir/data" GSETTINGS_BACKEND=memory
for lang in en zh_CN; do
  locale=en_US.UTF-8
  [ "$lang" = zh_CN ] && locale=zh_CN.UTF-8
  for page in overview index enterprises measures; do
    LANGUAGE=$lang LANG=$locale xvfb-run -a -s "-screen 0 1400x1000x24" \
      "$build_dir/src/digital-trade" --database="$db" \
      --screenshot="$out/$page-$lang.png" --page="$page" 2>/dev/null
    echo "$out/$page-$lang.png"
  done
done
rm -rf "$(dirname "$db")"
