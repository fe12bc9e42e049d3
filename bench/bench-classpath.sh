#!/usr/bin/env bash
# Sourced by the benchmark scripts: compiles harness-core's benchmark classes (they live with its tests, so no
# `mvn verify` phase runs them) and sets $bench_cp. BENCH_NO_BUILD=1 reuses the last build.
root="${root:?}"
cpfile="$root/harness-core/target/bench.cp"
if [ "${BENCH_NO_BUILD:-}" != "1" ] || [ ! -f "$cpfile" ]; then
  echo "bench: compiling (mvn -B -o -q test-compile -pl harness-core -am)" >&2
  (cd "$root" && mvn -B -o -q test-compile dependency:build-classpath -pl harness-core -am -Dfuzz.skip=true \
      -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test) >&2
fi
bench_cp="$root/harness-core/target/test-classes:$root/harness-core/target/classes:$(cat "$cpfile")"
