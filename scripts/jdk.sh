# Finds a JDK of at least a given feature release without hand-set paths: JAVA_HOME first,
# then the java on PATH, then every JDK under /usr/lib/jvm (newest first). Sourced by the
# launcher, run-tests and .ci/run.

# Prints the feature release (e.g. 25) of the JDK at $1, or nothing.
jdk_release() {
  local home=$1 v
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 1
  if [ -f "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
  fi
  if [ -z "${v:-}" ]; then
    v=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = \([0-9]*\).*/\1/p')
  fi
  [ -n "${v:-}" ] && echo "$v"
}

# Prints the home of the first JDK whose release is >= $1, or fails.
find_jdk() {
  local want=$1 candidates=() c v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for c in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sed 's#/$##' | sort -rV); do candidates+=("$c"); done
  for c in "${candidates[@]}"; do
    v=$(jdk_release "$c") || continue
    if [ "$v" -ge "$want" ] 2>/dev/null; then
      echo "$c"
      return 0
    fi
  done
  return 1
}

# Sets JAVA_HOME to a JDK 25+, or exits with a message that says what to install.
require_jdk25() {
  local home
  if ! home=$(find_jdk 25); then
    echo "netns4j: no JDK 25 or newer found (looked at JAVA_HOME, PATH and /usr/lib/jvm)." >&2
    echo "Install one (e.g. Temurin 25) or point JAVA_HOME at it." >&2
    exit 1
  fi
  export JAVA_HOME=$home
  # Maven 3.8's Guice warns about sun.misc.Unsafe on JDK 24+; the flag keeps the output clean.
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
}

require_maven() {
  if ! command -v mvn >/dev/null 2>&1; then
    echo "netns4j: Maven is needed to build (Debian: apt-get install maven)." >&2
    exit 1
  fi
}
