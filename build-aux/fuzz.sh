#!/usr/bin/env bash
# build-aux/fuzz.sh [SECONDS] [TARGET...] — build the libFuzzer targets of
# tests/fuzz with clang, AddressSanitizer and UBSan in build-fuzz/, then run
# each for SECONDS (default 60), one after the other.
#
# New inputs that raise coverage are kept in build-fuzz/corpus/<target>/
# (the seeds in tests/fuzz/corpus/<target>/ are read, never written). A crash
# leaves build-fuzz/crash-<target>-*; after fixing it, copy the input to
# tests/fuzz/regressions/<target>/ so the normal suite replays it.
# Environment: FUZZ_JOBS (parallel targets, default 1), BUILD_DIR.
set -uo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${1:-60}
shift || true
build_dir=${BUILD_DIR:-$top/build-fuzz}
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=()
  for f in "$top"/tests/fuzz/fuzz-*.c; do
    t=$(basename "$f" .c)
    targets+=("${t#fuzz-}")
  done
fi

if [ ! -f "$build_dir/build.ninja" ]; then
  CC=clang meson setup "$build_dir" "$top" \
    -Dfuzzing=true \
    -Db_sanitize=address,undefined \
    -Db_lundef=false \
    -Dbuildtype=debugoptimized \
    -Dc_args='-fsanitize=fuzzer-no-link -fno-sanitize-recover=undefined -fno-omit-frame-pointer' \
    || exit 1
fi
ninja -C "$build_dir" $(printf 'tests/fuzz/fuzz-%s ' "${targets[@]}") || exit 1

export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export G_DEBUG=fatal-criticals
export GSETTINGS_BACKEND=memory

status=0
run_target () {
  local t=$1 corpus="$build_dir/corpus/$1" log="$build_dir/fuzz-$1.log"
  mkdir -p "$corpus"
  echo "fuzz-$t: ${seconds}s, log in $log"
  "$build_dir/tests/fuzz/fuzz-$t" "$corpus" "$top/tests/fuzz/corpus/$t" \
    -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$build_dir/crash-$t-" >"$log" 2>&1
  local rc=$?
  local runs
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
  if [ $rc -eq 0 ]; then
    echo "fuzz-$t: clean, ${runs:-?} runs in ${seconds}s"
  else
    echo "fuzz-$t: FAILED (exit $rc), see $log and $build_dir/crash-$t-*"
  fi
  return $rc
}

jobs_max=${FUZZ_JOBS:-1}
pids=()
for t in "${targets[@]}"; do
  run_target "$t" &
  pids+=($!)
  while [ "$(jobs -rp | wc -l)" -ge "$jobs_max" ]; do wait -n || status=1; done
done
for p in "${pids[@]}"; do wait "$p" 2>/dev/null || status=1; done
exit $status
