#!/usr/bin/env bash
# build-aux/setup-build.sh — shared by run.sh and test.sh: install what is
# missing, then configure and build into ./build (or $BUILD_DIR).
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-$top/build}

"$top/build-aux/install-deps.sh"

if [ -f "$build_dir/build.ninja" ]; then
  meson setup --reconfigure "$build_dir" "$top" ${MESON_ARGS:-} >/dev/null
else
  meson setup "$build_dir" "$top" ${MESON_ARGS:-}
fi
ninja -C "$build_dir"
