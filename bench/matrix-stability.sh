#!/usr/bin/env bash
# Runs every proven cell of the sensitivity matrix N times (default 5), the container cells included, and says, per
# cell, whether every run gave the same verdict. Each round is one `mvn verify` of the scenarios module's integration
# tests (about 35 minutes on 2 cores; the docker cells need a running Docker engine, as in .ci/run).
#   bench/matrix-stability.sh [N]            N new rounds; results: target/matrix-stability/{round-K/*.json,summary.md}
#   bench/matrix-stability.sh --add DIR      adds the cell results of another run of the same commit as a round (DIR is
#                                            a scenarios/target/sensitivity-matrix, e.g. from a fresh-clone .ci/run)
#   bench/matrix-stability.sh --summary      only rewrites summary.md
# Rounds accumulate until the code changes: a round of other code starts the record again (commits that change only
# *.md or bench/ do not). Each round keeps the code's commit (round-K/commit); the summary counts only rounds of it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/target/matrix-stability"
# the code a round ran: the last commit that changed anything but documentation and these scripts
head="$(git -C "$root" log -1 --format=%H -- . ':(exclude)*.md' ':(exclude)bench')"
mkdir -p "$out"
# as in .ci/run: Testcontainers without Ryuk and never pulling; every stack process and connection is a descriptor
export TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=localhost
ulimit -n 65536 2>/dev/null || true
next_round() {
  local k=1
  while [ -e "$out/round-$k" ]; do k=$((k + 1)); done
  echo "$k"
}
# a record of other code is set aside, not mixed in
for d in "$out"/round-*/; do
  [ -d "$d" ] || continue
  if [ "$(cat "$d/commit" 2>/dev/null)" != "$head" ]; then
    mkdir -p "$out/older" && mv "$d" "$out/older/$(basename "$d")-$(date +%s)"
  fi
done
mode="${1:-5}"
if [ "$mode" = "--add" ]; then
  src="${2:?--add needs a directory of cell results: scenarios/target/sensitivity-matrix of a run}"
  ls "$src"/*.json >/dev/null 2>&1 || { echo "matrix-stability: no cell results (*.json) in $src" >&2; exit 2; }
  k="$(next_round)"; mkdir -p "$out/round-$k"; cp "$src"/*.json "$out/round-$k/"
  echo "$head" > "$out/round-$k/commit"; echo "added $src as round $k" >&2
elif [ "$mode" != "--summary" ]; then
  [[ "$mode" =~ ^[1-9][0-9]*$ ]] || { echo "matrix-stability: N must be a positive number of rounds, got '$mode'" >&2; exit 2; }
  for _ in $(seq 1 "$mode"); do
    k="$(next_round)"
    echo "matrix-stability: round $k ($(date -u +%H:%M))" >&2
    rm -rf "$root/scenarios/target/sensitivity-matrix"
    (cd "$root" && mvn -B -q verify -pl scenarios -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
        -Dfailsafe.failIfNoSpecifiedTests=false -Dfuzz.skip=true \
        -Dit.test='io.exchangechaos.scenarios.*IT,io.exchangechaos.scenarios.docker.*IT') > "$out/round-$k.log" 2>&1 \
      || echo "matrix-stability: round $k had failing cells (see round-$k.log)" >&2
    mkdir -p "$out/round-$k" && cp "$root"/scenarios/target/sensitivity-matrix/*.json "$out/round-$k/" 2>/dev/null || true
    echo "$head" > "$out/round-$k/commit"
  done
fi
python3 - "$out" "$root/scenarios/src/test/java/io/exchangechaos/scenarios/SensitivityMatrix.java" <<'PY'
import json, sys, glob, os, collections, re
out = sys.argv[1]
rounds = sorted(glob.glob(os.path.join(out, "round-*", "")), key=lambda d: int(re.search(r"round-(\d+)", d).group(1)))
cells = collections.defaultdict(list)
for d in rounds:
    for f in sorted(glob.glob(os.path.join(d, "*.json"))):
        r = json.load(open(f))
        cells[(r["scenario"], r["stack"], r.get("backend", "local"))].append((r["verdict"], r["expected"]))
n = len(rounds)
lines = ["| scenario | stack | backend | expected | verdicts over %d rounds | stable |" % n, "|---|---|---|---|---|---|"]
for (scenario, stack, backend), runs in sorted(cells.items(), key=lambda kv: (kv[0][2] != "local", kv[0])):
    verdicts = collections.Counter(v for v, _ in runs)
    stable = len(runs) == n and len(verdicts) == 1 and runs[0][0] == runs[0][1]
    lines.append("| `%s` | `%s` | %s | %s | %s | %s |" % (scenario, stack, backend, runs[0][1],
        ", ".join("%s x%d" % kv for kv in sorted(verdicts.items())), "yes" if stable else "**no** (%d of %d rounds)" % (len(runs), n) if len(runs) != n else "**no**"))
open(os.path.join(out, "summary.md"), "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
