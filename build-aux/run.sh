#!/usr/bin/env bash
# build-aux/run.sh — install what is missing, build, and start Digital Trade
# on its default database. Extra arguments go to the app (e.g. --page=index).
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-$top/build}

"$top/build-aux/setup-build.sh"

# Use the schema compiled in the build tree, so nothing needs installing.
export GSETTINGS_SCHEMA_DIR="$build_dir/data"
exec "$build_dir/src/digital-trade" "$@"
