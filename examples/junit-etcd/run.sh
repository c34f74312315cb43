#!/usr/bin/env bash
# Builds and tests this example against the netns4j artifacts installed in the local Maven
# repository (examples/library-only/run.sh installs them; CI runs that first), as root.
# Extra Maven arguments go in NETNS4J_MAVEN_ARGS, as for examples/library-only/run.sh.
set -euo pipefail
HERE=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=../../scripts/jdk.sh
. "$ROOT/scripts/jdk.sh"
require_jdk25
require_maven
read -r -a extra <<< "${NETNS4J_MAVEN_ARGS:-}"
# JUNIT_VERSION: the JUnit Jupiter to build and run the test with (default: the pom's)
[ -n "${JUNIT_VERSION:-}" ] && extra+=("-Djunit.version=$JUNIT_VERSION")
if [ "$(id -u)" -ne 0 ]; then
  echo "$(basename "$HERE"): the example's tests create network namespaces and must run as root." >&2
  exit 1
fi
if ! command -v etcd >/dev/null; then
  echo "$(basename "$HERE"): needs Debian's etcd (apt-get install etcd-server; .ci/run and the README's first command install it)." >&2
  exit 1
fi
start=$SECONDS
rm -rf "$HERE/target"
mkdir -p "$HERE/target"
echo "$(basename "$HERE"): mvn -B -ntp test (against the installed netns4j-junit and Debian's etcd)"
if ! (cd "$HERE" && mvn -B -ntp "${extra[@]}" test) > "$HERE/target/test.log" 2>&1; then
  tail -80 "$HERE/target/test.log" >&2
  echo "$(basename "$HERE"): FAILED (log in $HERE/target/test.log)" >&2
  exit 1
fi
grep -E "Tests run:|: (Linearizable|Not linearizable)|^etcd: " "$HERE/target/test.log" | sed 's/^/  /' | head -20
echo "$(basename "$HERE"): OK in $((SECONDS - start)) s"
