#!/usr/bin/env bash
# The highest order rate one harness process can drive while its latency figures stay trustworthy (issue #4).
# An instant exchange (TrivialExchange, its own JVM) is driven at stepped rates, at each rate first by a plain
# fixed-rate JDK HttpClient loop (the baseline), then by the harness's Gatling load exactly as the runner uses it.
#
#   flock /tmp/chaos-heavy.lock bench/harness-rate.sh [RATES] [STEP_SECONDS]
#       RATES default 500,1000,2000,4000,8000; STEP_SECONDS default 20 (plus 10 s of discarded warm-up)
#   results: target/harness-rate/{summary.md,bench.log,server.log}
# Not part of `mvn verify`. The machine must not run another stack or benchmark meanwhile (hence the lock).
set -euo pipefail
rates="${1:-500,1000,2000,4000,8000}"
step="${2:-20}"
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/target/harness-rate"
# shellcheck source=bench-classpath.sh
. "$root/bench/bench-classpath.sh"
rm -rf "$out" && mkdir -p "$out"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || ulimit -n 65536 2>/dev/null || true

server=""
cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

java -Xmx256m -XX:+UseSerialGC -cp "$bench_cp" io.exchangechaos.core.bench.TrivialExchange 127.0.0.1:18080 \
  > "$out/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
  grep -q listening "$out/server.log" 2>/dev/null && break
  kill -0 "$server" 2>/dev/null || { cat "$out/server.log" >&2; exit 1; }
  sleep 0.1
done

{
  echo "## harness-rate: $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, git $(git -C "$root" rev-parse --short HEAD)"
  echo
  echo "Command: \`bench/harness-rate.sh $rates $step\`; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
} > "$out/summary.md"
# the harness JVM as ./chaos starts it
java -cp "$bench_cp" io.exchangechaos.core.bench.HarnessRateBench \
  --target http://127.0.0.1:18080/ --pids "$server" --rates "$rates" --step "$step" --warmup 10 --p99 10 \
  --out "$out/summary.md" 2>&1 | tee "$out/bench.log"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/summary.md"
echo "harness-rate: wrote $out/summary.md" >&2
