#!/usr/bin/env bash
# The main job: installs what is missing, builds courtsync, creates a district node for
# 粤0304 (福田区人民法院), imports generated sample data and lists the newest cases.
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
work=${COURTSYNC_DEMO_DIR:-$(mktemp -d -t courtsync-demo-XXXXXX)}
echo "== working in $work"
"$bin" init --data-dir "$work/gd0304" --node-id gd0304 --role district --court 粤0304
"$bin" generate --court 粤0304 --cases 3000 --seed 2020 --out "$work/gd0304-export.ndjson"
"$bin" import --data-dir "$work/gd0304" "$work/gd0304-export.ndjson"
echo "== the newest cases"
"$bin" case list --data-dir "$work/gd0304" --limit 10
first=$("$bin" case list --data-dir "$work/gd0304" --limit 1 --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["case_number"])')
echo "== one case in full"
"$bin" case show --data-dir "$work/gd0304" "$first"
echo "== the change log records every write for the peers"
"$bin" changes --data-dir "$work/gd0304" --limit 5
echo "== data kept in $work (remove it when done)"
