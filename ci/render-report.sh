#!/usr/bin/env bash
# Renders a run's report.html in headless Chromium to a PNG, offline.
#   ci/render-report.sh RUN_DIR OUT.png
# Installs nothing: expects `chromium` on PATH (Debian package `chromium`; .ci/run installs it).
# Network and background services are switched off, so a report that needed the network would show it.
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 RUN_DIR OUT.png   (RUN_DIR holds report.html, e.g. target/chaos-runs/region-loss/latest)" >&2
  exit 2
fi
run_dir=$1
out=$2
if [[ ! -f "$run_dir/report.html" ]]; then
  echo "$0: [$run_dir/report.html] does not exist; pass a run directory written by \`./chaos run\`" >&2
  exit 2
fi
if ! command -v chromium >/dev/null 2>&1; then
  echo "$0: chromium is not on PATH; install it (Debian: apt-get install -y chromium)" >&2
  exit 2
fi

page="file://$(cd "$run_dir" && pwd)/report.html"
mkdir -p "$(dirname "$out")"
out_abs="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --hide-scrollbars --user-data-dir="$profile" \
  --screenshot="$out_abs" --window-size=1280,2400 "$page" >/dev/null 2>&1

if [[ ! -s "$out_abs" ]]; then
  echo "$0: chromium wrote no screenshot to [$out_abs]" >&2
  exit 1
fi
echo "$out_abs"
