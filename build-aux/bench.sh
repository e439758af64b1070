#!/bin/bash
# build-aux/bench.sh — enterprise list benchmark (a script, not a timed test)
#
#   build-aux/bench.sh [N ...]        default: 10000 100000 1000000
#
# For each N it generates N synthetic listing rows (once; reused from
# $BENCH_DIR, default /tmp/dt-bench) and prints a markdown table comparing,
# in the same run: per-keystroke filter latency through DtEnterpriseQuery
# (the page's code) with the same SQL in the sqlite3 command line; the full
# export with `sqlite3 -csv`; the import of the generated CSV with
# `sqlite3 .import`; and, for the largest N, start-up to the first frame
# showing rows with a bare libadwaita window, and peak RSS.
# BENCH_ONLY=prepare stops after generating and importing; BENCH_ONLY=window
# measures only the window figures (and the export's RSS).
# DT_WINDOW_BENCH_PHASES=1 adds, on stderr, where the window's time went:
# layout, paint, and the CPU time of the main thread and of the process.
set -euo pipefail

SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$SRC/build}
WORK=${BENCH_DIR:-/tmp/dt-bench}
APP=$BUILD/src/digital-trade
BENCH=$BUILD/tests/bench-enterprise
BARE=$BUILD/tests/bench-bare-window
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(10000 100000 1000000)

for tool in sqlite3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench.sh: $tool is needed (apt install sqlite3 time)" >&2; exit 1; }
done
[ -x "$APP" ] && [ -x "$BENCH" ] || ninja -C "$BUILD" >/dev/null
mkdir -p "$WORK"

now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc -l | xargs printf '%.2f'; }
ratio() { echo "$1 / $2" | bc -l | xargs printf '%.2f'; }

# median and p95 of "Run Time: real X" pairs (count + first page per keystroke), in ms
cli_latency() {
  grep -o 'real [0-9.]*' | awk '{ v = $2 * 1000; if (NR % 2) a = v; else print a + v }' | sort -n |
    awk '{ k[NR] = $1 } END { printf "%.2f %.2f\n", k[int(NR / 2) + 1], k[int(NR * 0.95 + 0.999)] }'
}

echo "| N | figure | Digital Trade | compared with | ratio |"
echo "|---|---|---|---|---|"

