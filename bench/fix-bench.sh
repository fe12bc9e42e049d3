#!/usr/bin/env bash
# FIX order round trip (NewOrderSingle -> ExecutionReport NEW) beside REST place latency, in the same run, against
# the single-region stack with FIX on at its gateway (issue #23): the shipped topology with `--fix-listen` and
# `--fix-data` added to the gateway and a proxied link for FIX in front of it, written to target/fix-bench/; then
# `FixAckBench` (exchange-stack's test classes) drives both protocols at the same steady rate at once.
#
#   flock /tmp/chaos-heavy.lock bench/fix-bench.sh [RATE_PER_PROTOCOL] [ORDERS] [WARMUP_S]
#       defaults: 250  10000  15          -> target/fix-bench/summary.md
# BENCH_NO_BUILD=1 reuses the last build (compile outside the lock, then run under it).
# Not part of `mvn verify`. The stack uses fixed loopback ports: no other stack may run meanwhile (hence the lock).
set -euo pipefail
rate="${1:-250}"
orders="${2:-10000}"
warmup="${3:-15}"
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/target/fix-bench"
rm -rf "$out" && mkdir -p "$out"

if [ "${BENCH_NO_BUILD:-}" != "1" ] || [ ! -f "$root/exchange-stack/target/bench.cp" ]; then
  echo "fix-bench: compiling (the cli and the stack, then the stack's test classes)" >&2
  (cd "$root" && mvn -B -o -q package -pl cli,exchange-stack -am -Dmaven.test.skip=true -Dfuzz.skip=true \
    && mvn -B -o -q test-compile dependency:build-classpath -pl exchange-stack -Dfuzz.skip=true \
        -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test) >&2
fi
cp="$root/exchange-stack/target/test-classes:$root/exchange-stack/target/classes:$(cat "$root/exchange-stack/target/bench.cp")"

# the shipped single-region topology, FIX on at its gateway and proxied like its REST port
topology="$out/single-region-fix.yaml"
sed -e 's|"--dependency-url", "http://127.0.0.41:8600", "--weakness", "${weakness}"\]|"--dependency-url", "http://127.0.0.41:8600", "--weakness", "${weakness}",\n            "--fix-listen", "127.0.1.10:9878", "--fix-data", "${runDir}/data/gateway-r1-fix"]|' \
    -e 's|^  - {name: client-gateway-r1, .*|&\n  - {name: client-fix-gateway-r1, from: client, to: gateway-r1, listen: 127.0.1.11:9878, upstream: 127.0.1.10:9878}|' \
    "$root/exchange-stack/topologies/single-region.yaml" > "$topology"
grep -q -- '--fix-listen' "$topology" && grep -q client-fix-gateway-r1 "$topology" \
  || { echo "fix-bench: could not add FIX to the single-region topology; has its gateway's start line changed?" >&2; exit 1; }

stack=""
stop_stack() {
  [ -n "$stack" ] || return 0
  kill -TERM "$stack" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$stack" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$stack" 2>/dev/null && kill -KILL "$stack" 2>/dev/null
  wait "$stack" 2>/dev/null || true
  stack=""
}
trap stop_stack EXIT
trap 'exit 130' INT TERM

log="$out/stack.log"
(cd "$root" && CHAOS_NO_BUILD=1 exec ./chaos stack up --topology "$topology") > "$log" 2>&1 &
stack=$!
for _ in $(seq 1 1200); do
  grep -q "^Stack .* up in" "$log" 2>/dev/null && break
  kill -0 "$stack" 2>/dev/null || { echo "fix-bench: the stack did not start:" >&2; cat "$log" >&2; exit 1; }
  sleep 0.1
done
grep -q "^Stack .* up in" "$log" || { echo "fix-bench: the stack did not come up in 120 s" >&2; exit 1; }

{
  echo "## fix-bench: $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, git $(git -C "$root" rev-parse --short HEAD)"
  echo
  echo "Command: \`bench/fix-bench.sh $rate $orders $warmup\`; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
} > "$out/summary.md"
java -Xmx512m -cp "$cp" io.exchangechaos.stack.gateway.FixAckBench --rest http://127.0.1.11:8080 --fix 127.0.1.11:9878 \
  --rate "$rate" --orders "$orders" --warmup "$warmup" --out "$out/summary.md"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/summary.md"
echo "fix-bench: wrote $out/summary.md" >&2
