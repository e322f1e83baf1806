#!/usr/bin/env bash
# Keeps the layers of DESIGN.md §2 honest: each target may import only what its allow-list names
# (the compiler's explicit-import check misses transitive imports).
set -euo pipefail
cd "$(dirname "$0")/.."
declare -A allowed=(
  [CourtSyncModel]="Foundation Glibc Darwin"
  [CourtSyncStore]="Foundation CourtSyncModel GRDB GRDBSQLite Logging"
  [CourtSyncReplication]="Foundation CourtSyncModel CourtSyncStore Logging"
  [CourtSyncTransport]="Foundation Glibc Synchronization CourtSyncModel CourtSyncStore CourtSyncReplication Logging Hummingbird HummingbirdCore HummingbirdTLS NIOCore NIOPosix NIOHTTP1 HTTPTypes NIOSSL AsyncHTTPClient X509 Crypto SwiftASN1 ServiceLifecycle Yams"
  [CourtSyncReports]="Foundation CourtSyncModel CourtSyncStore"
  [CourtSyncSampleData]="Foundation CourtSyncModel CourtSyncStore"
  [CourtSyncCLI]="Foundation Glibc Darwin Synchronization ArgumentParser Logging ServiceLifecycle CourtSyncModel CourtSyncStore CourtSyncReplication CourtSyncTransport CourtSyncReports CourtSyncSampleData"
  [courtsync]="CourtSyncCLI"
  [courtsync-bench]="Foundation CourtSyncModel CourtSyncStore CourtSyncSampleData CourtSyncReplication CourtSyncTransport CourtSyncReports GRDB Logging ServiceLifecycle"
  [CourtSyncTestSupport]="Foundation Glibc Synchronization Logging ServiceLifecycle X509 CourtSyncModel CourtSyncStore CourtSyncReplication CourtSyncSampleData CourtSyncTransport"
)
status=0
for target in "${!allowed[@]}"; do
  dir="Sources/$target"
  [ -d "$dir" ] || continue
  while IFS= read -r line; do
    file=${line%%:*}
    module=$(sed -E 's/^.*import[[:space:]]+([A-Za-z_0-9]+).*/\1/' <<<"${line#*:}")
    if ! grep -qw -- "$module" <<<"${allowed[$target]}"; then
      echo "$file: $target may not import $module (allowed: ${allowed[$target]})" >&2
      status=1
    fi
  done < <(grep -rHE '^[[:space:]]*(@preconcurrency[[:space:]]+|@testable[[:space:]]+)?import[[:space:]]+[A-Za-z_0-9]+' "$dir" --include='*.swift' || true)
done
[ $status -eq 0 ] && echo "imports: every target within its layer"
exit $status
