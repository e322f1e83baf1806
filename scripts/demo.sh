#!/usr/bin/env bash
# The main job: installs what is missing, builds courtsync (release) and runs `courtsync demo`:
# the intermediate court 粤03, the districts 粤0304, 粤0305 and 粤0306 and the bar association as
# five nodes on 127.0.0.1, one nightly round, a conflict, statistics and a lawyer's case list.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
if [ -n "${COURTSYNC_BIN:-}" ]; then
  bin=$COURTSYNC_BIN                       # an existing build (developers)
else
  echo "== building courtsync (release; the first build takes several minutes)"
  swift build -c release --product courtsync 2>&1 | tail -n 1
  bin=.build/release/courtsync
fi
args=()
[ -n "${COURTSYNC_DEMO_DIR:-}" ] && args+=(--dir "$COURTSYNC_DEMO_DIR")
exec "$bin" demo "${args[@]}"
