#!/usr/bin/env bash
# tests/check-po.sh SOURCE_ROOT — fails when po/digital-trade.pot is out of
# date with the sources, or when po/zh_CN.po has untranslated or fuzzy entries.
# To update: ninja -C build digital-trade-pot digital-trade-update-po
set -euo pipefail

top=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cd "$top"
xgettext --package-name=digital-trade --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 \
  --files-from=po/POTFILES.in --directory="$top" --output="$tmp/fresh.pot" 2>"$tmp/xgettext.log" || {
  cat "$tmp/xgettext.log"; exit 1; }
# A format macro such as G_GINT64_FORMAT inside _() cannot be translated.
if grep -q 'warning' "$tmp/xgettext.log"; then
  cat "$tmp/xgettext.log"; exit 1
fi

ids() { msgcat --no-wrap --sort-output "$1" | grep -E '^msg(ctxt|id|id_plural) ' ; }
if ! diff <(ids "$tmp/fresh.pot") <(ids po/digital-trade.pot) >"$tmp/diff"; then
  echo "po/digital-trade.pot is out of date with the sources ('<' new in the sources, '>' gone):"
  cat "$tmp/diff"
  exit 1
fi

msgmerge --quiet --no-fuzzy-matching "po/zh_CN.po" "$tmp/fresh.pot" -o "$tmp/merged.po"
stats=$(msgfmt --check --statistics -o /dev/null "$tmp/merged.po" 2>&1)
echo "zh_CN: $stats"
case "$stats" in
  *untranslated*|*fuzzy*)
    echo "po/zh_CN.po is incomplete; untranslated or fuzzy entries:"
    msgattrib --untranslated --only-fuzzy --no-wrap "$tmp/merged.po" 2>/dev/null | grep '^msgid' | head -50
    msgattrib --untranslated --no-wrap "$tmp/merged.po" | grep '^msgid' | head -50
    exit 1 ;;
esac
