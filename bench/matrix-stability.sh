#!/usr/bin/env bash
# Runs every proven cell of the sensitivity matrix N times (default 5) and says, per cell, whether every run gave
# the same verdict. Each round is one `mvn verify` of the scenarios module (about 25 minutes on 2 cores).
#   bench/matrix-stability.sh [N]        results: target/matrix-stability/{round-K/*.json,summary.md}
set -euo pipefail
n="${1:-5}"
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/target/matrix-stability"
rm -rf "$out" && mkdir -p "$out"
for k in $(seq 1 "$n"); do
  echo "matrix-stability: round $k of $n" >&2
  rm -rf "$root/scenarios/target/sensitivity-matrix"
  (cd "$root" && mvn -B -q verify -pl scenarios -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
      -Dit.test='io.exchangechaos.scenarios.*IT') > "$out/round-$k.log" 2>&1 || echo "matrix-stability: round $k had failing cells (see round-$k.log)" >&2
  mkdir -p "$out/round-$k" && cp "$root"/scenarios/target/sensitivity-matrix/*.json "$out/round-$k/" 2>/dev/null || true
done
python3 - "$out" "$n" <<'PY'
import json, sys, glob, os, collections
out, n = sys.argv[1], int(sys.argv[2])
cells = collections.defaultdict(list)
for f in sorted(glob.glob(os.path.join(out, "round-*", "*.json"))):
    r = json.load(open(f))
    cells[(r["scenario"], r["stack"])].append((r["verdict"], r["expected"], r["failed"]))
lines = ["| scenario | stack | expected | verdicts over %d runs | stable |" % n, "|---|---|---|---|---|"]
for (scenario, stack), runs in sorted(cells.items()):
    verdicts = collections.Counter(v for v, _, _ in runs)
    stable = len(runs) == n and len(verdicts) == 1 and runs[0][0] == runs[0][1]
    lines.append("| `%s` | `%s` | %s | %s | %s |" % (scenario, stack, runs[0][1],
        ", ".join("%s x%d" % kv for kv in sorted(verdicts.items())), "yes" if stable else "**no**"))
open(os.path.join(out, "summary.md"), "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
