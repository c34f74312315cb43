#!/usr/bin/env bash
# Builds the test classes and runs the JMH benchmarks (core/src/test/java/io/netns4j/bench).
# Needs root: the benchmarks create namespaces named bench-<pid>-*, delete them in
# @TearDown, and this script sweeps that prefix again when it ends, however it ends.
#
#   bench/jmh.sh                       # all benchmarks, the defaults in their annotations:
#                                      # 1 fork, 3 x 1 s warm-up, 5 x 1 s measured (2 cores)
#   bench/jmh.sh LinkDump -i 10        # a regex and any JMH options (override those)
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
# shellcheck source=../scripts/jdk.sh
. "$ROOT/scripts/jdk.sh"
require_jdk25
require_maven
[ "$(id -u)" -eq 0 ] || { echo "bench/jmh.sh: run as root (the benchmarks create namespaces)" >&2; exit 1; }

PREFIX="bench-$$-"
sweep() {
  local f
  for f in /run/netns/"$PREFIX"*; do
    [ -e "$f" ] && ip netns delete "$(basename "$f")" 2>/dev/null || true
  done
}
trap sweep EXIT

cd "$ROOT"
# Offline first; online once if the JMH jars are not in ~/.m2 yet.
mvn -o -q -B -ntp -pl core test-compile 2>/dev/null || mvn -q -B -ntp -pl core test-compile

mkdir -p target/jmh
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -Dnetns4j.bench.prefix="$PREFIX" \
  -cp "core/target/test-classes:core/target/classes:$(cat core/target/test-classpath.txt)" \
  org.openjdk.jmh.Main -rf json -rff target/jmh/result.json "$@"

# Summary: min and median per benchmark, and the median's ratio to the netns4j reference
# of its class (getLinkLo, dump, addDelete). Needs SampleTime mode (the default here).
echo
jq -r '
  {NetlinkRoundTripBenchmark: "getLinkLo", LinkDumpBenchmark: "dump", NamespaceAddDeleteBenchmark: "addDelete",
   RunInsideBenchmark: "call", ExecBenchmark: "netns4jExecTrue"} as $ref
  | map(select(.primaryMetric.scorePercentiles["50.0"] != null) | {
      cls: (.benchmark | split(".")[-2]), m: (.benchmark | split(".")[-1]),
      n: ([.primaryMetric.rawDataHistogram[][][][1]] | add),
      min: .primaryMetric.scorePercentiles["0.0"], med: .primaryMetric.scorePercentiles["50.0"]})
  | . as $all
  | (["benchmark", "samples", "min_us", "median_us", "median/netns4j"] | @tsv),
    (.[] | . as $r | ([$all[] | select(.cls == $r.cls and .m == $ref[$r.cls])][0]) as $b
      | [$r.cls + "." + $r.m, $r.n, ($r.min * 10 | round / 10), ($r.med * 10 | round / 10),
         (if $b then ($r.med / $b.med * 100 | round / 100) else "-" end)] | @tsv)
' target/jmh/result.json | column -t
