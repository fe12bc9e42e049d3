#!/usr/bin/env bash
# Sustained order rate and ack latency of the staged exchange (issue #2): each topology's stack is started in its
# own processes (`./chaos stack up`), and a separate load-generator JVM drives it with the harness's Gatling load
# at stepped open-model rates (the library scenarios' order mix, failover across the gateways), measuring achieved
# rate, ack p50/p99/p99.9, errors, the harness's trust rule and the CPU every process spends per order.
# The topologies run one after the other in the same invocation, so each is the other's baseline.
#
#   flock /tmp/chaos-heavy.lock bench/load-bench.sh [TOPOLOGIES] [RATES] [STEP_SECONDS] [WARMUP_SECONDS]
#       defaults: single-region,multi-region  50,100,150,200,300  25  15
#   results: target/load-bench/{summary.md,<topology>.log,<topology>-stack.log,steps/}
# Not part of `mvn verify`. Stacks use fixed loopback ports: no other stack may run meanwhile (hence the lock).
set -euo pipefail
topologies="${1:-single-region,multi-region}"
rates="${2:-50,100,150,200,300}"
step="${3:-25}"
warmup="${4:-15}"
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/target/load-bench"
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
    kill -0 "$p" 2>/dev/null && { echo "load-bench: killing leftover service pid $p" >&2; kill -KILL "$p" 2>/dev/null || true; }
  done
  stack=""
}
trap stop_stack EXIT
trap 'exit 130' INT TERM

{
  echo "## load-bench: $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, git $(git -C "$root" rev-parse --short HEAD)"
  echo
  echo "Command: \`bench/load-bench.sh $topologies $rates $step $warmup\`; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
} > "$out/summary.md"

IFS=',' read -r -a tops <<< "$topologies"
for t in "${tops[@]}"; do
  log="$out/$t-stack.log"
  (cd "$root" && exec ./chaos stack up --topology "$t") > "$log" 2>&1 &
  stack=$!
  # the endpoints block ends with its DNS line: wait for that, not for its first line, before reading the block
  for _ in $(seq 1 1200); do
    grep -q "^  DNS: " "$log" 2>/dev/null && break
    kill -0 "$stack" 2>/dev/null || { echo "load-bench: the $t stack did not start:" >&2; cat "$log" >&2; exit 1; }
    sleep 0.1
  done
  grep -q "^  DNS: " "$log" || { echo "load-bench: the $t stack did not come up in 120 s" >&2; exit 1; }
  entrypoints="$(sed -n '/order entry/,/services:/p' "$log" | grep -o 'http://[^ ]*' | paste -sd, -)"
  echo "load-bench: $t up ($(grep '^Stack' "$log")), entrypoints $entrypoints" >&2
  java -cp "$bench_cp" io.exchangechaos.core.bench.LoadBench \
    --label "$t" --entrypoints "$entrypoints" --pids "$stack" --rates "$rates" --step "$step" --warmup "$warmup" \
    --p99 50 --out "$out/summary.md" 2>&1 | tee "$out/$t.log"
  stop_stack
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/summary.md"
echo "load-bench: wrote $out/summary.md" >&2
