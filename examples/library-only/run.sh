#!/usr/bin/env bash
# Builds and runs the library-only example from a clean clone, as CI does (.ci/run):
# finds JDK 25, installs the four netns4j artifacts into the local Maven repository, checks
# them there, then builds this stand-alone project against the installed netns4j-core and
# runs it (as root). Extra Maven arguments for every mvn call go in NETNS4J_MAVEN_ARGS, e.g.
#   NETNS4J_MAVEN_ARGS=-Dmaven.repo.local=/tmp/m2/repository examples/library-only/run.sh
set -euo pipefail
HERE=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=../../scripts/jdk.sh
. "$ROOT/scripts/jdk.sh"
require_jdk25
require_maven
read -r -a extra <<< "${NETNS4J_MAVEN_ARGS:-}"
version=0.1.0-SNAPSHOT
start=$SECONDS

if [ "$(id -u)" -ne 0 ]; then
  echo "library-only: the example creates network namespaces and must run as root." >&2
  exit 1
fi

rm -rf "$HERE/target"
mkdir -p "$HERE/target"
log="$HERE/target/install.log"
echo "library-only: mvn -B -ntp -DskipTests install (JDK at $JAVA_HOME; log in $log)"
if ! (cd "$ROOT" && mvn -B -ntp "${extra[@]}" -DskipTests install) > "$log" 2>&1; then
  tail -50 "$log" >&2
  echo "library-only: mvn install failed" >&2
  exit 1
fi

# The four jars, where the install plugin says it put them in the local repository: each
# must be a plain jar of its own io/netns4j classes (nothing shaded, no snakeyaml inside).
for module in core lab junit cli; do
  jar=$(sed 's/\x1b\[[0-9;]*m//g' "$log" \
        | sed -n "s#^\[INFO\] Installing .* to \(.*/netns4j-$module-$version\.jar\)\$#\1#p" | tail -1)
  if [ -z "$jar" ] || [ ! -f "$jar" ]; then
    echo "library-only: mvn install did not install netns4j-$module-$version.jar" >&2
    exit 1
  fi
  foreign=$("$JAVA_HOME/bin/jar" tf "$jar" | grep '\.class$' | grep -v '^io/netns4j/' | grep -vx 'module-info.class' || true)
  if [ -n "$foreign" ]; then
    echo "library-only: $jar holds classes outside io/netns4j:" >&2
    echo "$foreign" | head -20 >&2
    exit 1
  fi
  echo "library-only: installed $jar ($("$JAVA_HOME/bin/jar" tf "$jar" | grep -c '\.class$') classes)"
  if [ "$module" = core ]; then core=$jar; fi
done
# The core must be io/netns4j alone (its Maven metadata aside) and must hold the API.
other=$("$JAVA_HOME/bin/jar" tf "$core" | grep -v '^META-INF/' | grep -v '^io/$' | grep -v '^io/netns4j/' | grep -vx 'module-info.class' || true)
if [ -n "$other" ] || ! "$JAVA_HOME/bin/jar" tf "$core" | grep -qx 'io/netns4j/Netns.class'; then
  echo "library-only: netns4j-core's jar is not a plain jar of io/netns4j:" >&2
  echo "${other:-(no io/netns4j/Netns.class)}" | head -20 >&2
  exit 1
fi

echo "library-only: building the example against the installed netns4j-core"
if ! (cd "$HERE" && mvn -B -ntp "${extra[@]}" package) > "$HERE/target/package.log" 2>&1; then
  tail -50 "$HERE/target/package.log" >&2
  echo "library-only: building the example failed" >&2
  exit 1
fi
deps=$(ls "$HERE/target/lib")
if [ "$deps" != "netns4j-core-$version.jar" ]; then
  echo "library-only: the example's class path should be netns4j-core alone, it is: $deps" >&2
  exit 1
fi

echo "library-only: java --enable-native-access=ALL-UNNAMED -cp target/classes:target/lib/* io.netns4j.examples.TwoNamespaces"
set +e
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$HERE/target/classes:$HERE/target/lib/*" \
    io.netns4j.examples.TwoNamespaces &
pid=$!
wait "$pid"
rc=$?
set -e
# The example names its namespaces n4jx-<its pid>-a and -b: neither may be left.
for ns in "n4jx-$pid-a" "n4jx-$pid-b"; do
  if [ -e "/run/netns/$ns" ]; then
    echo "library-only: the example left namespace $ns behind" >&2
    rc=1
  fi
done
if [ "$rc" -ne 0 ]; then
  echo "library-only: FAILED (exit $rc)" >&2
  exit "$rc"
fi
echo "library-only: OK in $((SECONDS - start)) s"
