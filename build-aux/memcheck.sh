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

# Reports go to files, not stderr: some tests read the stderr of the
# program they run (which is traced too).
log_dir="$build_dir/meson-logs/valgrind"
rm -rf "$log_dir"
mkdir -p "$log_dir"

wrapper="valgrind --tool=memcheck --leak-check=full --errors-for-leak-kinds=definite \
--show-leak-kinds=definite --error-exitcode=1 --num-callers=30 \
--trace-children=yes --child-silent-after-fork=yes \
--suppressions=$top/build-aux/memcheck.supp --gen-suppressions=all --log-file=$log_dir/%p.log"

no_slow=(--no-suite slow)
[ "${MEMCHECK_ALL:-0}" = 1 ] && no_slow=()

meson test -C "$build_dir" --suite core "${no_slow[@]}" --wrapper "$wrapper" \
  --timeout-multiplier 20 --num-processes 2 --print-errorlogs "$@"
status=$?

dirty=$(grep -L "ERROR SUMMARY: 0 errors" "$log_dir"/*.log 2>/dev/null)
processes=$(ls "$log_dir" | wc -l)
if [ $status -eq 0 ] && [ -z "$dirty" ]; then
  echo "memcheck: clean (processes checked: $processes; no definite leaks, no invalid reads or writes)"
else
  for f in $dirty; do echo "== $f"; grep -E "^==[0-9]+== +(at|by|Invalid|Conditional|[0-9,]+ bytes)" "$f" | head -40; done
  echo "memcheck: NOT clean; see $build_dir/meson-logs/testlog-valgrind.txt and $log_dir"
  status=1
fi
exit $status
