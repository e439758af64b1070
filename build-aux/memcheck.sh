#!/usr/bin/env bash
# build-aux/memcheck.sh — run the core tests under valgrind memcheck and
# say whether they are clean: no definite leaks, no invalid reads or
# writes, no use of uninitialised memory. Extra arguments go to meson test
# (e.g. a test name). The SIGKILL test (suite 'slow') is left out unless
# MEMCHECK_ALL=1: it mostly runs the real program, not itself.
set -uo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-$top/build}

command -v valgrind >/dev/null || { echo "memcheck: valgrind is not installed"; exit 1; }
"$top/build-aux/setup-build.sh" >/dev/null || { echo "memcheck: build failed"; exit 1; }

# GLib's slice allocator and its lazily made type data look like leaks or
# invalid reads to valgrind without these.
export G_SLICE=always-malloc
export G_DEBUG=gc-friendly

wrapper="valgrind --tool=memcheck --leak-check=full --errors-for-leak-kinds=definite \
--show-leak-kinds=definite --error-exitcode=1 --num-callers=30 \
--trace-children=yes --child-silent-after-fork=yes \
--gen-suppressions=all"

no_slow=(--no-suite slow)
[ "${MEMCHECK_ALL:-0}" = 1 ] && no_slow=()

meson test -C "$build_dir" --suite core "${no_slow[@]}" --wrapper "$wrapper" \
  --timeout-multiplier 20 --num-processes 2 --print-errorlogs "$@"
status=$?

if [ $status -eq 0 ]; then
  echo "memcheck: clean (core tests, no definite leaks, no invalid reads or writes)"
else
  echo "memcheck: NOT clean; see $build_dir/meson-logs/testlog-valgrind.txt"
fi
exit $status
