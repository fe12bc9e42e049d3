#!/usr/bin/env bash
# Overload and recovery of the staged exchange (issue #22): the stack is started in its own processes
# (`./chaos stack up`), and a separate load-generator JVM drives it with the harness's Gatling load at a base rate,
# then at twice its saturation rate for OVERLOAD_SECONDS, then at the base rate again. It reports per phase what was
# acknowledged (rate, p50/p99/max), what was shed (failed or rejected, nothing done) and what stayed unknown, the
# most file descriptors every process held, and how long after the surge the latency and errors were back to the
# base phase's.
#
#   flock /tmp/chaos-heavy.lock bench/overload-bench.sh [TOPOLOGY] [SATURATION_RATE] [OVERLOAD_SECONDS] [BASE_RATE]
#       defaults: multi-region  1000  60  SATURATION_RATE/2   (surge = 2 x SATURATION_RATE)
#   results: target/overload-bench/{summary.md,<topology>.log,<topology>-stack.log,steps/}
# Not part of `mvn verify`. Stacks use fixed loopback ports: no other stack may run meanwhile (hence the lock).
set -euo pipefail
topology="${1:-multi-region}"
saturation="${2:-1000}"
overload="${3:-60}"
base="${4:-$((saturation / 2))}"
surge="$((saturation * 2))"
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/target/overload-bench"
# shellcheck source=bench-classpath.sh
. "$root/bench/bench-classpath.sh"
rm -rf "$out" && mkdir -p "$out"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || ulimit -n 65536 2>/dev/null || true

stack=""
descendants() { local p; for p in $(ps -o pid= --ppid "$1" 2>/dev/null); do echo "$p"; descendants "$p"; done; }
stop_stack() {
  [ -n "$stack" ] || return 0
  local kids=""
  if kill -0 "$stack" 2>/dev/null; then
    kids="$(descendants "$stack")"
    kill -TERM "$stack" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "$stack" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$stack" 2>/dev/null && kill -KILL "$stack" 2>/dev/null
  fi
  wait "$stack" 2>/dev/null || true
  # a service the stack failed to stop (it happened: the stack's JVM ran out of file descriptors) is killed here,
  # or it keeps its fixed address and the next stack cannot start
  local p
  for p in $kids; do
    kill -0 "$p" 2>/dev/null && { echo "overload-bench: killing leftover service pid $p" >&2; kill -KILL "$p" 2>/dev/null || true; }
  done
  stack=""
}
trap stop_stack EXIT
trap 'exit 130' INT TERM

{
  echo "## overload-bench: $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, git $(git -C "$root" rev-parse --short HEAD)"
  echo
  echo "Command: \`bench/overload-bench.sh $topology $saturation $overload $base\`; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
} > "$out/summary.md"

t="$topology"
log="$out/$t-stack.log"
(cd "$root" && exec ./chaos stack up --topology "$t") > "$log" 2>&1 &
stack=$!
# the endpoints block ends with its DNS line: wait for that, not for its first line, before reading the block
for _ in $(seq 1 1200); do
  grep -q "^  DNS: " "$log" 2>/dev/null && break
  kill -0 "$stack" 2>/dev/null || { echo "overload-bench: the $t stack did not start:" >&2; cat "$log" >&2; exit 1; }
  sleep 0.1
done
grep -q "^  DNS: " "$log" || { echo "overload-bench: the $t stack did not come up in 120 s" >&2; exit 1; }
entrypoints="$(sed -n '/order entry/,/services:/p' "$log" | grep -o 'http://[^ ]*' | paste -sd, -)"
echo "overload-bench: $t up ($(grep '^Stack' "$log")), entrypoints $entrypoints" >&2
java -cp "$bench_cp" io.exchangechaos.core.bench.OverloadBench \
  --label "$t" --entrypoints "$entrypoints" --pids "$stack" --base "$base" --surge "$surge" --before 20 \
  --overload "$overload" --after 30 --warmup 15 --out "$out/summary.md" 2>&1 | tee "$out/$t.log"
if grep -q "Too many open files" "$log" "$out"/*.log 2>/dev/null; then
  echo "**Too many open files** in: $(grep -l "Too many open files" "$log" "$out"/*.log | xargs -n1 basename | paste -sd, -)" >> "$out/summary.md"
fi
stop_stack
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/summary.md"
echo "overload-bench: wrote $out/summary.md" >&2