for N in "${SIZES[@]}"; do
  csv=$WORK/enterprises-$N.csv
  db=$WORK/app-$N.db
  [ -s "$csv" ] || "$BENCH" generate "$N" "$csv"

  # Import: through the app's --import when it reads CSV, else through the
  # same core code (DtCsvReader + DtDatasetImport) driven by the bench program.
  if [ ! -s "$WORK/import-$N.txt" ]; then
    rm -f "$db" "$db-wal" "$db-shm"
    t=$(now)
    if /usr/bin/time -f "%M" -o "$WORK/import-rss-$N.txt" "$APP" --database="$db" --import="$csv" --kind=enterprises >/dev/null 2>&1; then
      echo "$(since "$t") app --import" > "$WORK/import-$N.txt"
    else
      rm -f "$db" "$db-wal" "$db-shm"
      "$APP" --database="$db" --export=enterprises --output="$WORK/empty.csv"  # creates it with the samples
      t=$(now)
      "$BENCH" load "$db" "$csv" >/dev/null
      echo "$(since "$t") DtCsvReader+DtDatasetImport" > "$WORK/import-$N.txt"
    fi
    plain=$WORK/plain-$N.db
    rm -f "$plain"
    t=$(now)
    sqlite3 "$plain" ".import --csv $csv listings"
    echo "$(since "$t")" > "$WORK/sqlite-import-$N.txt"
    rm -f "$plain"
  fi
  [ "${BENCH_ONLY:-}" = prepare ] || [ "${BENCH_ONLY:-}" = window ] && continue

  read -r imp how < "$WORK/import-$N.txt"
  sqlimp=$(cat "$WORK/sqlite-import-$N.txt")

  # Keystrokes: one warm-up pass, then two measured ones, on both sides.
  "$BENCH" latency "$db" "$WORK/keys-$N.sql" > "$WORK/latency-$N.txt" 2> "$WORK/latency-$N.log"
  lat=$(grep '^keystroke' "$WORK/latency-$N.txt")
  facets=$(grep '^facets' "$WORK/latency-$N.txt")
  cnt=$(grep '^count' "$WORK/latency-$N.txt" | sed 's/.*median_ms=\([0-9.]*\).*p95_ms=\([0-9.]*\).*/\1 \/ \2/')
  page=$(grep '^first-page' "$WORK/latency-$N.txt" | sed 's/.*median_ms=\([0-9.]*\).*p95_ms=\([0-9.]*\).*/\1 \/ \2/')
  med=$(echo "$lat" | sed 's/.*median_ms=\([0-9.]*\).*/\1/')
  p95=$(echo "$lat" | sed 's/.*p95_ms=\([0-9.]*\).*/\1/')
  fmed=$(echo "$facets" | sed 's/.*median_ms=\([0-9.]*\).*/\1/')
  fp95=$(echo "$facets" | sed 's/.*p95_ms=\([0-9.]*\).*/\1/')
  # The CLI's first pass warms the cache too; only the last two count.
  { echo ".timer off"; grep -v '^\.timer' "$WORK/keys-$N.sql"; } | sqlite3 "$db" >/dev/null
  read -r cmed cp95 < <( { echo ".timer on"; for i in 1 2; do grep -v '^\.timer' "$WORK/keys-$N.sql"; done; } |
                        sqlite3 "$db" | cli_latency)

  # Export: the command line against sqlite3 -csv with the same SQL.
  t=$(now)
  "$APP" --database="$db" --export=enterprises --header=keys --no-bom --output="$WORK/export-$N.csv"
  exp=$(since "$t")
  sql=$("$BENCH" export-sql "$db")
  t=$(now)
  sqlite3 -csv "$db" "$sql" > "$WORK/sqlite-export-$N.csv"
  sexp=$(since "$t")
  rows=$(($(wc -l < "$WORK/sqlite-export-$N.csv")))

  echo "| $N | keystroke latency, median / p95 (count + first 200 rows) | ${med} / ${p95} ms | sqlite3 CLI, same SQL: ${cmed} / ${cp95} ms | p95 $(ratio "$p95" "$cp95")× |"
  echo "| $N | … of which: count; first page (median / p95) | ${cnt} ms; ${page} ms | — | — |"
  echo "| $N | facets + charts after a keystroke, off the main thread, median / p95 | ${fmed} / ${fp95} ms | — | — |"
  echo "| $N | full export ($rows rows) | ${exp} s | sqlite3 -csv: ${sexp} s | $(ratio "$exp" "$sexp")× |"
  # The same session through the in-memory facet index (the page's summary once it is built).
  "$BENCH" index-latency "$db" > "$WORK/index-$N.txt" 2> "$WORK/index-$N.log"
  ibuild=$(sed -n 's/^index build_s=\([0-9.]*\) memory_mb=\([0-9.]*\).*/\1 s, \2 MB/p' "$WORK/index-$N.txt")
  icount=$(sed -n 's/^index-count median_ms=\([0-9.]*\) p95_ms=\([0-9.]*\).*/\1 \/ \2/p' "$WORK/index-$N.txt")
  ifacets=$(sed -n 's/^index-facets+charts median_ms=\([0-9.]*\) p95_ms=\([0-9.]*\).*/\1 \/ \2/p' "$WORK/index-$N.txt")
  echo "| $N | facet index: build (background) and memory | ${ibuild} | — | — |"
  echo "| $N | facet index: count per keystroke, median / p95 | ${icount} ms | goal p95 ≤ 16 ms | — |"
  echo "| $N | facet index: facets + charts, median / p95 | ${ifacets} ms | goal p95 ≤ 50 ms | — |"
  elig=$("$BENCH" eligibility "$db")
  efirst=$(echo "$elig" | sed -n 's/^eligibility-first-page median_ms=\([0-9.]*\) p95_ms=\([0-9.]*\).*/\1 \/ \2/p')
  ecount=$(echo "$elig" | sed -n 's/^eligibility-counts median_ms=\([0-9.]*\) p95_ms=\([0-9.]*\).*/\1 \/ \2/p')
  echo "| $N | selecting a measure: first 50 qualifying enterprises, median / p95 of 36 (off the main thread) | ${efirst} ms | goal ≤ 100 ms | — |"
  echo "| $N | … and the verdict counts of the whole list, median / p95 | ${ecount} ms | — | — |"
  echo "| $N | import of the generated CSV into a new database ($how) | ${imp} s | sqlite3 .import: ${sqlimp} s | $(ratio "$imp" "$sqlimp")× (goal ≤ 3×) |"
  [ -s "$WORK/import-rss-$N.txt" ] &&
    echo "| $N | … its peak RSS | $(( $(tail -1 "$WORK/import-rss-$N.txt") / 1024 )) MB | — | goal ≤ 150 MB |"
done

[ "${BENCH_ONLY:-}" = prepare ] && exit 0

