#!/usr/bin/env bash
# Installs the system packages courtsync needs on Debian 12 (the Swift toolchain itself must
# already be installed). Safe to run again: installs only what is missing.
set -euo pipefail
packages=(libsqlite3-dev libssl-dev libcurl4-openssl-dev sqlite3 openssl curl python3 python3-icalendar)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "installing: ${missing[*]}"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v swift >/dev/null || { echo "swift not found: install the Swift 6 toolchain first" >&2; exit 1; }
# Tests parse the .ics export with a real iCalendar parser. Debian's python3-icalendar serves the
# system python3; a python3 earlier in PATH (pyenv, a venv) gets it from PyPI.
if ! python3 -c 'import icalendar' 2>/dev/null; then
  echo "installing the icalendar Python package for $(command -v python3)"
  python3 -m pip install --quiet --disable-pip-version-check icalendar
fi
