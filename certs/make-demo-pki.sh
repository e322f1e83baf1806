#!/usr/bin/env bash
# Makes a throw-away PKI for the demo federation: a CA and node certificates for gd03, gd0304,
# gd0305, gd0306 and szbar, each with the DNS names <id>.nodes.courtsync.test and localhost and the
# IP address 127.0.0.1 (so the demo also works without DNS). FOR DEMOS AND TESTS ONLY: the keys are
# not protected, and IP addresses in a real certificate weaken the client's check (see README.md).
#
# Usage: certs/make-demo-pki.sh [DIR]      (default: a new directory under $TMPDIR)
# Uses $COURTSYNC, else .build/debug/courtsync of this package (run `swift build` first).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
courtsync="${COURTSYNC:-$here/../.build/debug/courtsync}"
if [ ! -x "$courtsync" ]; then
  echo "Error: no courtsync executable at $courtsync" >&2
  echo "Hint: run \`swift build\` in $(cd "$here/.." && pwd), or set COURTSYNC to the executable" >&2
  exit 1
fi

repo="$(cd "$here/.." && pwd -P)"
out="${1:-$(mktemp -d "${TMPDIR:-/tmp}/courtsync-demo-pki.XXXXXX")}"
mkdir -p "$out"
out="$(cd "$out" && pwd -P)"
case "$out/" in
  "$repo"/*)
    rmdir "$out" 2>/dev/null || true
    echo "Error: $out is inside the repository; private keys must never be written there" >&2
    echo "Hint: give a directory outside $repo, or none for a new temporary directory" >&2
    exit 1 ;;
esac
chmod 700 "$out"

"$courtsync" certs ca --dir "$out/ca" --name "courtsync demo CA (throw-away)" \
  --organization "courtsync demo federation" --days 365 >/dev/null

for node in gd03 gd0304 gd0305 gd0306 szbar; do
  # stdout (the details) is dropped; stderr is kept for errors, without the note about IP SANs.
  if ! errors=$("$courtsync" certs issue --ca-dir "$out/ca" --node-id "$node" \
      --dns "$node.nodes.courtsync.test" --dns localhost --ip 127.0.0.1 \
      --days 90 --out "$out/nodes" 2>&1 >/dev/null); then
    echo "$errors" >&2
    exit 1
  fi
done

echo
echo "Demo PKI in $out:"
printf '  %-26s%s\n' "ca/ca.pem" "the CA certificate (every node's CA file)"
printf '  %-26s%s\n' "ca/ca.key" "the CA's private key (0600)"
for node in gd03 gd0304 gd0305 gd0306 szbar; do
  printf '  %-26s%s\n' "nodes/$node.pem, .key" \
    "$("$courtsync" certs show "$out/nodes/$node.pem" | sed -n 's/^pin: *//p')"
done
echo "Check one with: openssl verify -CAfile $out/ca/ca.pem $out/nodes/gd0304.pem"
