#!/usr/bin/env bash
# tests/check-layers.sh SOURCE_ROOT — fails when an import points up the
# layers of DESIGN.md: a page that runs SQL itself, a store that includes
# what sits above it, or a core that knows the command line or GTK.
set -uo pipefail

top=$1
status=0

fail () {
  echo "$1" >&2
  status=1
}

cd "$top"
for file in src/app/*.c src/app/*.h; do
  while IFS= read -r hit; do
    fail "$file:$hit: the app runs no SQL; expected a call to a core function (through DtDataService where it can be slow)"
  done < <(grep -n -E '#include *<sqlite3\.h>|\bdt_store_prepare *\(|\bdt_store_exec *\(|\bsqlite3_[a-z_0-9]+ *\(' "$file" | cut -d: -f1-2 | sed 's/:.*//')
done

# The store sits at the bottom of the core: it includes only itself.
for file in src/core/dt-store.c src/core/dt-store.h src/core/dt-schema.c src/core/dt-schema.h; do
  while IFS=: read -r line include; do
    case "$include" in
      *'"config.h"'*|*'"dt-store.h"'*|*'"dt-schema.h"'*|*'"dt-error.h"'*|*'<'*) ;;
      *) fail "$file:$line: includes $include; expected the store to include nothing above it" ;;
    esac
  done < <(grep -n '^#include' "$file")
done

# The core calls neither the command line nor GTK.
while IFS=: read -r file line text; do
  fail "$file:$line: $text; expected the core to know neither the command line nor GTK"
done < <(grep -n -E '#include *["<](dt-command-line\.h|gtk/gtk\.h|adwaita\.h)|\bDtCommandLine\b' src/core/*.c src/core/*.h)

exit $status
