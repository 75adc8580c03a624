#!/usr/bin/env bash
# Voice benchmark: 1,000 generated MJML blocks against 150 generated Vale-style rules, on one
# core (release build). When the reference `vale` binary is on PATH, it lints the same files
# (as XML-ish text: Vale has no MJML support) in the same run for a side-by-side figure.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product VoiceBench >/dev/null
dir="${TMPDIR:-/tmp}/voicebench-files"
taskset -c 0 .build/release/VoiceBench "${1:-11}" --write "$dir"
if command -v vale >/dev/null 2>&1; then
  start=$(date +%s.%N)
  (cd "$dir" && taskset -c 0 vale --no-exit --output=line blocks >/dev/null) || true
  end=$(date +%s.%N)
  echo "vale (reference): $(echo "$end - $start" | bc) s for the same 1000 files"
else
  echo "vale (reference): not installed here (no prebuilt binary reachable); Voice figure only"
fi
