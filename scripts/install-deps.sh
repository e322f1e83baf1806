#!/usr/bin/env bash
# Installs the system packages courtsync needs on Debian 12 (the Swift toolchain itself must
# already be installed). Safe to run again: installs only what is missing.
set -euo pipefail
packages=(libsqlite3-dev libssl-dev libcurl4-openssl-dev sqlite3 openssl curl python3)
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
