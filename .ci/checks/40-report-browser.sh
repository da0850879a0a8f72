#!/usr/bin/env bash
# The HTML report in a real browser: Debian's headless Chromium (installed
# from .ci/apt/report.txt) driven by playwright-core, installed here from
# tests/browser/package-lock.json. Builds the sample graph from corpus/,
# searches, clicks through to the evidence, filters, sorts, pans and zooms;
# opens reports full of hostile names and sentences and checks that nothing
# ran; prints size and time to first paint.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -x /usr/bin/chromium ] && [ -z "${CHROMIUM:-}" ]; then
  echo "chromium is missing: .ci/test installs it from .ci/apt/report.txt" >&2
  exit 1
fi
casegraph="$PWD/target/release/casegraph"
cd tests/browser
npm ci --no-audit --no-fund --loglevel=error
CASEGRAPH="$casegraph" node --test
