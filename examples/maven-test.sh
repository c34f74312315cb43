#!/usr/bin/env bash
# Builds and tests an example's Maven project against the netns4j artifacts installed in the
# local Maven repository (examples/library-only/run.sh installs them; CI runs that first), as
# root; shared by the examples' run.sh. Usage: maven-test.sh DIR WHAT
#   DIR   the example's directory;  WHAT  what it is tested against, for the first line
# Environment: NETNS4J_MAVEN_ARGS (extra Maven arguments, as for examples/library-only/run.sh),
# JUNIT_VERSION (the JUnit Jupiter to build and run with; default: the pom's).
set -euo pipefail
HERE=$(cd "$1" && pwd)
WHAT=$2
NAME=$(basename "$HERE")
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
# shellcheck source=../scripts/jdk.sh
. "$ROOT/scripts/jdk.sh"
require_jdk25
require_maven
read -r -a extra <<< "${NETNS4J_MAVEN_ARGS:-}"
[ -n "${JUNIT_VERSION:-}" ] && extra+=("-Djunit.version=$JUNIT_VERSION")
if [ "$(id -u)" -ne 0 ]; then
  echo "$NAME: the example's tests create network namespaces and must run as root." >&2
  exit 1
fi
start=$SECONDS
rm -rf "$HERE/target"
mkdir -p "$HERE/target"
echo "$NAME: mvn -B -ntp test (against $WHAT; JUnit Jupiter ${JUNIT_VERSION:-of the pom})"
if ! (cd "$HERE" && mvn -B -ntp "${extra[@]}" test) > "$HERE/target/test.log" 2>&1; then
  tail -80 "$HERE/target/test.log" >&2
  echo "$NAME: FAILED (log in $HERE/target/test.log)" >&2
  exit 1
fi
grep -E "Tests run:|^[a-z]+: (Linearizable|Not linearizable|leader)" "$HERE/target/test.log" | sed 's/^/  /' | head -20
echo "$NAME: OK in $((SECONDS - start)) s"
