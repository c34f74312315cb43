#!/usr/bin/env bash
# lab serve's page for a 200-node lab (1 router, 8 bridges, 191 hosts) in headless Chromium:
# time to first draw over N page loads, and ip link set down -> shown on the page
# (ViewFirstDrawBenchmark in lab's tests). Needs root and Debian's chromium.
#
#   bench/lab/view-first-draw.sh        # 5 page loads
#   bench/lab/view-first-draw.sh 10
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
# shellcheck source=../../scripts/jdk.sh
. "$ROOT/scripts/jdk.sh"
require_jdk25
require_maven
[ "$(id -u)" -eq 0 ] || { echo "$0: run as root (it creates namespaces)" >&2; exit 1; }
command -v chromium >/dev/null || { echo "$0: needs chromium (apt-get install chromium)" >&2; exit 1; }
cd "$ROOT"
mvn -B -ntp -q -o -pl core,lab -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/lab-bench.cp \
  -Dmdep.includeScope=test >/dev/null
CP="lab/target/test-classes:lab/target/classes:core/target/classes:core/target/test-classes:$(cat lab/target/lab-bench.cp)"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$CP" io.netns4j.lab.ViewFirstDrawBenchmark "${1:-5}"
