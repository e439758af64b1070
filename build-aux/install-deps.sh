#!/usr/bin/env bash
# build-aux/install-deps.sh — install the Debian packages Digital Trade needs to build, run and test.
# Installs only what is missing; safe to run again. Needs root (or sudo) on Debian 12 or newer.
set -euo pipefail

packages=(
  # build
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev
  libsqlite3-dev libjson-glib-dev libsoup-3.0-dev libroaring-dev
  # reports: Excel workbooks written and read, PDF briefings
  libxlsxwriter-dev libgsf-1-dev libxml2-dev libcairo2-dev libpango1.0-dev
  # validation of desktop integration
  desktop-file-utils appstream libglib2.0-bin
  # tests: a display, a session bus, locales, fonts for Chinese text
  xvfb xauth dbus dbus-x11 at-spi2-core locales fonts-noto-cjk fonts-cantarell
  adwaita-icon-theme hicolor-icon-theme librsvg2-common
  # benchmarks and hardening
  sqlite3 clang valgrind
  # checking exported reports: PDF text and fonts, workbooks opened by a real spreadsheet
  poppler-utils libreoffice-calc-nogui
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)

if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -q
  "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The UI tests and screenshots run in English and in Chinese; both locales must exist.
need_locales=()
for l in en_US.UTF-8 zh_CN.UTF-8; do
  locale -a 2>/dev/null | grep -qix "${l/UTF-8/utf8}" || need_locales+=("$l")
done
if [ ${#need_locales[@]} -gt 0 ]; then
  for l in "${need_locales[@]}"; do
    "${sudo_cmd[@]}" sed -i "s/^# *\(${l} UTF-8\)/\1/" /etc/locale.gen
    grep -q "^${l} UTF-8" /etc/locale.gen || echo "${l} UTF-8" | "${sudo_cmd[@]}" tee -a /etc/locale.gen >/dev/null
  done
  "${sudo_cmd[@]}" locale-gen
fi