# The window itself, for each N from 10^5: start to the first frame that
# shows rows against a bare libadwaita window (median of 3; each program
# prints the time from its launch, DT_LAUNCHED_NS, to that frame, so the
# time it takes to quit is not counted), then the
# interactions DT_WINDOW_BENCH drives in the real window (src/app/
# dt-window-bench.c: keystrokes, a facet, scrolling, selecting the 36
# measures), each until the frame that shows its result, and peak RSS.
window_figures() {
  local N=$1 db=$WORK/window-$1.db
  cp "$WORK/app-$1.db" "$db"; rm -f "$db-wal" "$db-shm" "$db.lock"
  GSETTINGS_SCHEMA_DIR=$BUILD/data GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1 \
    xvfb-run -a -s "-screen 0 1400x900x24" dbus-run-session -- bash -c '
      for i in 1 2 3; do
        /usr/bin/time -f "app-rss %M" env DT_QUIT_AFTER_ROWS_SHOWN=1 DT_LAUNCHED_NS=$(date +%s%N) "$1" --database="$2" --page=enterprises 2>>"$3/time.log" | sed -n "s/^first-frame/app/p"
        /usr/bin/time -f "bare-rss %M" env DT_LAUNCHED_NS=$(date +%s%N) "$4" 2>>"$3/time.log" | sed -n "s/^first-frame/bare/p"
      done
      /usr/bin/time -f "session %e %M" env DT_WINDOW_BENCH=1 DT_WINDOW_BENCH_PHASES=1 "$1" --database="$2" 2>>"$3/time.log" | grep "^window-"
      cat "$3/time.log"; rm -f "$3/time.log"' _ "$APP" "$db" "$WORK" "$BARE" 2>&1 | grep -E '^(app|bare|app-rss|bare-rss|session|window-) ?'
  rm -f "$db" "$db-wal" "$db-shm" "$db.lock"
}

field() { echo "$1" | sed -n "s/^$2 .*median_ms=\([0-9.]*\) p95_ms=\([0-9.]*\).*/\1 \/ \2/p"; }

if [ -z "${BENCH_NO_WINDOW:-}" ] && command -v xvfb-run >/dev/null; then
  for N in "${SIZES[@]}"; do
    [ "$N" -ge 100000 ] || continue
    out=$(window_figures "$N")
    # Where the time went (layout, paint, CPU), kept beside the table.
    echo "$out" | grep 'total_ms=' > "$WORK/window-phases-$N.txt" || true
    app_t=$(echo "$out" | awk '$1 == "app" { print $2 }' | sort -n | sed -n 2p)
    bare_t=$(echo "$out" | awk '$1 == "bare" { print $2 }' | sort -n | sed -n 2p)
    app_rss=$(echo "$out" | awk '$1 == "app-rss" { if ($2 > m) m = $2 } $1 == "session" { if ($3 > m) m = $3 } END { printf "%.0f", m / 1024 }')
    bare_rss=$(echo "$out" | awk '$1 == "bare-rss" { if ($2 > m) m = $2 } END { printf "%.0f", m / 1024 }')
    index_ms=$(echo "$out" | sed -n 's/^window-index-ready ms=//p')
    echo "| $N | window: start to first frame with rows (median of 3, Xvfb) | ${app_t} s | bare libadwaita window: ${bare_t} s | $(ratio "$app_t" "$bare_t")× (goal ≤ 1.5×) |"
    echo "| $N | window: facet index built in the background, after the first frame | ${index_ms} ms | — | — |"
    echo "| $N | window: keystroke to the frame with the new count and rows, median / p95 | $(field "$out" window-keystroke) ms | goal ≤ 16 ms | — |"
    echo "| $N | window: ticking a city facet to the frame with counts, charts and rows, median / p95 | $(field "$out" window-facet) ms | goal ≤ 50 ms | — |"
    echo "| $N | window: selecting a measure to its qualifying enterprises shown, median / p95 | $(field "$out" window-select-measure) ms | goal ≤ 100 ms | — |"
    echo "| $N | window: scrolling, jump to the end then page up, per page, median / p95 | $(field "$out" window-scroll-page) ms | goal ≤ 50 ms | — |"
    echo "| $N | window: peak RSS (start-up runs and the session) | ${app_rss} MB | bare window: ${bare_rss} MB | goal ≤ bare + 100 MB |"
  done
fi
N=${SIZES[${#SIZES[@]}-1]}
db=$WORK/app-$N.db
exp_rss=$( { /usr/bin/time -f "%M" "$APP" --database="$db" --export=enterprises --output="$WORK/rss.csv"; } 2>&1 | tail -1)
echo "| $N | peak RSS of --export | $((exp_rss / 1024)) MB | — | — |"
