#!/usr/bin/env bash
# The test command: installs what is missing, checks module boundaries, builds with no warnings
# in courtsync's own code, and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/check-imports.sh
set +e
swift build --build-tests >.build-output.log 2>&1
status=$?
set -e
if [ $status -ne 0 ]; then
  grep -E "error:" .build-output.log | head -40 || tail -40 .build-output.log
  exit $status
fi
if grep -E "^$PWD/(Sources|Tests)/[^:]+:[0-9]+:[0-9]+: warning:" .build-output.log; then
  echo "the build has warnings in courtsync's code (see above)" >&2
  exit 1
fi
swift test --skip-build
