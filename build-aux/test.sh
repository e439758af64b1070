#!/usr/bin/env bash
# build-aux/test.sh — install what is missing, build, run every test under
# Xvfb with a D-Bus session, and end with "N passed, N failed".
# Extra arguments go to `meson test` (e.g. --suite core).
set -uo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-$top/build}

"$top/build-aux/setup-build.sh" || { echo "0 passed, 1 failed"; exit 1; }

xvfb-run -a -s "-screen 0 1280x1024x24" \
  dbus-run-session -- \
  meson test -C "$build_dir" --print-errorlogs --num-processes 2 "$@"
status=$?

# Count the single test cases (the TAP lines of each test program), not just
# the programs.
python3 - "$build_dir/meson-logs/testlog.json" <<'PY'
import json, re, sys
passed = failed = 0
for line in open(sys.argv[1], encoding="utf-8"):
    test = json.loads(line)
    results = re.findall(r"^(ok|not ok) \d+", test.get("stdout") or "", re.M)
    if results:
        passed += results.count("ok")
        failed += results.count("not ok")
        if test["result"] not in ("OK", "SKIP", "EXPECTEDFAIL") and results.count("not ok") == 0:
            failed += 1  # crashed or timed out after its last ok
    elif test["result"] in ("OK", "EXPECTEDFAIL"):
        passed += 1
    elif test["result"] != "SKIP":
        failed += 1
print(f"{passed} passed, {failed} failed")
PY
exit $status
